//go:build !unix

package tooltest

import "testing"

// Unprivileged skips the test where permission bits are not Unix's.
func Unprivileged(t *testing.T) bool {
	t.Skip("permission bits are tested on Unix")
	return false
}

// Package tooltest finds the external programs that some tests need
// (LibreOffice, poppler's pdftotext and pdfinfo). On a developer's machine
// a missing program skips the test; in CI (the environment variable CI is
// set, as .ci/run has it) it fails the test, so that CI cannot go green by
// skipping what it was meant to check.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the named program, or ends the test: Skip
// outside CI, Fatal in CI.
func Need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is needed by this test and is not installed (CI is set, so this fails rather than skips): %v", name, err)
	}
	t.Skipf("%s not installed: skipped (it fails when CI is set)", name)
	return ""
}

//go:build !unix

package firstgc

// addressSpaceLimited: no such limit here.
func addressSpaceLimited() bool { return false }

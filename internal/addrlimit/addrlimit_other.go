//go:build !unix

// Package addrlimit tells whether the process runs under a limit of its
// address space; there is no such limit here.
package addrlimit

// Limited reports false: no such limit here.
func Limited() bool { return false }

//go:build !(linux && (amd64 || arm64))

package hugeheap

var applied int64

// Reserve does nothing here: the heap stays as the runtime maps it.
func Reserve(input int64) {}

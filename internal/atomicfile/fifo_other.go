//go:build !unix

package atomicfile

import "os"

func openThrough(t target, flag int) (*os.File, error) { return os.OpenFile(t.path, flag, 0) }

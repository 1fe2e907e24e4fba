//go:build unix && !linux

package inputfile

// populate leaves the pages to fault in as they are read.
func populate([]byte) {}

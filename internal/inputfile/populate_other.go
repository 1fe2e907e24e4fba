//go:build unix && !linux

package inputfile

const mapPopulate = 0

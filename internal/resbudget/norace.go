//go:build !race

package resbudget

// Race is true when the race detector is on.
const Race = false

//go:build !unix

package pdf

import "time"

// cpuTime is not measured off Unix; the metric then reads 0.
func cpuTime() time.Duration { return 0 }

package firstgc

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent reads the collector's percentage.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestDelayUntilFirstCollection(t *testing.T) {
	t.Setenv("GOGC", "") // as when the user did not set it
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	Delay(400)
	if got := gcPercent(); got != 400 {
		t.Fatalf("before the first collection: GOGC %d, want 400", got)
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for gcPercent() != 100 {
		if time.Now().After(deadline) {
			t.Fatalf("after a collection: GOGC still %d, want 100 back", gcPercent())
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

func TestDelayLeavesTheUsersChoice(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, c := range []struct {
		env  string
		set  int
		want int
	}{
		{"50", 50, 50}, // GOGC in the environment: left alone
		{"", -1, -1},   // collector off: stays off
		{"", 800, 800}, // already higher: not lowered
	} {
		t.Setenv("GOGC", c.env)
		debug.SetGCPercent(c.set)
		Delay(400)
		if got := gcPercent(); got != c.want {
			t.Errorf("GOGC=%q, percent %d: Delay(400) left %d, want %d", c.env, c.set, got, c.want)
		}
	}
}

package firstgc

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// gcPercent reads the collector's percentage without setting it: setting
// and setting back (debug.SetGCPercent twice) lost Delay's cleanup when it
// ran in between, and GOGC stayed at the delay's percentage.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
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

func TestHoldUntilReleased(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	release := Hold(64 << 20)
	if got := gcPercent(); got != -1 {
		t.Fatalf("while held: GOGC %d, want off", got)
	}
	// The limit is the budget above what the process holds.
	if got := debug.SetMemoryLimit(-1); got < 64<<20 || got > int64(ms.Sys)+64<<20+64<<20 {
		t.Fatalf("while held: memory limit %d, want 64 MB above the %d bytes held", got, ms.Sys)
	}
	release()
	if got := gcPercent(); got != 100 {
		t.Fatalf("released: GOGC %d, want 100 back", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("released: memory limit %d, want none", got)
	}
}

func TestHoldLeavesTheUsersChoice(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, c := range []struct {
		gogc, memlimit string
		budget         int64
	}{
		{"50", "", 64 << 20},   // GOGC in the environment
		{"", "1GiB", 64 << 20}, // GOMEMLIMIT in the environment
		{"", "", 0},            // no budget
	} {
		t.Setenv("GOGC", c.gogc)
		t.Setenv("GOMEMLIMIT", c.memlimit)
		release := Hold(c.budget)
		if got := gcPercent(); got != 100 {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q budget %d: GOGC %d, want 100 left", c.gogc, c.memlimit, c.budget, got)
		}
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q budget %d: memory limit %d set", c.gogc, c.memlimit, c.budget, got)
		}
		release()
	}
}

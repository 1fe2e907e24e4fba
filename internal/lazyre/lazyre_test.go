package lazyre

import (
	"fmt"
	"sync"
	"testing"
)

func TestLazy(t *testing.T) {
	r := New(`^(\d+)-(\d+)$`)
	if r.rx != nil {
		t.Fatal("compiled before use")
	}
	if m := r.FindStringSubmatch("12-34"); len(m) != 3 || m[2] != "34" {
		t.Errorf("FindStringSubmatch = %q", m)
	}
	if !r.MatchString("1-2") || r.MatchString("x") || r.String() != `^(\d+)-(\d+)$` {
		t.Error("MatchString or String")
	}
	New(`(`)
	if _, err := CompileAll(); err == nil {
		t.Error("CompileAll accepts an invalid pattern")
	}
}

// Many goroutines using a pattern for the first time at once (the web
// server's requests) compile it once and all get its matches; -race
// checks they share nothing unguarded.
func TestLazyConcurrentFirstUse(t *testing.T) {
	r := New(`^(\d+)-(\d+)$`)
	var wg sync.WaitGroup
	bad := make(chan string, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if m := r.FindStringSubmatch("12-34"); len(m) != 3 || m[1] != "12" {
				bad <- fmt.Sprint(m)
			}
		}()
	}
	wg.Wait()
	close(bad)
	for m := range bad {
		t.Errorf("FindStringSubmatch = %s", m)
	}
	if r.Regexp() != r.Regexp() {
		t.Error("compiled more than once")
	}
}

package lazyre

import (
	"fmt"
	"regexp"
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
	compiled := make([]*regexp.Regexp, 16)
	bad := make(chan string, len(compiled))
	for g := range compiled {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if m := r.FindStringSubmatch("12-34"); len(m) != 3 || m[1] != "12" {
				bad <- fmt.Sprint(m)
			}
			compiled[g] = r.Regexp()
		}()
	}
	wg.Wait()
	close(bad)
	for m := range bad {
		t.Errorf("FindStringSubmatch = %s", m)
	}
	for _, c := range compiled {
		if c != compiled[0] {
			t.Fatal("compiled more than once")
		}
	}
}

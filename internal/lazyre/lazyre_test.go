package lazyre

import "testing"

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

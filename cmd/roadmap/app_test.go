package main

import (
	"reflect"
	"testing"
)

func TestPermuteArgs(t *testing.T) {
	app := newApp()
	cases := []struct{ in, want []string }{
		{[]string{"roadmap", "report", "plan.json", "--quarter", "2022Q1", "-o", "r.pdf"},
			[]string{"roadmap", "report", "--quarter", "2022Q1", "-o", "r.pdf", "--", "plan.json"}},
		{[]string{"roadmap", "report", "--quarter=2022Q1", "plan.json"},
			[]string{"roadmap", "report", "--quarter=2022Q1", "--", "plan.json"}},
		{[]string{"roadmap", "build", "a", "--quiet", "b", "-o", "out"},
			[]string{"roadmap", "build", "--quiet", "-o", "out", "--", "a", "b"}},
		{[]string{"roadmap", "build", "--", "-odd-name"},
			[]string{"roadmap", "build", "--", "-odd-name"}},
		{[]string{"roadmap", "--help"}, []string{"roadmap", "--help"}},
		{[]string{"roadmap", "nosuch", "x", "-y"}, []string{"roadmap", "nosuch", "x", "-y"}},
	}
	for _, c := range cases {
		if got := permuteArgs(app, c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("permuteArgs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

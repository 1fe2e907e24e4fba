package plan

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRemoveRepeatsInRuns compares RemoveRepeats with the map it does
// without on sorted lists (the build's), on unsorted ones and on sorted
// ones with long runs of one position and code, drawn at random from few
// positions, codes and texts so that repeats are many.
func TestRemoveRepeatsInRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	files, codes, texts := []string{"a", "b"}, []string{"x", "y", "z"}, []string{"", "t", "u", "v"}
	for round := range 3000 {
		n := rng.IntN(40)
		if round%10 == 0 {
			n = 100 + rng.IntN(100) // runs longer than maxRepeatRun
		}
		var l Diagnostics
		for range n {
			pos := Pos{File: files[rng.IntN(len(files))], Line: rng.IntN(3), Col: rng.IntN(2)}
			l.Add(pos, Warning, codes[rng.IntN(len(codes))], "m", texts[rng.IntN(len(texts))])
		}
		if round%3 != 0 {
			l.Sort()
		}
		want := slices.Clone(l)
		want.removeRepeatsMap()
		l.RemoveRepeats()
		if !slices.Equal(l, want) {
			t.Fatalf("round %d: got %v, want %v", round, l, want)
		}
	}
}

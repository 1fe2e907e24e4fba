package normalize

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// arabicRE is what matchArabic matches.
var arabicRE = regexp.MustCompile(`^(\d{1,6}(?:\.\d{1,6})*)([.)])?$`)

// TestMatchArabic checks the hand-written matcher against arabicRE on
// fixed cases and on random strings over digits, dots and parentheses.
func TestMatchArabic(t *testing.T) {
	cases := []string{"", "1", "1.", "1)", "12.3.", "1.2.3", "123.456", "1234", "1.2345", "1..2", ".1", "1.)",
		"1.2)", "1 ", "01.09", "1.1.1.1.1", "2021", "1.а", "1,2", "999)", "1.2.3.)"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789..)) a"
	for range 20000 {
		b := make([]byte, rng.IntN(9))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		path, suffix, ok := matchArabic(s)
		m := arabicRE.FindStringSubmatch(s)
		if ok != (m != nil) || ok && (path != m[1] || suffix != m[2]) {
			t.Fatalf("matchArabic(%q) = %q, %q, %v; arabicRE gives %q", s, path, suffix, ok, m)
		}
		if ok {
			// splitPath reads what matchArabic matched as the groups'
			// numbers.
			var want []int
			for _, g := range strings.Split(path, ".") {
				v, _ := strconv.Atoi(g)
				want = append(want, v)
			}
			if got := splitPath(path); !slices.Equal(got, want) {
				t.Fatalf("splitPath(%q) = %v, want %v", path, got, want)
			}
		}
	}
}

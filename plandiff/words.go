package plandiff

import (
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op is what a span of a word diff does.
type Op string

// Operations of a Span.
const (
	Equal  Op = "="
	Delete Op = "-"
	Insert Op = "+"
)

// Span is a run of a word diff: text kept, deleted or inserted. Joined in
// order, the Equal and Delete spans give the old text, the Equal and
// Insert spans the new one.
type Span struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// tokens splits a text into words and the white space and punctuation
// between them, so that joining them gives the text back.
func tokens(s string) []string {
	var out []string
	start := 0
	kind := -1 // 0 word, 1 space, 2 other
	for i, r := range s {
		k := 2
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			k = 0
		case unicode.IsSpace(r):
			k = 1
		}
		if i > start && (k != kind || k == 2) {
			out = append(out, s[start:i])
			start = i
		}
		kind = k
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// WordDiff compares two texts word by word with the Myers algorithm of
// github.com/sergi/go-diff: each distinct token (word, space run or
// punctuation mark) becomes one rune, the rune strings are diffed, and
// the result is mapped back to the tokens, so that a changed word shows
// as a whole word deleted and another inserted, never as letters.
func WordDiff(old, new string) []Span {
	if old == new {
		if old == "" {
			return nil
		}
		return []Span{{Equal, old}}
	}
	index := map[string]rune{}
	var table []string
	encode := func(toks []string) []rune {
		rs := make([]rune, len(toks))
		for i, t := range toks {
			r, ok := index[t]
			if !ok {
				// Runes from the supplementary planes: valid, never
				// surrogates, room for a million distinct tokens.
				r = rune(0x10000 + len(table))
				index[t] = r
				table = append(table, t)
			}
			rs[i] = r
		}
		return rs
	}
	a, b := encode(tokens(old)), encode(tokens(new))
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(a, b, false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	var out []Span
	for _, d := range diffs {
		var sb strings.Builder
		for _, r := range d.Text {
			sb.WriteString(table[r-0x10000])
		}
		op := Equal
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = Delete
		case diffmatchpatch.DiffInsert:
			op = Insert
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += sb.String()
			continue
		}
		out = append(out, Span{op, sb.String()})
	}
	return out
}

// normText is a text as compared: lower case, ё as е, letters and digits
// only, words separated by single spaces.
func normText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r = unicode.ToLower(r)
		if r == 'ё' {
			r = 'е'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// bag is a text's words with their counts.
type bag struct {
	words map[string]int
	n     int
}

func newBag(norm string) bag {
	b := bag{words: map[string]int{}}
	if norm == "" {
		return b
	}
	// normText leaves words separated by single spaces.
	for w := range strings.SplitSeq(norm, " ") {
		b.words[w]++
		b.n++
	}
	return b
}

// dice is the Dice coefficient of two word multisets: twice the words in
// common over all words, 1 for the same words in any order.
func dice(a, b bag) float64 {
	if a.n+b.n == 0 {
		return 1
	}
	small, large := a, b
	if len(a.words) > len(b.words) {
		small, large = b, a
	}
	common := 0
	for w, n := range small.words {
		common += min(n, large.words[w])
	}
	return 2 * float64(common) / float64(a.n+b.n)
}

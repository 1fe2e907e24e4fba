package orgs

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// keyUnicode is key written another way, on strings and unicode
// functions over whole words: the reference for key's fast paths.
func keyUnicode(s string) string {
	s = strings.Map(func(c rune) rune {
		c = unicode.ToLower(c)
		switch {
		case c == 'ё':
			return 'е'
		case strings.ContainsRune("«»\"“”„'", c):
			return -1
		case isDash(c):
			return '-'
		}
		return c
	}, s)
	var b strings.Builder
	for i, w := range strings.FieldsFunc(s, unicode.IsSpace) {
		prev := b.String()
		if i > 0 && !strings.HasPrefix(w, "-") && !strings.HasSuffix(prev, "-") && !strings.HasSuffix(prev, "№") {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return strings.TrimRight(b.String(), ".")
}

// TestKeyFastPaths checks key against keyUnicode for every rune of the
// Basic Multilingual Plane, alone and between words, and on names whose
// length passes key's stack buffer.
func TestKeyFastPaths(t *testing.T) {
	for c := rune(0); c < 0x10000; c++ {
		for _, s := range []string{string(c), "Ab" + string(c) + "Я.", "№" + string(c) + " x", "ДО " + string(c) + " - Ёж"} {
			if got, want := key(s), keyUnicode(s); got != want {
				t.Fatalf("key(%q) = %q, want %q", s, got, want)
			}
		}
	}
	long := "  Муниципальное  бюджетное «ОБЩЕОБРАЗОВАТЕЛЬНОЕ» учреждение — Средняя школа №\u00a012 имени Ё. Ё. Ёлкина, Ѓ Ї Ў Ω İ K...  "
	for _, s := range []string{long, long + long, "ОбОО", "ОО", ""} {
		if got, want := key(s), keyUnicode(s); got != want {
			t.Errorf("key(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestCleanFastPath checks clean against strings.Fields on texts that take
// its shortcut and texts that do not.
func TestCleanFastPath(t *testing.T) {
	for _, s := range []string{"", " ", "ОО", "Департамент образования", " ОО", "ОО ", "О  О",
		"О\u00a0О", "О\tО", "О\nО", "МБОУ Школа №\u202f5", "a b c", "a b c ", "\u3000x", "x\u2028"} {
		if got, want := clean(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestCoAtFirstRune checks coAt's first-letter filter against the plain
// case-insensitive comparison for every BMP rune in front of each prefix's
// tail.
func TestCoAtFirstRune(t *testing.T) {
	for _, p := range coPrefixes {
		_, w := utf8.DecodeRuneInString(p)
		for c := rune(0); c < 0x10000; c++ {
			s := string(c) + p[w:] + "ДДТ"
			want := 0
			for _, q := range coPrefixes {
				if len(s) >= len(q) && strings.EqualFold(s[:len(q)], q) {
					want = len(q)
					break
				}
			}
			if got := coAt(s); got != want {
				t.Fatalf("coAt(%q) = %d, want %d", s, got, want)
			}
		}
	}
}

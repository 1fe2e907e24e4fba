package orgs

import (
	"bytes"
	"testing"
	"unicode"
	"unicode/utf8"
)

// keyUnicode is key as first written, on unicode.ToLower and
// unicode.IsSpace for every rune: the reference for key's fast paths.
func keyUnicode(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for _, c := range s {
		c = unicode.ToLower(c)
		switch {
		case c == 'ё':
			c = 'е'
		case c == '«' || c == '»' || c == '"' || c == '“' || c == '”' || c == '„' || c == '\'':
			continue
		case isDash(c):
			c = '-'
		case unicode.IsSpace(c):
			space = true
			continue
		}
		if space && len(b) > 0 && c != '-' && b[len(b)-1] != '-' && !bytes.HasSuffix(b, []byte("№")) {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, c)
	}
	for len(b) > 0 && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return string(b)
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

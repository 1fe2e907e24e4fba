package ingest

import (
	"testing"
	"unicode/utf8"
)

// scanUTF8 must agree with utf8.Valid and controlShare, which it replaces
// on the path every UTF-8 file takes.
func checkScanUTF8(t *testing.T, data []byte) {
	t.Helper()
	controls, valid := scanUTF8(data)
	if valid != utf8.Valid(data) {
		t.Fatalf("scanUTF8(%q) valid = %v, utf8.Valid says %v", data, valid, !valid)
	}
	if valid && share(controls, len(data)) != controlShare(string(data)) {
		t.Fatalf("scanUTF8(%q): %d control bytes, controlShare %v", data, controls, controlShare(string(data)))
	}
}

func TestScanUTF8(t *testing.T) {
	for _, s := range []string{
		"", "a", "\t\n\r\f\v", "\x01\x7f", "План\x1bмероприятий", "\xef\xbf\xbd",
		"\xc0\x80", "\xc1\xbf", "\xc2", "\xd0", "\xd0\x20", "\xe0\x80\x80", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xf0\x9f\x98\x80", "\xe2\x80", "\xff", "\x80",
		"«дорожная карта» — 2024\u00a0г.",
	} {
		checkScanUTF8(t, []byte(s))
	}
}

func FuzzScanUTF8(f *testing.F) {
	f.Add([]byte("План\x1bмероприятий\t\xd0"))
	f.Add([]byte("\xed\xa0\x80\xef\xbf\xbd\xf4\x90\x80\x80"))
	f.Fuzz(checkScanUTF8)
}

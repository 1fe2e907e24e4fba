package plan

import "testing"

// A position, and so every diagnostic and JSON error, is one line
// whatever the file's name holds: a name with a control character is
// quoted with escapes, any other (Cyrillic, spaces, #?%) shown as it is.
func TestPosOneLine(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "план #2?%.txt", Line: 3, Col: 1}, "план #2?%.txt:3:1"},
		{Pos{File: "a\nb.txt", Line: 3}, `"a\nb.txt":3`},
		{Pos{File: "a\rb\x00.txt"}, `"a\rb\x00.txt"`},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v: got %s, want %s", tt.pos, got, tt.want)
		}
	}
	_, err := DecodeNamed("p\n.json", []byte(`{"schema_version": 2}`))
	if err == nil || err.Error() != `"p\n.json": план JSON: версия схемы 2, ожидается 1` {
		t.Errorf("JSON error: %v", err)
	}
}

func TestDisplayName(t *testing.T) {
	for name, want := range map[string]string{
		"plan.txt":             "plan.txt",
		"папка/план 2022.txt":  "папка/план 2022.txt",
		"a\nb.txt":             `"a\nb.txt"`,
		"tab\t.txt":            `"tab\t.txt"`,
		"\xcf\xeb\xe0\xed.txt": `"\xcf\xeb\xe0\xed.txt"`, // «План» in Windows-1251
		"bad\xff.json":         `"bad\xff.json"`,
	} {
		if got := DisplayName(name); got != want {
			t.Errorf("DisplayName(%q) = %s, want %s", name, got, want)
		}
	}
}

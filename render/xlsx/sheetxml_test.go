package xlsx

import (
	"strings"
	"testing"
)

func TestKeepsSpace(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"текст", false}, {"две\nстроки", false}, {"a b", false},
		{" текст", true}, {"текст ", true}, {"\nтекст", true}, {"текст\t", true}, {" ", true},
		{"\x01 текст", true}, {"текст \x02", true}, {"\x01текст\x02", false}, {"\x01\x02", false},
	} {
		if got := keepsSpace(tc.s); got != tc.want {
			t.Errorf("keepsSpace(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestCellReferences: a cell right after the previous one is written
// without a reference, one after a gap (or first in a row, when not in
// column A) with it.
func TestCellReferences(t *testing.T) {
	w := &rowsWriter{}
	w.start(7, 0, 0)
	w.num(1, 0, 1)
	w.num(2, 0, 2)
	w.num(5, 0, 5)
	w.num(6, 0, 6)
	w.end()
	w.start(8, 0, 0)
	w.num(3, 0, 3)
	w.str(4, 0, " x")
	w.end()
	want := `<row r="7"><c><v>1</v></c><c><v>2</v></c><c r="E7"><v>5</v></c><c><v>6</v></c></row>` +
		`<row r="8"><c r="C8"><v>3</v></c><c t="inlineStr"><is><t xml:space="preserve"> x</t></is></c></row>`
	if got := string(w.buf); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestOneLine: the words of a text as strings.Fields splits them, joined
// by one space.
func TestOneLine(t *testing.T) {
	for _, s := range []string{"", "одна строка", "две\nстроки", "\n\t края \r\n", "a\u00a0\u2003b\nc", "\xff\n\xfe x", "  \n  ", "x\n", "\u0085y\tz"} {
		want := s
		if strings.ContainsAny(s, "\n\r\t") {
			want = strings.Join(strings.Fields(s), " ")
		}
		if got := oneLine(s); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	}
}

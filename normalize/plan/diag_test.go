package plan

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// TestDiagnosticsCloneKeepsNoSource checks that a cloned list is equal to
// the original and shares no string memory with the source text its
// diagnostics were sliced from, so keeping it does not keep the source.
func TestDiagnosticsCloneKeepsNoSource(t *testing.T) {
	source := strings.Repeat("x", 100) + "ОбоО\tсрок: весна\tplan.txt"
	var l Diagnostics
	l.Add(Pos{File: source[len(source)-8:], Line: 3, Col: 2}, Warning, CodeAliasResolved, "исполнитель «ОбоО» прочитан как «ОбОО»", source[100:108])
	l.Add(Pos{File: source[len(source)-8:], Line: 4}, Error, CodeDeadlineUnparsed, "срок не распознан", source[109:124])
	l.Add(Pos{Line: 5}, Info, CodeContinuation, "строка продолжает предыдущую", "")
	c := l.Clone()
	if !reflect.DeepEqual(c, l) {
		t.Fatalf("Clone = %+v, want %+v", c, l)
	}
	lo, hi := uintptr(unsafe.Pointer(unsafe.StringData(source))), uintptr(unsafe.Pointer(unsafe.StringData(source)))+uintptr(len(source))
	for i, d := range c {
		for _, s := range []string{d.File, d.Message, d.Text} {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); s != "" && p >= lo && p < hi {
				t.Errorf("diagnostic %d: %q still points into the source", i, s)
			}
		}
	}
	if &c[0] == &l[0] {
		t.Error("Clone returned the same backing array")
	}
	if Diagnostics(nil).Clone() != nil {
		t.Error("Clone of nil is not nil")
	}
}

// lineBefore is Diagnostic.String as it was written before AppendTo: the
// reference the faster form must match byte for byte.
func lineBefore(d Diagnostic) string {
	pos := DisplayName(d.File)
	if d.Line > 0 {
		if pos != "" {
			pos += ":"
		}
		pos += fmt.Sprint(d.Line)
		if d.Col > 0 {
			pos += fmt.Sprintf(":%d", d.Col)
		}
	}
	if pos == "" {
		pos = "-"
	}
	var b strings.Builder
	b.WriteString(pos)
	b.WriteString(": ")
	b.WriteString(d.Severity.Label())
	b.WriteString(": ")
	b.WriteString(d.Code)
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Text != "" {
		t := d.Text
		if r := []rune(t); len(r) > 80 {
			t = string(r[:77]) + "..."
		}
		fmt.Fprintf(&b, ": %q", t)
	}
	return b.String()
}

func TestDiagnosticLine(t *testing.T) {
	long := strings.Repeat("мероприятие ", 10)                                           // 120 runes
	texts := []string{"", "ОбоО", "«в течение года»\t2024", long, long[:len(long)-2*77], /* 43 runes */
		strings.Repeat("я", 80), strings.Repeat("я", 81), strings.Repeat("a", 200),
		"битый \xff байт", strings.Repeat("ж", 78) + "\xfe\xff" + "хвост",
		strings.Repeat("ж", 76) + "\xff" + strings.Repeat("ж", 10), strings.Repeat("ж", 77) + "\xff" + strings.Repeat("ж", 3),
		strings.Repeat("ж", 77) + "\xff" + strings.Repeat("ж", 2), "\x00\x1b[31m", "line\nbreak"}
	poss := []Pos{{}, {File: "plan.txt"}, {Line: 7}, {Line: 7, Col: 3}, {File: "plan.txt", Line: 12, Col: 40},
		{File: "a\nb.txt", Line: 1}, {File: "папка/план.txt", Col: 5}}
	for _, p := range poss {
		for _, tx := range texts {
			for _, sev := range []Severity{Info, Warning, Error, Severity(9)} {
				d := Diagnostic{Pos: p, Severity: sev, Code: CodeDeadlineUnparsed, Message: "срок не распознан", Text: tx}
				want := lineBefore(d)
				if got := d.String(); got != want {
					t.Errorf("%+v: String() = %q, want %q", d, got, want)
				}
				if got := string(d.AppendTo([]byte("x"))); got != "x"+want {
					t.Errorf("%+v: AppendTo = %q, want %q", d, got, "x"+want)
				}
				if got := p.String(); !strings.HasPrefix(want, got+": ") {
					t.Errorf("%+v: Pos.String() = %q, not the start of %q", p, got, want)
				}
			}
		}
	}
}

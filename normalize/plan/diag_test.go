package plan

import (
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

package csvsafe

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"Выполнено", "Выполнено"},
		{"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"- пункт списка", "'- пункт списка"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"\n=1", "'\n=1"},
		{"  =1+1", "'  =1+1"},
		{"\u00a0=1", "'\u00a0=1"},
		{"＝1+1", "'＝1+1"},
		{"＠x", "'＠x"},
		{"-5", "-5"},
		{"+3,5", "+3,5"},
		{"-0.25", "-0.25"},
		{"-", "'-"},
		{"-5.", "'-5."},
		{"1.1.", "1.1."},
		{"a=b", "a=b"},
		{"'=x", "'=x"},
		{"2022Q1", "2022Q1"},
	} {
		if got := Cell(c.in); got != c.want {
			t.Errorf("Cell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// What the Writer writes reads back as the neutralized cells, quoting
// intact, settings of csv.Writer kept.
func TestWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	recs := [][]string{{"№", "Комментарий"}, {"1.1", "=1+1;\"x\""}, {"-3", "@me"}}
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("\r\n")) {
		t.Fatal("UseCRLF not honoured")
	}
	r := csv.NewReader(&buf)
	r.Comma = ';'
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"№", "Комментарий"}, {"1.1", "'=1+1;\"x\""}, {"-3", "'@me"}}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("row %d cell %d = %q, want %q", i, j, got[i][j], want[i][j])
			}
		}
	}
	if recs[1][1] != "=1+1;\"x\"" {
		t.Error("Write changed the caller's record")
	}
}

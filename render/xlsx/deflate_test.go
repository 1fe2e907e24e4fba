package xlsx

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"strings"
	"testing"
)

func TestCRC32Combine(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"", ""}, {"a", ""}, {"", "b"}, {"hello, ", "world"},
		{strings.Repeat("строка ", 1000), strings.Repeat("<row/>", 70001)},
	} {
		want := crc32.ChecksumIEEE([]byte(tc.a + tc.b))
		got := crc32Combine(crc32.ChecksumIEEE([]byte(tc.a)), crc32.ChecksumIEEE([]byte(tc.b)), uint64(len(tc.b)))
		if got != want {
			t.Errorf("crc32Combine(%d + %d bytes) = %08x, want %08x", len(tc.a), len(tc.b), got, want)
		}
	}
}

// TestSheetBody: rows written through startBody, cut into several pieces
// and deflated apart, inflate to exactly the head, rows and tail, with
// the CRC and size of that content.
func TestSheetBody(t *testing.T) {
	var want bytes.Buffer
	body := <-startBody(func(w *rowsWriter) {
		for r := 1; r <= 20000; r++ {
			w.start(r, 0, r%3)
			w.str(1, 2, strings.Repeat("текст ", r%50))
			w.num(2, 0, float64(r))
			w.end()
		}
	})
	if len(body.d.pieces) < 3 {
		t.Fatalf("%d pieces, want several", len(body.d.pieces))
	}
	ref := &rowsWriter{}
	for r := 1; r <= 20000; r++ {
		ref.start(r, 0, r%3)
		ref.str(1, 2, strings.Repeat("текст ", r%50))
		ref.num(2, 0, float64(r))
		ref.end()
	}
	sp := sheetSplit{head: []byte(`<worksheet><dimension ref="A1"/><sheetFormatPr defaultRowHeight="15"/>`), tail: []byte(`</worksheet>`)}
	want.Write(sp.headFor(ref.row, ref.maxCol, ref.outlines))
	want.WriteString("<sheetData>")
	want.Write(ref.buf)
	want.WriteString("</sheetData>")
	want.Write(sp.tail)

	d := body.part(sp).pre
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(bytes.Join(d.segs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("inflated %d bytes, want the %d bytes written", len(got), want.Len())
	}
	if d.size != uint64(len(got)) || d.crc != crc32.ChecksumIEEE(got) {
		t.Errorf("size %d crc %08x, want %d %08x", d.size, d.crc, len(got), crc32.ChecksumIEEE(got))
	}
}

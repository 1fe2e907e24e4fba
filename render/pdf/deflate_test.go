package pdf

import (
	"bytes"
	"testing"

	"github.com/roadmap-tool/roadmap/view/viewtest"
)

func TestDeflateStreams(t *testing.T) {
	p := viewtest.Sample(t)
	d := newDoc(fixedNow, "t", "s", "k", "Стр. {page} из {pages}")
	d.newPage()
	d.paragraph(p.Title, "B", 12, bodyW, 6)
	d.newPage()
	d.paragraph("Вторая страница", "", 12, bodyW, 6)
	var raw bytes.Buffer
	if err := d.pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	out := deflateStreams(raw.Bytes())
	if bytes.Equal(out, raw.Bytes()) {
		t.Fatal("nothing was compressed")
	}
	if len(out) >= raw.Len() {
		t.Errorf("compressed %d bytes, uncompressed %d", len(out), raw.Len())
	}
	if got, want := squash(pdfText(t, out)), squash(pdfText(t, raw.Bytes())); got != want {
		t.Errorf("text differs after compression:\n%s\nwant\n%s", got, want)
	}
	if !bytes.Contains(out, []byte("/Filter /FlateDecode /Length ")) {
		t.Error("no compressed page stream")
	}

	// Anything not laid out as fpdf writes it comes back unchanged.
	for _, bad := range [][]byte{
		nil,
		[]byte("%PDF-1.3\nstartxref\n12\n%%EOF\n"),
		bytes.Replace(raw.Bytes(), []byte("xref\n0 "), []byte("xref\n9 "), 1),
	} {
		if got := deflateStreams(bad); !bytes.Equal(got, bad) {
			t.Errorf("malformed input %.40q was changed", bad)
		}
	}
}

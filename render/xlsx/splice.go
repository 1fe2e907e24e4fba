package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
)

// Why splice: excelize lays out a workbook well (styles, validations,
// conditional formats, protection, print setup, defined names) but costs
// ~15 ms per small workbook, most of it in XML decoding and encoding of
// its object model. The rows are the only part that changes between the
// 500 checklists, and the biggest part of a tracker. So excelize builds the
// workbook once with empty <sheetData/>, and splice streams it out again
// with the rows written directly as XML, copying every unchanged part
// still compressed.

// template is an excelize workbook serialised once and kept as zip parts.
type template struct {
	parts []tplPart
}

type tplPart struct {
	hdr  zip.FileHeader
	raw  []byte // compressed bytes, copied as they are
	data []byte // uncompressed content, kept only for parts we rewrite
}

// newTemplate serialises f. keep names the parts whose content the caller
// will rewrite (sheets, workbook.xml, custom properties).
func newTemplate(f *excelize.File, keep map[string]bool) (*template, error) {
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, err
	}
	t := &template{}
	for _, zf := range zr.File {
		p := tplPart{hdr: zf.FileHeader}
		if keep[zf.Name] {
			rc, err := zf.Open()
			if err != nil {
				return nil, err
			}
			p.data, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return nil, err
			}
		} else {
			rc, err := zf.OpenRaw()
			if err != nil {
				return nil, err
			}
			p.raw, err = io.ReadAll(rc)
			if err != nil {
				return nil, err
			}
		}
		t.parts = append(t.parts, p)
	}
	return t, nil
}

// part returns the uncompressed content of a kept part.
func (t *template) part(name string) ([]byte, bool) {
	for _, p := range t.parts {
		if p.hdr.Name == name && p.data != nil {
			return p.data, true
		}
	}
	return nil, false
}

// sheets cuts the named kept sheet parts around their sheetData.
func (t *template) sheets(names ...string) ([]sheetSplit, error) {
	out := make([]sheetSplit, len(names))
	for i, n := range names {
		data, ok := t.part(n)
		if !ok {
			return nil, fmt.Errorf("xlsx: в шаблоне нет части %s", n)
		}
		sp, err := splitSheet(n, data)
		if err != nil {
			return nil, err
		}
		out[i] = sp
	}
	return out, nil
}

// rewriter writes the new content of a part, given the template's.
type rewriter func(w io.Writer, old []byte) error

// part is how write replaces one part of the template.
type part struct {
	fn    rewriter  // new content, deflated by write
	store bool      // write fn's output uncompressed
	pre   *deflated // content already deflated (see deflate.go)
}

// write streams the workbook to w: each part named in rewrite is replaced
// by the bytes the function returns, every other part is copied raw.
//
// Parts marked store are written uncompressed: for parts of a few hundred
// bytes (manifest, workbook.xml) a deflate block costs more time than it
// saves space, 500 times over in a checklist run.
func (t *template) write(w io.Writer, rewrite map[string]part) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	for i := range t.parts {
		p := &t.parts[i]
		np, replaced := rewrite[p.hdr.Name]
		if np.pre != nil {
			d := np.pre
			n := 0
			for _, s := range d.segs {
				n += len(s)
			}
			h := &zip.FileHeader{Name: p.hdr.Name, Method: zip.Deflate, Modified: p.hdr.Modified,
				CRC32: d.crc, CompressedSize64: uint64(n), UncompressedSize64: d.size}
			cw, err := zw.CreateRaw(h)
			if err != nil {
				return err
			}
			for _, s := range d.segs {
				if _, err := cw.Write(s); err != nil {
					return err
				}
			}
			continue
		}
		fn := np.fn
		if !replaced && p.data == nil {
			h := p.hdr
			cw, err := zw.CreateRaw(&h)
			if err != nil {
				return err
			}
			if _, err := cw.Write(p.raw); err != nil {
				return err
			}
			continue
		}
		h := &zip.FileHeader{Name: p.hdr.Name, Method: zip.Deflate, Modified: p.hdr.Modified}
		if np.store {
			h.Method = zip.Store
		}
		cw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if fn == nil {
			_, err = cw.Write(p.data)
		} else {
			err = fn(cw, p.data)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// flatePool recycles compressors: a flate.Writer allocates ~1 MB, which
// dominated the allocation profile when created per part.
var flatePool sync.Pool

type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}

// fastDeflate compresses at BestSpeed: the files get ~20 % bigger than at
// the default level but compression is 3-4 times faster, and it is most of
// the time left once the XML is written directly.
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flatePool.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return pooledFlate{fw}, nil
}

var (
	reDimension = lazyre.New(`<dimension ref="[^"]*"\s*(?:/>|></dimension>)`)
	reSheetData = lazyre.New(`(?s)<sheetData\s*/>|<sheetData>.*</sheetData>`)
)

// sheetSplit is a template sheet cut around its <sheetData>.
type sheetSplit struct {
	head, tail []byte
}

// splitSheet cuts a worksheet part at its sheetData element.
func splitSheet(name string, xml []byte) (sheetSplit, error) {
	loc := reSheetData.FindIndex(xml)
	if loc == nil {
		return sheetSplit{}, fmt.Errorf("xlsx: в шаблоне листа %s нет sheetData", name)
	}
	return sheetSplit{head: xml[:loc[0]], tail: xml[loc[1]:]}, nil
}

// writeTo writes the sheet XML around rows: the dimension gets the real
// used range and sheetFormatPr the outline depth, which Excel needs to
// draw the outline buttons. The rows go to the compressor directly rather
// than through one more copy of the sheet.
func (s sheetSplit) writeTo(w io.Writer, rows *rowsWriter, tail []byte) error {
	head := s.headFor(rows.row, rows.maxCol, rows.outlines)
	for _, b := range [][]byte{head, []byte(`<sheetData>`), rows.buf, []byte(`</sheetData>`), tail} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// headFor is the part before the rows, with the used range A1:<col><row>
// and the outline depth filled in.
func (s sheetSplit) headFor(lastRow, lastCol, outlines int) []byte {
	head := s.head
	if lastRow > 0 && lastCol > 0 {
		dim := `<dimension ref="A1:` + colName(lastCol) + strconv.Itoa(lastRow) + `"/>`
		head = reDimension.ReplaceAll(head, []byte(dim))
	}
	if outlines > 0 {
		attr := []byte(`<sheetFormatPr outlineLevelRow="` + strconv.Itoa(outlines) + `" `)
		head = bytes.Replace(head, []byte(`<sheetFormatPr `), attr, 1)
	}
	return head
}

// splice is the rewriter that puts rows into a template sheet; the tail
// (everything after the rows) may be adjusted by the caller first.
func splice(sp sheetSplit, rows *rowsWriter, tail []byte) part {
	return part{fn: func(w io.Writer, _ []byte) error { return sp.writeTo(w, rows, tail) }}
}

// replaceRow rewrites cell references to row `from` (as in "E1048000" or
// "$E$1048000") to row `to`. Only digits after a column letter or "$"
// count, so a plan title quoted in the page header is never touched.
func replaceRow(b []byte, from, to int) []byte {
	pat := []byte(strconv.Itoa(from))
	rep := []byte(strconv.Itoa(to))
	var out []byte
	last := 0
	for i := 0; ; {
		j := bytes.Index(b[i:], pat)
		if j < 0 {
			break
		}
		j += i
		end := j + len(pat)
		prev := byte(0)
		if j > 0 {
			prev = b[j-1]
		}
		next := byte(0)
		if end < len(b) {
			next = b[end]
		}
		if (prev == '$' || 'A' <= prev && prev <= 'Z') && !('0' <= next && next <= '9') {
			out = append(out, b[last:j]...)
			out = append(out, rep...)
			last = end
		}
		i = end
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

package xlsx

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
)

// Why precompress: a checklist's rows are the same in every workbook that
// lists the item, only the row number differs. Rows are written without
// cell references (Excel, LibreOffice, excelize and openpyxl place such
// cells one after another from column A), so the cells of each item are
// deflated once per plan and the compressed bytes are concatenated into
// each workbook's sheet. A deflate stream is a sequence of blocks; a block
// ended by a sync flush is byte-aligned and refers to no earlier data, so
// blocks compressed apart can follow one another. The varying bits (the
// <row r="N"> openers, titles, the rest of the sheet) go in stored blocks.

// zchunk is a piece of XML deflated on its own.
type zchunk struct {
	plain []byte // uncompressed, for the CRC
	crc   uint32 // crc32 of plain
	z     []byte // non-final deflate blocks ending byte-aligned
}

// chunker deflates pieces independently with one reusable compressor.
type chunker struct {
	fw  *flate.Writer
	buf bytes.Buffer
}

func newChunker() *chunker {
	c := &chunker{}
	c.fw, _ = flate.NewWriter(&c.buf, flate.BestSpeed)
	return c
}

func (c *chunker) chunk(plain []byte) *zchunk {
	c.buf.Reset()
	c.fw.Reset(&c.buf)
	c.fw.Write(plain)
	c.fw.Flush()
	return &zchunk{plain: plain, crc: crc32.ChecksumIEEE(plain), z: bytes.Clone(c.buf.Bytes())}
}

// deflateBuilder assembles a deflate stream from raw bytes (stored
// blocks) and precompressed chunks, keeping the CRC and size a zip entry
// needs.
type deflateBuilder struct {
	out     []byte
	pending []byte
	crc     uint32
	size    uint64
}

func (d *deflateBuilder) reset() {
	d.out, d.pending, d.crc, d.size = d.out[:0], d.pending[:0], 0, 0
}

// raw adds bytes that will be stored uncompressed.
func (d *deflateBuilder) raw(b []byte) {
	d.pending = append(d.pending, b...)
	d.crc = crc32.Update(d.crc, crc32.IEEETable, b)
	d.size += uint64(len(b))
}

func (d *deflateBuilder) rawString(s string) { d.raw([]byte(s)) }

// chunk adds a precompressed piece.
func (d *deflateBuilder) chunk(c *zchunk) {
	d.flush(false)
	d.out = append(d.out, c.z...)
	d.crc = crc32.Update(d.crc, crc32.IEEETable, c.plain)
	d.size += uint64(len(c.plain))
}

// flush writes pending bytes as stored blocks (at most 65535 bytes each);
// final marks the last block, emitting an empty one if nothing is pending.
func (d *deflateBuilder) flush(final bool) {
	p := d.pending
	for len(p) > 0 || final {
		n := len(p)
		if n > 0xFFFF {
			n = 0xFFFF
		}
		last := final && n == len(p)
		var hdr byte
		if last {
			hdr = 1 // BFINAL, BTYPE 00 (stored)
		}
		d.out = append(d.out, hdr, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		d.out = append(d.out, p[:n]...)
		p = p[n:]
		if last {
			break
		}
	}
	d.pending = d.pending[:0]
}

// finish ends the stream.
func (d *deflateBuilder) finish() { d.flush(true) }

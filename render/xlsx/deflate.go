package xlsx

import (
	"bytes"
	"hash/crc32"
	"sync"

	"github.com/klauspost/compress/flate"
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

// chunkers recycles chunkers: a flate.Writer allocates about 1 MB.
var chunkers = sync.Pool{New: func() any { return newChunker() }}

func newChunker() *chunker {
	c := &chunker{}
	c.fw, _ = flate.NewWriter(&c.buf, flate.BestSpeed)
	return c
}

func (c *chunker) chunk(plain []byte) *zchunk {
	return &zchunk{plain: plain, crc: crc32.ChecksumIEEE(plain), z: c.deflate(plain)}
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

// deflated is a deflate stream in segments, with the CRC and size of its
// content: a zip entry written as it is.
type deflated struct {
	segs [][]byte
	crc  uint32
	size uint64
}

// deflated is the stream built so far (finish or flush it first).
func (d *deflateBuilder) deflated() *deflated {
	return &deflated{segs: [][]byte{d.out}, crc: d.crc, size: d.size}
}

// add accounts for content of the given CRC and size appended to z's.
func (z *deflated) add(crc uint32, size uint64) {
	z.crc = crc32Combine(z.crc, crc, size)
	z.size += size
}

// Why pieces: the tracker's sheets are megabytes of XML. Written whole
// and deflated by the zip writer, they were held in memory at once (each
// new page a fault, which costs more than the bytes on this kind of
// machine) and compressed on one core after everything else. Instead the
// rows are cut into pieces of about pieceSize as they are written; each
// piece is deflated on its own goroutine into byte-aligned blocks (as a
// zchunk) while the next one is written and while excelize lays out the
// template, and its buffer is reused. The CRC of the whole is combined
// from the pieces' (crc32Combine).
const pieceSize = 512 << 10

// pieceDeflater collects the deflated pieces of one sheet's rows.
type pieceDeflater struct {
	pieces []*zchunk // in order; filled in by the goroutines
	sizes  []uint64  // uncompressed size of each piece
	crc    uint32
	size   uint64
	wg     sync.WaitGroup
	sem    chan struct{} // bounds the pieces in flight (and their memory)
	free   chan []byte   // buffers of deflated pieces, for reuse
}

func newPieceDeflater() *pieceDeflater {
	return &pieceDeflater{sem: make(chan struct{}, 1), free: make(chan []byte, 2)}
}

// cut hands the rows written so far to a goroutine that deflates them,
// and gives w an empty buffer.
func (d *pieceDeflater) cut(w *rowsWriter) {
	plain := w.buf
	if len(plain) == 0 {
		return
	}
	c := &zchunk{}
	d.pieces = append(d.pieces, c)
	d.sizes = append(d.sizes, uint64(len(plain)))
	d.sem <- struct{}{}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		c.crc = crc32.ChecksumIEEE(plain)
		c.z = deflatePiece(plain)
		select {
		case d.free <- plain[:0]:
		default:
		}
		<-d.sem
	}()
	d.size += uint64(len(plain))
	select {
	case w.buf = <-d.free:
	default:
		w.buf = make([]byte, 0, pieceSize+pieceSize/4)
	}
}

// finish deflates what is left in w and waits for every piece.
func (d *pieceDeflater) finish(w *rowsWriter) {
	d.cut(w)
	w.buf = nil
	d.wg.Wait()
	for i, c := range d.pieces {
		d.crc = crc32Combine(d.crc, c.crc, d.sizes[i])
	}
}

// deflatePiece compresses plain into byte-aligned non-final blocks, with
// a compressor of the zip writer's pool.
func deflatePiece(plain []byte) []byte {
	out := bytes.NewBuffer(make([]byte, 0, len(plain)/4+4096))
	fw, ok := flatePool.Get().(*flate.Writer)
	if ok {
		fw.Reset(out)
	} else {
		fw, _ = flate.NewWriter(out, flate.BestSpeed)
	}
	fw.Write(plain)
	fw.Flush()
	flatePool.Put(fw)
	return out.Bytes()
}

// deflate compresses plain into byte-aligned non-final blocks, in a new
// slice.
func (c *chunker) deflate(plain []byte) []byte {
	c.buf.Reset()
	c.fw.Reset(&c.buf)
	c.fw.Write(plain)
	c.fw.Flush()
	return bytes.Clone(c.buf.Bytes())
}

// crc32Combine is the CRC-32 (IEEE) of A followed by B, given the CRC of
// each and the length of B: zlib's crc32_combine, multiplying by x^(8n)
// modulo the polynomial.
func crc32Combine(crcA, crcB uint32, lenB uint64) uint32 {
	return multModP(x2nModP(lenB, 3), crcA) ^ crcB
}

const crcPoly = 0xedb88320 // reflected IEEE polynomial

// multModP multiplies a and b modulo the CRC polynomial (reflected).
func multModP(a, b uint32) uint32 {
	var p uint32
	for m := uint32(1) << 31; ; m >>= 1 {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				return p
			}
		}
		if b&1 != 0 {
			b = b>>1 ^ crcPoly
		} else {
			b >>= 1
		}
	}
}

// x2nTable[k] is x^(2^k) modulo the polynomial.
var x2nTable = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	t[0] = p
	for k := 1; k < 32; k++ {
		p = multModP(p, p)
		t[k] = p
	}
	return t
}()

// x2nModP is x^(n * 2^k) modulo the polynomial.
func x2nModP(n uint64, k uint) uint32 {
	p := uint32(1) << 31 // x^0
	for ; n != 0; n >>= 1 {
		if n&1 != 0 {
			p = multModP(x2nTable[k&31], p)
		}
		k++
	}
	return p
}

// sheetBody is a sheet's rows, deflated in pieces as they are written.
type sheetBody struct {
	w rowsWriter
	d *pieceDeflater
}

// startBody runs write on another goroutine, deflating its rows in
// pieces; the channel gives the body once every piece is deflated.
func startBody(write func(w *rowsWriter)) <-chan *sheetBody {
	ch := make(chan *sheetBody, 1)
	go func() {
		b := &sheetBody{d: newPieceDeflater()}
		b.w.pieces = b.d
		b.w.buf = make([]byte, 0, pieceSize+pieceSize/4)
		write(&b.w)
		b.d.finish(&b.w)
		ch <- b
	}()
	return ch
}

// part is the sheet: the template's head and tail around the rows.
func (b *sheetBody) part(sp sheetSplit) part {
	var head, tail deflateBuilder
	head.raw(sp.headFor(b.w.row, b.w.maxCol, b.w.outlines))
	head.rawString("<sheetData>")
	head.flush(false)
	tail.rawString("</sheetData>")
	tail.raw(sp.tail)
	tail.finish()
	z := head.deflated()
	for _, c := range b.d.pieces {
		z.segs = append(z.segs, c.z)
	}
	z.add(b.d.crc, b.d.size)
	z.segs = append(z.segs, tail.out)
	z.add(tail.crc, tail.size)
	return part{pre: z}
}

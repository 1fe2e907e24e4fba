package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"sync"
)

// deflateStreams compresses the uncompressed streams of a PDF written by
// fpdf with compression off, and rewrites the cross-reference table.
//
// Why: fpdf compresses each page with a new zlib writer, and a new writer
// allocates and clears about a megabyte; on a 500-page report that was
// four fifths of all allocation and a third of the time. One writer per
// core, reset per stream, gives the same bytes at a fraction of the cost,
// and on a second core in half the time.
//
// Only objects of exactly the form fpdf writes for page contents,
// "N 0 obj\n<</Length L>>\nstream\n" + L bytes + "\nendstream", are
// touched; objects are found through the xref table, never by searching
// stream data. If the file is not laid out as expected, it is returned
// unchanged: valid, only larger.
func deflateStreams(in []byte) []byte {
	out, err := rewriteStreams(in)
	if err != nil {
		return in
	}
	return out
}

func rewriteStreams(in []byte) ([]byte, error) {
	sx := bytes.LastIndex(in, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	rest := in[sx+len("startxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("bad startxref")
	}
	xref, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || xref <= 0 || xref >= sx {
		return nil, fmt.Errorf("bad startxref")
	}
	// "xref\n0 N\n" then N entries of 20 bytes.
	p := in[xref:]
	if !bytes.HasPrefix(p, []byte("xref\n0 ")) {
		return nil, fmt.Errorf("no xref")
	}
	p = p[len("xref\n0 "):]
	nl = bytes.IndexByte(p, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("bad xref")
	}
	n, err := strconv.Atoi(string(p[:nl]))
	if err != nil || n < 1 {
		return nil, fmt.Errorf("bad xref size")
	}
	entries := p[nl+1:]
	if len(entries) < 20*n {
		return nil, fmt.Errorf("short xref")
	}
	offs := make([]int, n)
	for i := 1; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			return nil, fmt.Errorf("xref entry %d not in use", i)
		}
		o, err := strconv.Atoi(string(e[:10]))
		if err != nil || o <= 0 || o >= xref {
			return nil, fmt.Errorf("bad xref entry %d", i)
		}
		offs[i] = o
	}
	trailer := entries[20*n:]
	tEnd := bytes.Index(trailer, []byte("startxref\n"))
	if tEnd < 0 {
		return nil, fmt.Errorf("no trailer")
	}
	trailer = trailer[:tEnd]

	order := make([]int, 0, n-1)
	for i := 1; i < n; i++ {
		order = append(order, i)
	}
	sort.Slice(order, func(a, b int) bool { return offs[order[a]] < offs[order[b]] })

	// Objects in file order; the page streams among them are compressed
	// first, on as many goroutines as there are cores (each stream alone,
	// so the bytes are the same as one after the other), then everything
	// is written out in order.
	parts := make([]streamPart, len(order))
	var jobs []int // indexes into parts of the streams
	for k, obj := range order {
		start := offs[obj]
		end := xref
		if k+1 < len(order) {
			end = offs[order[k+1]]
		}
		if end < start {
			return nil, fmt.Errorf("overlapping objects")
		}
		seg := in[start:end]
		parts[k] = streamPart{obj: obj, seg: seg}
		head := strconv.Itoa(obj) + " 0 obj\n<</Length "
		if !bytes.HasPrefix(seg, []byte(head)) {
			continue
		}
		q := seg[len(head):]
		gt := bytes.Index(q, []byte(">>\nstream\n"))
		if gt < 0 {
			continue
		}
		l, err := strconv.Atoi(string(q[:gt]))
		if err != nil {
			continue
		}
		data := q[gt+len(">>\nstream\n"):]
		if l > len(data) || !bytes.HasPrefix(data[l:], []byte("\nendstream")) {
			return nil, fmt.Errorf("object %d: stream length does not match", obj)
		}
		parts[k].data, parts[k].tail = data[:l], data[l:]
		jobs = append(jobs, k)
	}
	if err := compressParts(parts, jobs); err != nil {
		return nil, err
	}

	// The output is laid out in one slice of its exact size: growing a
	// buffer by doubling would touch (and copy) up to twice the file's
	// size in fresh memory.
	first := offs[order[0]]
	size := first + len(trailer) + len(xrefHead(n)) + 20*(n-1) + len("startxref\n%%EOF\n") + 20
	for _, pt := range parts {
		if pt.data == nil {
			size += len(pt.seg)
		} else {
			size += len(streamHead(pt.obj, len(pt.z))) + len(pt.z) + len(pt.tail)
		}
	}
	out := make([]byte, 0, size)
	out = append(out, in[:first]...)
	newOffs := make([]int, n)
	for _, pt := range parts {
		newOffs[pt.obj] = len(out)
		if pt.data == nil {
			out = append(out, pt.seg...)
			continue
		}
		out = append(out, streamHead(pt.obj, len(pt.z))...)
		out = append(out, pt.z...)
		out = append(out, pt.tail...)
	}
	xrefAt := len(out)
	out = append(out, xrefHead(n)...)
	for i := 1; i < n; i++ {
		out = appendPadded(out, newOffs[i])
		out = append(out, " 00000 n \n"...)
	}
	out = append(out, trailer...)
	out = append(out, "startxref\n"...)
	out = strconv.AppendInt(out, int64(xrefAt), 10)
	out = append(out, "\n%%EOF\n"...)
	return out, nil
}

// xrefHead opens the cross-reference table of n objects.
func xrefHead(n int) string {
	return "xref\n0 " + strconv.Itoa(n) + "\n0000000000 65535 f \n"
}

// streamHead opens object obj as a compressed stream of length l (padded
// to ten digits, as fpdf pads offsets).
func streamHead(obj, l int) string {
	return string(appendPadded([]byte(strconv.Itoa(obj)+" 0 obj\n<</Filter /FlateDecode /Length "), l)) + ">>\nstream\n"
}

// appendPadded appends v in ten digits with leading zeros, as "%010d".
func appendPadded(b []byte, v int) []byte {
	var d [20]byte
	s := strconv.AppendInt(d[:0], int64(v), 10)
	for i := len(s); i < 10; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// streamPart is one object of the file: copied as it is (seg), or a
// stream whose data is compressed into z and followed by tail.
type streamPart struct {
	obj             int
	seg, data, tail []byte
	z               []byte
}

// compressParts compresses the data of parts[jobs] into their z, with a
// zlib writer per goroutine.
func compressParts(parts []streamPart, jobs []int) error {
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&out, zlib.BestSpeed)
			at := make([]int, 0, len(jobs)/workers+1)
			for j := w; j < len(jobs); j += workers {
				at = append(at, out.Len())
				zw.Reset(&out)
				if _, err := zw.Write(parts[jobs[j]].data); err != nil {
					errs[w] = err
					return
				}
				if err := zw.Close(); err != nil {
					errs[w] = err
					return
				}
			}
			// Sliced once all are written: out may have moved as it grew.
			b := out.Bytes()
			for i, j := 0, w; j < len(jobs); i, j = i+1, j+workers {
				end := len(b)
				if i+1 < len(at) {
					end = at[i+1]
				}
				parts[jobs[j]].z = b[at[i]:end]
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

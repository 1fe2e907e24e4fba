// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"sync"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() interface{} {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

func (pool *xmempool) compress(data []byte) *membuffer {
	mem := pool.Get().(*membuffer)
	mem.buf.Grow(len(data))
	mem.deflate(data)
	return mem
}

// deflate appends data compressed to mem's buffer. roadmap: the writer
// is kept with the buffer and reset; a new zlib writer allocates and
// clears about a megabyte.
func (mem *membuffer) deflate(data []byte) {
	zw := mem.zw
	if zw == nil {
		var err error
		zw, err = zlib.NewWriterLevel(&mem.buf, zlib.BestSpeed)
		if err != nil {
			panic(fmt.Errorf("could not create zlib writer: %w", err))
		}
		mem.zw = zw
	} else {
		zw.Reset(&mem.buf)
	}
	_, err := zw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
}

// compressAll compresses each of pages as compress does, on as many
// goroutines as there are cores, each with one pooled buffer and its
// writer, and returns the compressed pages (slices of those buffers) and
// the buffers, to be released once the pages are written (roadmap: one
// writer, about a megabyte, per page before; a page alone is compressed
// exactly as by compress).
func (pool *xmempool) compressAll(pages []*bytes.Buffer) ([][]byte, []*membuffer) {
	out := make([][]byte, len(pages))
	workers := min(runtime.GOMAXPROCS(0), len(pages))
	mems := make([]*membuffer, workers)
	var wg sync.WaitGroup
	for w := range workers {
		mem := pool.Get().(*membuffer)
		mem.buf.Reset()
		mems[w] = mem
		wg.Add(1)
		go func() {
			defer wg.Done()
			size := 0
			for j := w; j < len(pages); j += workers {
				size += pages[j].Len()
			}
			mem.buf.Grow(size/2 + 4<<10)
			at := make([]int, 0, len(pages)/workers+1)
			for j := w; j < len(pages); j += workers {
				at = append(at, mem.buf.Len())
				mem.deflate(pages[j].Bytes())
			}
			// Sliced once all are written: the buffer may have moved
			// as it grew.
			b := mem.buf.Bytes()
			for i, j := 0, w; j < len(pages); i, j = i+1, j+workers {
				end := len(b)
				if i+1 < len(at) {
					end = at[i+1]
				}
				out[j] = b[at[i]:end:end]
			}
		}()
	}
	wg.Wait()
	return out, mems
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
	zw  *zlib.Writer // compress's writer, reused (roadmap)
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}

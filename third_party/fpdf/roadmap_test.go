package fpdf

// Tests of roadmap's patches (README.roadmap.md): each patched path gives
// the bytes of the path it replaces.

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// textOriginal is what Text wrote before the patch for a UTF-8 font
// without underline, strike-out, text colour or right-to-left.
func textOriginal(f *Fpdf, x, y float64, s string) string {
	return sprintf("BT %.2f %.2f Td (%s) Tj ET", x*f.k, (f.h-y)*f.k, f.escape(utf8toutf16(s, false))) + "\n"
}

func utf8Doc() *Fpdf {
	f := New("L", "mm", "A4", "")
	f.AddPage()
	f.isCurrentUTF8 = true
	f.currentFont = fontDefType{usedRunes: map[int]int{}}
	return f
}

func checkText(t *testing.T, x, y float64, s string) {
	t.Helper()
	f := utf8Doc()
	page := f.pages[f.page]
	before := page.Len()
	f.Text(x, y, s)
	got := page.String()[before:]
	if want := textOriginal(f, x, y, s); got != want {
		t.Fatalf("Text(%v, %v, %q) wrote\n%q\nwant\n%q", x, y, s, got, want)
	}
	for _, r := range s {
		if f.currentFont.usedRunes[int(r)] != int(r) {
			t.Fatalf("Text(%q): rune %U not marked as used", s, r)
		}
	}
}

func TestTextUTF8SameBytes(t *testing.T) {
	for _, s := range []string{
		"", "a", "План (проект) \\ конец\r", "«дорожная карта» 4.1 – №5 …", "\u0100\u0128\u0129\u05d0", "\u2028(\u0129)\u015c", "\uFFFD",
	} {
		for _, xy := range [][2]float64{{12, 20.5}, {0, 0}, {-3.125, 210}, {1e-9, 1.005}, {296.995, 4.445}} {
			checkText(t, xy[0], xy[1], s)
		}
	}
}

func FuzzTextUTF8(f *testing.F) {
	f.Add(12.0, 20.5, "План (проект) \\ конец\r")
	f.Add(-0.0049, 0.005, "\u0129\u0128()")
	f.Fuzz(func(t *testing.T, x, y float64, s string) {
		if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
			t.Skip()
		}
		// utf8toutf16 reads a sequence's continuation bytes without
		// checking them (it panics on a truncated one); Text is given
		// well-formed text of the Basic Multilingual Plane.
		if !utf8.ValidString(s) {
			t.Skip()
		}
		for _, r := range s {
			if r > 0xFFFF {
				t.Skip()
			}
		}
		checkText(t, x, y, s)
	})
}

func TestCompressReusesWriter(t *testing.T) {
	data := bytes.Repeat([]byte("BT 34.02 546.18 Td (abc) Tj ET\n"), 500)
	var first []byte
	for i := 0; i < 3; i++ {
		mem := xmem.compress(data)
		got := mem.copy()
		mem.release()
		out, err := xmem.uncompress(got)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.bytes(), data) {
			t.Fatalf("round %d: the data does not come back", i)
		}
		out.release()
		if i == 0 {
			first = got
		} else if !bytes.Equal(got, first) {
			t.Fatalf("round %d: a reused writer compressed differently", i)
		}
	}
}

func TestUTF8FontID(t *testing.T) {
	file := func(b []byte) *utf8FontFile { return &utf8FontFile{fileReader: &fileReader{array: b}} }
	id := func(name string, b []byte) string {
		s, err := generateFontID(fontDefType{Tp: "UTF8", Name: name, utf8File: file(b)})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a := id("go", []byte("font one"))
	if len(a) != 40 {
		t.Fatalf("id %q: want 40 hex digits", a)
	}
	if id("go", []byte("font one")) != a {
		t.Error("the same font got another id")
	}
	if id("goB", []byte("font one")) == a || id("go", []byte("font two")) == a {
		t.Error("another key or file got the same id")
	}
}

func TestCompressAllAsCompress(t *testing.T) {
	var pages []*bytes.Buffer
	for i := 0; i < 7; i++ {
		pages = append(pages, bytes.NewBuffer(bytes.Repeat([]byte("BT 34.02 546.18 Td (page) Tj ET\n"), 50*i+1)))
	}
	got, mems := xmem.compressAll(pages)
	defer func() {
		for _, mem := range mems {
			mem.release()
		}
	}()
	if len(got) != len(pages) {
		t.Fatalf("%d streams for %d pages", len(got), len(pages))
	}
	for i, p := range pages {
		mem := xmem.compress(p.Bytes())
		want := mem.copy()
		mem.release()
		if !bytes.Equal(got[i], want) {
			t.Errorf("page %d: compressed with the others it differs from alone", i)
		}
	}
}

// Documents written at once (the web server's reports) share the pool of
// buffers and zlib writers: each goroutine's pages come back as its own
// bytes, whatever the others compress meanwhile, and the writers reused
// give what a fresh writer gives. With -race, it checks that no buffer or
// writer is used by two goroutines.
func TestCompressConcurrent(t *testing.T) {
	const goroutines, rounds = 6, 20
	var wg sync.WaitGroup
	errs := make(chan string, goroutines*rounds)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				var pages []*bytes.Buffer
				for i := range 1 + (g+r)%5 {
					line := fmt.Sprintf("BT %d.%d %d Td (goroutine %d round %d page %d) Tj ET\n", g, r, i, g, r, i)
					pages = append(pages, bytes.NewBufferString(strings.Repeat(line, 1+(g*r+i)%300)))
				}
				got, mems := xmem.compressAll(pages)
				for i, p := range pages {
					var fresh bytes.Buffer
					zw, _ := zlib.NewWriterLevel(&fresh, zlib.BestSpeed)
					zw.Write(p.Bytes())
					zw.Close()
					if !bytes.Equal(got[i], fresh.Bytes()) {
						errs <- fmt.Sprintf("goroutine %d round %d page %d: not what a fresh writer gives", g, r, i)
					}
					one := xmem.compress(p.Bytes())
					if !bytes.Equal(one.bytes(), fresh.Bytes()) {
						errs <- fmt.Sprintf("goroutine %d round %d page %d: compress alone differs", g, r, i)
					}
					one.release()
				}
				for _, mem := range mems {
					mem.release()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

package ingest

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/seeds"
)

// checkFastPath fails if fastCell accepts src and disagrees with the
// tree walk; it reports whether fastCell accepted.
func checkFastPath(t *testing.T, src string) bool {
	t.Helper()
	got, ok := fastCell(src)
	if !ok {
		return false
	}
	if want := treeCell(src); !reflect.DeepEqual(got, want) {
		t.Fatalf("fastCell(%q)\n got %+v\nwant %+v", src, got, want)
	}
	return true
}

func TestFastPath(t *testing.T) {
	tests := []struct {
		src    string
		accept bool
	}{
		{"<p>a</p><p>b</p>", true},
		{"<b>Раздел 1</b>", true},
		{"<p><b>a</b></p> b", true},
		{"<ul style=\"list-style-type: none\"><li>a</li><li>- b</li></ul>", true},
		{"<ul> - a; - b</ul>", true},
		{"<ul><li>a<li>b</ul>c", true},
		{"<ul><li><p>a</p><p>b</p></li></ul>", true},
		{"a</p>b", true},
		{"a </li> b </ul> c </b>", true},
		{"<p>a<p>b<ul>c", true},
		{"a<br>b<br/>c<br />d</br>e", true},
		{"<i>курсив</i> и <b>жирный</b> &amp; &nbsp; &lt;b&gt; &bogus;", true},
		{"a < b", true},
		{"<B>A</B><P>b", true},
		{"<b><b><b>x</b></b></b>", true},
		{"· a<br>· b", true},
		{"<li>a</li>", true},
		{"<ul><b>a</b><li>b</ul>", true},
		// Declined: the parser does more than the stack shows.
		{"<b><b><b><b>x", false},
		{"<b>a<p>b</b>c", false},
		{"<p><b>a</p>b", false},
		{"<li><b>a<li>b", false},
		{"<b><i>a</b></i>", false},
		{"<a href=\"x\">a</a>", false},
		{"<ul style=\"font-weight: bold\"><li>a</ul>", false},
		{"<ul style=\"font&#45;weight: bold\"><li>a</ul>", false},
		{"<p class=\"x\">a</p>", false},
		{"<!-- c -->a", false},
		{"<span>a</span>", false},
		{"<b >a</b>", false},
		{"a\x00b<b>c</b>", false},
		{"<p/>a", false},
		{"</ p>a", false},
		{strings.Repeat("<ul>", 120) + "a", false},
	}
	for _, tt := range tests {
		if got := checkFastPath(t, tt.src); got != tt.accept {
			t.Errorf("fastCell(%q) accepted = %v, want %v", tt.src, got, tt.accept)
		}
	}
}

// TestFastPathSeeds compares both paths on every markup cell of the real
// exports, and checks the fast path takes most of them.
func TestFastPathSeeds(t *testing.T) {
	total, fast := 0, 0
	for _, name := range seeds.Names() {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, ln := range strings.Split(string(data), "\n") {
			for _, raw := range strings.Split(ln, "\t") {
				if !hasMarkup(raw) {
					continue
				}
				src, _ := escapeUnterminatedTag(raw)
				total++
				if checkFastPath(t, src) {
					fast++
				}
			}
		}
	}
	if total == 0 || fast*10 < total*8 {
		t.Errorf("fast path took %d of %d markup cells, want at least 80%%", fast, total)
	}
	t.Logf("fast path took %d of %d markup cells", fast, total)
}

// FuzzFastPath: for any input, the fast path either declines or gives
// exactly what the tree walk gives.
func FuzzFastPath(f *testing.F) {
	for _, s := range []string{
		"<p>a</p><p>b</p>", "<ul style=\"list-style-type: none\"><li>a</li></ul>",
		"<ul> - a; - b</ul>", "a</p>b</li>c</ul>", "<b>x<br/>y</b>", "<i>a</i>&amp;&nbsp;",
		"<B>a<p>b</B>", "<li>· a<li>- b", "a < b <ul >c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src, _ := escapeUnterminatedTag(s)
		checkFastPath(t, src)
	})
}

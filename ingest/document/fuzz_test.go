package document

import (
	"archive/zip"
	"bytes"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzPackages are the handmade documents whose parts FuzzParts replaces:
// a Word file and an OpenDocument file with merged cells, numbering and
// styles.
var fuzzPackages = []string{"merges.docx", "autonumber.docx", "merges.odt", "autonumber.odt"}

// fuzzParts are the parts a fuzzed input may stand for, by package kind.
var fuzzParts = map[string][]string{
	".docx": {"word/document.xml", "word/numbering.xml", "word/styles.xml", "word/_rels/document.xml.rels", "_rels/.rels"},
	".odt":  {"content.xml", "styles.xml"},
}

func readPackage(t testing.TB, name string) map[string][]byte {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "document", "handmade", name))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

// FuzzParts replaces one XML part of a real document with the input and
// reads the package: a mutated byte of a whole ZIP only breaks its
// checksum, while the part's XML is what the readers parse. No input may
// panic a reader, and a refusal is one line that says what is wrong.
func FuzzParts(f *testing.F) {
	pkgs := make([]map[string][]byte, len(fuzzPackages))
	for i, name := range fuzzPackages {
		pkgs[i] = readPackage(f, name)
		for j, part := range fuzzParts[filepath.Ext(name)] {
			if data, ok := pkgs[i][part]; ok {
				f.Add(uint8(i), uint8(j), data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, pkg, part uint8, data []byte) {
		name := fuzzPackages[int(pkg)%len(fuzzPackages)]
		ext := filepath.Ext(name)
		names := fuzzParts[ext]
		replaced := names[int(part)%len(names)]
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		files := pkgs[int(pkg)%len(pkgs)]
		for _, pname := range slices.Sorted(maps.Keys(files)) {
			content := files[pname]
			if pname == replaced {
				content = data
			}
			w, err := zw.Create(pname)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(content)
		}
		if _, ok := files[replaced]; !ok {
			w, _ := zw.Create(replaced)
			w.Write(data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		read := ReadDOCX
		if ext == ".odt" {
			read = ReadODT
		}
		doc, err := read(buf.Bytes(), Limits{})
		if err != nil {
			msg := err.Error()
			if msg == "" || strings.Contains(msg, "\n") || !utf8.ValidString(msg) {
				t.Fatalf("%s with %s replaced: error %q is not one line", name, replaced, msg)
			}
			return
		}
		if doc == nil {
			t.Fatalf("%s with %s replaced: no document and no error", name, replaced)
		}
	})
}

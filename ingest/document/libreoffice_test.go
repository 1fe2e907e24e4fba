package document

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// soffice finds LibreOffice. Locally a test may skip without it; in CI
// (CI set) it must fail, so that a missing install step cannot pass.
func soffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice not installed, and CI is set: install libreoffice-writer")
		}
		t.Skip("soffice not installed")
	}
	return path
}

// convertToText has LibreOffice write each document as text into dir,
// all in one run (each start of LibreOffice takes seconds).
func convertToText(t *testing.T, bin, dir string, docs []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir}, docs...)
	if out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
}

// libreOfficeLabels returns the list labels LibreOffice printed in its
// text export of a document: it writes a numbered paragraph indented by
// four spaces a level, its label first.
func libreOfficeLabels(t *testing.T, txt string) []string {
	t.Helper()
	data, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
		if strings.HasPrefix(line, "    ") {
			if f := strings.Fields(line); len(f) > 0 {
				out = append(out, f[0])
			}
		}
	}
	return out
}

// ourLabels reads a document and returns its numbered paragraphs' labels
// in reading order.
func ourLabels(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	read := ReadDOCX
	if filepath.Ext(path) == ".odt" {
		read = ReadODT
	}
	doc, err := read(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func([]Block)
	walk = func(bs []Block) {
		for _, b := range bs {
			if b.Para != nil && b.Para.Label != "" && !b.Para.Bullet {
				out = append(out, b.Para.Label)
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for _, c := range r.Cells {
						walk(c.Blocks)
					}
				}
			}
		}
	}
	walk(doc.Blocks)
	return out
}

// TestNumbersAsLibreOffice checks the automatic numbers we compute against
// LibreOffice's own text export of the same documents, Word and
// OpenDocument.
func TestNumbersAsLibreOffice(t *testing.T) {
	bin := soffice(t)
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds")
	}
	// The text exports of x.docx and x.odt would share a name: each
	// format is converted from its own folder.
	dir := t.TempDir()
	names := []string{"autonumber", "autonumber-school"}
	for _, ext := range []string{".docx", ".odt"} {
		var docs []string
		for _, n := range names {
			p, err := filepath.Abs(filepath.Join("../../testdata/document/handmade", n+ext))
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, p)
		}
		convertToText(t, bin, filepath.Join(dir, ext[1:]), docs)
	}
	for _, n := range names {
		for _, ext := range []string{".docx", ".odt"} {
			t.Run(n+ext, func(t *testing.T) {
				ours := ourLabels(t, filepath.Join("../../testdata/document/handmade", n+ext))
				theirs := libreOfficeLabels(t, filepath.Join(dir, ext[1:], n+".txt"))
				if len(ours) < 5 {
					t.Fatalf("only %d numbered paragraphs read: %q", len(ours), ours)
				}
				if strings.Join(ours, " ") != strings.Join(theirs, " ") {
					t.Errorf("labels differ\n ours: %q\n LibreOffice: %q", ours, theirs)
				}
			})
		}
	}
}

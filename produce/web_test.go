package produce

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The outline as data holds every section and item once, in document
// order, and every diagnostic once: at the row of its line, or apart.
func TestOutlineOf(t *testing.T) {
	p, err := OpenFile(context.Background(), filepath.Join("..", "seeds", seedFiles[0]))
	if err != nil {
		t.Fatal(err)
	}
	o := OutlineOf(p)
	items, secs, diags := 0, 0, len(o.Other)
	last := 0
	for _, r := range o.Rows {
		if r.Line < last {
			t.Fatalf("row at line %d after line %d", r.Line, last)
		}
		last = r.Line
		switch {
		case r.Item != nil:
			items++
			if r.KindLabel == "" {
				t.Errorf("item %s: no deadline kind label", r.Item.ID)
			}
		case r.Section != nil:
			secs++
		}
		for _, d := range r.Diagnostics {
			if d.Line != r.Line {
				t.Errorf("diagnostic at line %d on the row of line %d", d.Line, r.Line)
			}
			diags++
		}
	}
	if items != len(p.Items) || items != 79 || secs != len(p.Sections) || diags != len(p.Diagnostics) {
		t.Fatalf("outline: %d items, %d sections, %d diagnostics; plan: %d, %d, %d", items, secs, diags, len(p.Items), len(p.Sections), len(p.Diagnostics))
	}
	placed := diags - len(o.Other)
	if len(p.Diagnostics) > 0 && placed == 0 {
		t.Fatal("no diagnostic placed at a row")
	}
}

// The zip of checklists holds the same workbooks and list as the folder
// WriteChecklists writes.
func TestWriteChecklistZip(t *testing.T) {
	p := loadSample(t)
	d := loadDir(t)
	dir, files, _ := writeChecklists(t, p, d, "test")
	recips, _ := Recipients(p, d)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zfiles, err := WriteChecklistZip(context.Background(), zw, p, recips, ChecklistOptions{Settings: Settings{Now: fixedNow, Version: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(files)+1 || len(zfiles) != len(files) {
		t.Fatalf("zip holds %d files, want %d checklists and the list", len(zr.File), len(files))
	}
	for i, f := range zr.File {
		rc, _ := f.Open()
		got, _ := io.ReadAll(rc)
		rc.Close()
		name := IndexFile
		if i < len(files) {
			name = files[i].File
		}
		if f.Name != name {
			t.Fatalf("zip entry %d is %s, want %s", i, f.Name, name)
		}
		want, _ := os.ReadFile(filepath.Join(dir, name))
		if strings.HasSuffix(name, ".xlsx") && (len(got) < 1000 || !bytes.HasPrefix(got, []byte("PK"))) {
			t.Fatalf("%s: not a workbook", name)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s differs from the folder's:\n%s\n%s", name, got, want)
		}
	}
}

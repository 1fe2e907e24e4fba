package produce

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/roadmap-tool/roadmap/internal/csvsafe"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// WriteChecklistZip writes the checklists of recips into zw, one
// workbook per recipient named as in a folder (ChecklistFiles), then
// their list (IndexFile). The workbooks are made Jobs at once and
// written in order; the caller may add files and closes zw.
func WriteChecklistZip(ctx context.Context, zw *zip.Writer, p *plan.Plan, recips []Recipient, o ChecklistOptions) ([]ChecklistFile, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	files := ChecklistFiles(recips)
	if len(files) > 0 {
		set, err := NewChecklistSet(ctx, p, o)
		if err != nil {
			return nil, err
		}
		bufs := make([]bytes.Buffer, len(files))
		errs := make([]error, len(files))
		Parallel(ctx, len(files), o.Jobs, func(i int) { errs[i] = set.Write(ctx, &bufs[i], files[i].Recipient) }, nil)
		if err := stopped(ctx); err != nil {
			return nil, err
		}
		for i, f := range files {
			if errs[i] != nil {
				return nil, fmt.Errorf("чек-лист %s: %w", f.File, errs[i])
			}
			w, err := zw.CreateHeader(&zip.FileHeader{Name: f.File, Method: zip.Deflate, Modified: o.now()})
			if err != nil {
				return nil, err
			}
			if _, err := bufs[i].WriteTo(w); err != nil {
				return nil, err
			}
		}
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: IndexFile, Method: zip.Deflate, Modified: o.now()})
	if err != nil {
		return nil, err
	}
	return files, writeIndex(w, o.labels().Tracker.Checklist.IndexColumns, files)
}

// writeIndex writes the list of the checklists (organisation, short
// name, file, items; UTF-8 with a BOM so that Excel shows the Cyrillic;
// an organisation named "=..." must not run as a formula).
func writeIndex(w io.Writer, cols []string, files []ChecklistFile) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csvsafe.NewWriter(w)
	cw.Write(cols)
	for _, f := range files {
		cw.Write([]string{f.Org, f.Short, f.File, strconv.Itoa(len(f.Items))})
	}
	cw.Flush()
	return cw.Error()
}

package produce

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/plandiff"
	"github.com/roadmap-tool/roadmap/render/pdf"
	"github.com/roadmap-tool/roadmap/render/xlsx"
)

// Compare matches the items of two versions of a plan and says what
// changed (package plandiff): what roadmap diff shows, what the server
// shows before it accepts a new version, and what Amend records.
func Compare(ctx context.Context, old, new *plan.Plan) (*plandiff.Diff, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	return plandiff.Compare(old, new, plandiff.Options{}), nil
}

// ChangesOptions configure Changes.
type ChangesOptions struct {
	Settings
	Format string // a key of ChangesFormats
}

// changesWriters are the forms of a diff, by name: text and JSON for the
// terminal and for programs, the change sheet (лист изменений) an
// official signs in Excel and PDF.
var changesWriters = map[string]func(io.Writer, *plandiff.Diff, ChangesOptions) error{
	"text": func(w io.Writer, d *plandiff.Diff, o ChangesOptions) error {
		return plandiff.WriteText(w, d, &o.labels().Changes)
	},
	"json": func(w io.Writer, d *plandiff.Diff, _ ChangesOptions) error { return plandiff.WriteJSON(w, d) },
	"xlsx": func(w io.Writer, d *plandiff.Diff, o ChangesOptions) error {
		return xlsx.WriteChanges(w, d, xlsx.ChangesOptions{Labels: o.labels(), Now: o.now()})
	},
	"pdf": func(w io.Writer, d *plandiff.Diff, o ChangesOptions) error {
		return pdf.WriteChanges(w, d, pdf.ChangesOptions{Labels: o.labels(), Now: o.now()})
	},
}

// ChangesFormats lists the formats Changes writes, sorted.
func ChangesFormats() []string {
	out := make([]string, 0, len(changesWriters))
	for k := range changesWriters {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Changes writes a diff in a format of ChangesFormats.
func Changes(ctx context.Context, w io.Writer, d *plandiff.Diff, o ChangesOptions) error {
	write, ok := changesWriters[o.Format]
	if !ok {
		return fmt.Errorf("изменения: неизвестный формат %q: ожидается %s", o.Format, strings.Join(ChangesFormats(), ", "))
	}
	if err := stopped(ctx); err != nil {
		return err
	}
	return write(w, d, o)
}

package produce

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/internal/filename"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/render/xlsx"
)

// ChecklistOptions configure the checklists of a plan.
type ChecklistOptions struct {
	Settings
	Password string // sheet protection password; "" = protected without one
	// Jobs is how many workbooks are written at once; 0 = one per CPU.
	Jobs int
	// Done, when set, is called after each file written, from one
	// goroutine at a time: done of total.
	Done func(done, total int)
}

// ChecklistSet writes the checklists of one plan one by one: into a
// folder (WriteChecklists), a zip or an HTTP response. The workbook
// template is built once for the plan. Write is safe for concurrent use.
type ChecklistSet struct {
	c *xlsx.Checklists
}

// NewChecklistSet prepares the checklists of p.
func NewChecklistSet(ctx context.Context, p *plan.Plan, o ChecklistOptions) (*ChecklistSet, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	c, err := xlsx.NewChecklists(p, xlsx.ChecklistOptions{Labels: o.labels(), Password: o.Password, Version: o.Version, Now: o.now()})
	if err != nil {
		return nil, fmt.Errorf("чек-листы: %w", err)
	}
	return &ChecklistSet{c: c}, nil
}

// Write writes the checklist of one recipient.
func (s *ChecklistSet) Write(ctx context.Context, w io.Writer, r Recipient) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	return s.c.Write(w, r.Org, r.Items)
}

// ChecklistFile is one checklist of a set, with its file name.
type ChecklistFile struct {
	Recipient
	File string // the file name inside the folder (or the zip)
}

// IndexFile is the list of the checklists that WriteChecklists puts
// beside them.
const IndexFile = "checklists.csv"

// ChecklistFiles names each recipient's file: its short name, or its full
// name where short names clash, made safe for Windows and Linux and
// unique (ignoring case, as Windows does).
func ChecklistFiles(recips []Recipient) []ChecklistFile {
	shorts := map[string]int{}
	for _, r := range recips {
		shorts[r.Short]++
	}
	used := map[string]bool{IndexFile: true}
	out := make([]ChecklistFile, len(recips))
	for i, r := range recips {
		base := r.Short
		if base == "" || shorts[base] > 1 {
			base = r.Org
		}
		out[i] = ChecklistFile{Recipient: r, File: uniqueName(used, SafeFileName(base), ".xlsx")}
	}
	return out
}

// WriteChecklists writes one workbook per recipient into dir (made when
// missing), Jobs at once, each through a temporary file renamed into
// place, then the list of them, dir/checklists.csv (organisation, short
// name, file, items; UTF-8 with a BOM so that Excel shows the Cyrillic).
// On cancellation it stops starting files and returns the cancellation (see stopped).
func WriteChecklists(ctx context.Context, dir string, p *plan.Plan, recips []Recipient, o ChecklistOptions) ([]ChecklistFile, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, PathError(dir, err)
	}
	files := ChecklistFiles(recips)
	if len(files) > 0 {
		set, err := NewChecklistSet(ctx, p, o)
		if err != nil {
			return nil, err
		}
		errs := make([]error, len(files))
		var mu sync.Mutex
		done := 0
		Parallel(ctx, len(files), o.Jobs, func(i int) {
			f := &files[i]
			errs[i] = atomicfile.Write(filepath.Join(dir, f.File), func(w io.Writer) error { return set.Write(ctx, w, f.Recipient) })
			if o.Done != nil {
				mu.Lock()
				done++
				o.Done(done, len(files))
				mu.Unlock()
			}
		}, nil)
		if err := stopped(ctx); err != nil {
			return nil, err
		}
		for i, e := range errs {
			if e != nil {
				return nil, fmt.Errorf("чек-лист %s: %w", filepath.Join(dir, files[i].File), e)
			}
		}
	}
	cols := o.labels().Tracker.Checklist.IndexColumns
	err := atomicfile.Write(filepath.Join(dir, IndexFile), func(w io.Writer) error { return writeIndex(w, cols, files) })
	if err != nil {
		return nil, PathError(filepath.Join(dir, IndexFile), err)
	}
	return files, nil
}

// WriteChecklistList prints the checklists written into dir for a
// terminal: organisation, file and items, then a closing line.
func WriteChecklistList(w io.Writer, dir string, files []ChecklistFile) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Организация\tФайл\tМероприятий")
	items := 0
	for _, f := range files {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", f.Org, f.File, len(f.Items))
		items += len(f.Items)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "Записано чек-листов: %d (строк мероприятий: %d) в %s; список: %s\n",
		len(files), items, dir, filepath.Join(dir, IndexFile))
	return err
}

// uniqueName appends _2, _3 ... until the name is unused (ignoring case,
// as Windows does).
func uniqueName(used map[string]bool, base, ext string) string {
	name := base + ext
	for n := 2; used[strings.ToLower(name)]; n++ {
		name = base + "_" + strconv.Itoa(n) + ext
	}
	used[strings.ToLower(name)] = true
	return name
}

// maxFileNameBytes keeps names well under every file system's limit.
const maxFileNameBytes = 80

// SafeFileName makes a checklist's file name from an organisation's name
// (see filename.Safe): safe on Windows and Linux, at most 80 bytes.
func SafeFileName(s string) string { return filename.Safe(s, maxFileNameBytes, "org") }

package produce

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/internal/filename"
	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/internal/syserr"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/render/xlsx"
	"github.com/roadmap-tool/roadmap/templates"
)

// ChecklistOptions configure the checklists of a plan.
type ChecklistOptions struct {
	Settings
	Password string // sheet protection password; "" = protected without one
	Issue    Issue  // the quarter and signatures of the manifests (IssueTo)
	// Jobs is how many workbooks are written at once; 0 = one per CPU.
	Jobs int
	// Done, when set, is called after each file written, from one
	// goroutine at a time: done of total.
	Done func(done, total int)
	// Stale, when set, is told about each checklist of the folder's
	// previous index that the new set no longer has: removed, or kept
	// with the reason (see WriteChecklists).
	Stale func(file string, removed bool, why string)
	// Warn and Diagnostics, when set, are told what ChecklistsInFile
	// finds on the way: the version in force being another than the plan
	// given, and the executors that could not be resolved.
	Warn        func(string)
	Diagnostics func(plan.Diagnostics)
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
	c, err := xlsx.NewChecklists(p, xlsx.ChecklistOptions{Labels: o.labels(), Password: o.Password, Version: o.Version, Now: o.now(),
		Quarter: o.Issue.quarter(), Key: o.Issue.Key})
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
//
// Written again into the same folder, it removes the checklists its
// previous list named that the new set no longer has (an organisation
// gone from the directory or the plan), so that no stale checklist is
// sent out by mistake: only those that are still blank checklists of the
// same roadmap (same plan or title) are removed; one a school filled in,
// one of another roadmap and a file that is not a checklist are kept and
// reported (Stale). Nothing the list does not name is touched.
func WriteChecklists(ctx context.Context, dir string, p *plan.Plan, recips []Recipient, o ChecklistOptions) ([]ChecklistFile, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, PathError(dir, err)
	}
	previous := previousChecklists(dir)
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
	removeStale(dir, p, previous, files, o.Stale)
	return files, nil
}

// maxIndexBytes bounds the previous index read: a region's thousand
// schools take under 100 KB.
const maxIndexBytes = 8 << 20

// previousChecklists lists the file names dir's index names, if any.
func previousChecklists(dir string) []string {
	data, err := inputfile.Read(filepath.Join(dir, IndexFile), maxIndexBytes, nil)
	if err != nil {
		return nil
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 2 {
		return nil
	}
	var out []string
	for _, rec := range recs[1:] {
		if len(rec) >= 3 {
			out = append(out, rec[2])
		}
	}
	return out
}

// removeStale removes the previous checklists the new set does not have
// (see WriteChecklists). A name from the index is the user's to edit: it
// is taken only as a plain file name inside dir.
func removeStale(dir string, p *plan.Plan, previous []string, files []ChecklistFile, tell func(string, bool, string)) {
	if tell == nil {
		tell = func(string, bool, string) {}
	}
	current := map[string]bool{}
	hash := "" // p.Hash(), computed for the first checklist of a plan
	for _, f := range files {
		current[strings.ToLower(f.File)] = true
	}
	for _, name := range previous {
		if current[strings.ToLower(name)] || name == "" {
			continue
		}
		if filepath.Base(name) != name || strings.HasPrefix(name, ".") || !strings.EqualFold(filepath.Ext(name), ".xlsx") {
			tell(name, false, "в списке чек-листов не имя файла этой папки")
			continue
		}
		path := filepath.Join(dir, name)
		fi, err := os.Lstat(path)
		switch {
		case err != nil:
			continue // already gone
		case !fi.Mode().IsRegular():
			tell(name, false, "не обычный файл")
			continue
		}
		m, answered, err := collect.Inspect(path)
		switch {
		case err != nil:
			tell(name, false, "не чек-лист roadmap ("+err.Error()+")")
		case m.Kind != KindChecklist || m.PlanHash != planHash(p, &hash) && m.PlanTitle != p.Title:
			tell(name, false, "чек-лист другого плана")
		case answered > 0:
			tell(name, false, fmt.Sprintf("заполнен (ответов: %d); соберите его: roadmap collect", answered))
		default:
			if err := os.Remove(path); err != nil {
				tell(name, false, syserr.Text(err))
				continue
			}
			tell(name, true, "организации «"+m.Org+"» больше нет среди получателей")
		}
	}
}

// planHash returns p.Hash(), computed into *hash on first use.
func planHash(p *plan.Plan, hash *string) string {
	if *hash == "" {
		*hash = p.Hash()
	}
	return *hash
}

// WriteChecklistList prints the checklists written into dir for a
// terminal: organisation, file and items, then a closing line, in the
// words of tracker.yaml (nil: the embedded ones).
func WriteChecklistList(w io.Writer, dir string, files []ChecklistFile, lab *templates.Labels) error {
	words := Settings{Labels: lab}.labels().Tracker.Checklist
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(words.ListColumns, "\t"))
	items := 0
	for _, f := range files {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", f.Org, f.File, len(f.Items))
		items += len(f.Items)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, templates.Fill(words.Written, "{n}", strconv.Itoa(len(files)), "{items}", strconv.Itoa(items),
		"{dir}", dir, "{index}", filepath.Join(dir, IndexFile)))
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

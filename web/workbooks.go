package web

import (
	"net/http"
	"time"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// reportingQuarter is the quarter answers are most likely sent for at t:
// the previous one while its reporting window is open (to the 20th of
// the month after it), else the current one.
func reportingQuarter(t time.Time, loc *time.Location) plan.Quarter {
	t = t.In(loc)
	cur := plan.MonthOf(t.Year(), int(t.Month())).Quarter()
	prev := plan.Quarter{Year: cur.Year, Q: cur.Q - 1}
	if cur.Q == 1 {
		prev = plan.Quarter{Year: cur.Year - 1, Q: 4}
	}
	if t.Before(access.LinkExpiry(prev, loc)) {
		return prev
	}
	return cur
}

// quarterChoices are the quarters offered in a form: two years back to
// the next one.
func quarterChoices(cur plan.Quarter) []plan.Quarter {
	q := plan.Quarter{Year: cur.Year - 2, Q: cur.Q}
	var out []plan.Quarter
	for i := 0; i < 10; i++ {
		out = append(out, q)
		q = q.Next()
	}
	return out
}

type workbooksData struct {
	Quarter  string // "" = the quarter each checklist was issued for
	Quarters []plan.Quarter
	Report   *collect.Report
}

func (s *Server) workbooksData(q *plan.Quarter) workbooksData {
	d := workbooksData{Quarters: quarterChoices(reportingQuarter(s.o.Now(), s.o.Location))}
	if q != nil {
		d.Quarter = q.String()
	}
	return d
}

// optionalQuarterValue reads a quarter field: "" is nil (each workbook
// filed under the quarter it was issued for).
func optionalQuarterValue(v string) (*plan.Quarter, error) {
	if v == "" {
		return nil, nil
	}
	q, err := plan.ParseQuarter(v)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	return &q, nil
}

// workbooksPage offers the upload of returned workbooks.
func (s *Server) workbooksPage(w http.ResponseWriter, r *http.Request) error {
	d := s.workbooksData(nil)
	return s.render(w, r, "workbooks", pageData{Title: "Сбор заполненных чек-листов", Nav: "workbooks", D: d})
}

// uploadWorkbooks collects the uploaded workbooks as `roadmap collect`
// does the files of a folder, and shows its report file by file.
func (s *Server) uploadWorkbooks(w http.ResponseWriter, r *http.Request) error {
	files, fields, err := readUpload(r, "files", bookFileLimit)
	if err != nil {
		return err
	}
	q, err := optionalQuarterValue(fields.Get("quarter"))
	if err != nil {
		return err
	}
	rep, err := s.collect(r, files, q, nil)
	if err != nil {
		return err
	}
	d := s.workbooksData(q)
	d.Report = rep
	return s.render(w, r, "workbooks", pageData{Title: "Сбор заполненных чек-листов", Nav: "workbooks", D: d})
}

// collect runs a collection of uploaded workbooks, filed under q (nil:
// the quarter each was issued for).
func (s *Server) collect(r *http.Request, files []uploaded, q *plan.Quarter, only *collect.Scope) (*collect.Report, error) {
	in := make([]collect.File, len(files))
	now := s.o.Now()
	for i, f := range files {
		in[i] = collect.File{Name: f.name, Data: f.data, ModTime: now}
	}
	o := collect.Options{Now: now, By: actor(r), Only: only}
	if u := userOf(r); u != nil {
		o.Municipality = u.Municipality // a department's own plans only
	}
	if q != nil {
		o.Quarter = q.String()
	}
	rep, err := collect.RunFiles(r.Context(), s.st, in, o)
	if err != nil {
		return nil, err
	}
	s.log.Info("собраны ответы", "files", len(files), "collected", rep.Count(collect.Collected), "refused", rep.Count(collect.Refused),
		"answers", rep.Answers(), "quarter", rep.Quarter)
	return rep, nil
}

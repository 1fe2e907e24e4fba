package web

import (
	"net/http"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// fileJSON is one file of a collection, as `roadmap collect` reports it.
type fileJSON struct {
	Name     string           `json:"name"`
	Outcome  string           `json:"outcome"`
	Text     string           `json:"text"`
	Quarter  string           `json:"quarter,omitempty"`
	Reason   string           `json:"reason,omitempty"`
	Org      string           `json:"org,omitempty"`
	Plan     string           `json:"plan,omitempty"`
	Answers  int              `json:"answers"`
	Notes    plan.Diagnostics `json:"notes,omitempty"`
	Replaces []string         `json:"replaces,omitempty"`
}

type collectJSON struct {
	Quarter   string     `json:"quarter,omitempty"` // "" = each file's own
	Files     []fileJSON `json:"files"`
	Collected int        `json:"collected"`
	Refused   int        `json:"refused"`
	Duplicate int        `json:"duplicate"`
	Empty     int        `json:"empty"`
	Answers   int        `json:"answers"`
}

// apiUploadWorkbooks collects uploaded workbooks (multipart "files") for
// ?quarter=.
func (s *Server) apiUploadWorkbooks(w http.ResponseWriter, r *http.Request) error {
	q, err := optionalQuarterValue(r.URL.Query().Get("quarter"))
	if err != nil {
		return err
	}
	files, _, err := readUpload(r, "files", bookFileLimit)
	if err != nil {
		return err
	}
	rep, err := s.collect(r, files, q, nil)
	if err != nil {
		return err
	}
	out := collectJSON{Quarter: rep.Quarter, Collected: rep.Count(collect.Collected), Refused: rep.Count(collect.Refused),
		Duplicate: rep.Count(collect.Duplicate), Empty: rep.Count(collect.Empty), Answers: rep.Answers()}
	for i := range rep.Files {
		f := &rep.Files[i]
		out.Files = append(out.Files, fileJSON{Name: f.Path, Outcome: f.Outcome.String(), Text: rep.Line(i, &s.o.Labels.Collect), Quarter: f.Quarter, Reason: f.Reason, Org: f.Org,
			Plan: f.PlanTitle, Answers: f.Answers, Notes: f.Notes(false), Replaces: f.Supersedes})
	}
	return writeJSON(w, http.StatusOK, out)
}

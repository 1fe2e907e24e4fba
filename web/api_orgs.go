package web

import (
	"net/http"

	"github.com/roadmap-tool/roadmap/collect"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/orgdir"
)

type orgJSON struct {
	Name   string   `json:"name"`
	Short  string   `json:"short,omitempty"`
	Email  string   `json:"email,omitempty"`
	Groups []string `json:"groups,omitempty"`
}

func (s *Server) apiOrgs(w http.ResponseWriter, r *http.Request) error {
	orgs, err := s.st.Directory(r.Context())
	if err != nil {
		return err
	}
	out := []orgJSON{}
	for _, o := range orgs {
		out = append(out, orgJSON{Name: o.Name, Short: o.Short, Email: o.Email, Groups: o.Groups})
	}
	return writeJSON(w, http.StatusOK, out)
}

// apiReplaceOrgs makes the list the directory, checked as an uploaded
// file is.
func (s *Server) apiReplaceOrgs(w http.ResponseWriter, r *http.Request) error {
	var in []orgJSON
	if err := readJSON(r, &in); err != nil {
		return err
	}
	entries := make([]orgdir.Org, len(in))
	for i, o := range in {
		entries[i] = orgdir.Org{Name: o.Name, Short: o.Short, Email: o.Email, Groups: o.Groups, Line: i + 1}
	}
	if err := checkOrgs("организация", entries); err != nil {
		return badRequest("%v", err)
	}
	if err := s.st.ReplaceDirectory(r.Context(), dirOrgs(entries), s.o.Now()); err != nil {
		return err
	}
	s.log.Info("справочник заменен через API", "orgs", len(entries), "user", userOf(r).Login)
	return writeJSON(w, http.StatusOK, map[string]int{"organizations": len(entries)})
}

// fileJSON is one file of a collection, as `roadmap collect` reports it.
type fileJSON struct {
	Name     string           `json:"name"`
	Outcome  string           `json:"outcome"`
	Text     string           `json:"text"`
	Reason   string           `json:"reason,omitempty"`
	Org      string           `json:"org,omitempty"`
	Plan     string           `json:"plan,omitempty"`
	Answers  int              `json:"answers"`
	Notes    plan.Diagnostics `json:"notes,omitempty"`
	Replaces []string         `json:"replaces,omitempty"`
}

type collectJSON struct {
	Quarter   string     `json:"quarter"`
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
	q, err := plan.ParseQuarter(r.URL.Query().Get("quarter"))
	if err != nil {
		return badRequest("%v", err)
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
		out.Files = append(out.Files, fileJSON{Name: f.Path, Outcome: f.Outcome.String(), Text: f.Text(), Reason: f.Reason, Org: f.Org,
			Plan: f.PlanTitle, Answers: f.Answers, Notes: f.Notes(false), Replaces: f.Supersedes})
	}
	return writeJSON(w, http.StatusOK, out)
}

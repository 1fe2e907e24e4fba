package web

import (
	"net/http"

	"github.com/roadmap-tool/roadmap/orgdir"
)

type orgJSON struct {
	Name   string   `json:"name"`
	Short  string   `json:"short,omitempty"`
	Email  string   `json:"email,omitempty"`
	Groups []string `json:"groups,omitempty"`
}

func (s *Server) apiOrgs(w http.ResponseWriter, r *http.Request) error {
	mun, err := s.munOf(r)
	if err != nil {
		return err
	}
	orgs, err := s.st.DirectoryIn(r.Context(), mun)
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
	mun, err := s.munOf(r)
	if err != nil {
		return err
	}
	if err := s.st.ReplaceDirectoryIn(r.Context(), mun, dirOrgs(entries), s.o.Now()); err != nil {
		return err
	}
	s.log.Info("справочник заменен через API", "orgs", len(entries), "user", userOf(r).Login)
	return writeJSON(w, http.StatusOK, map[string]int{"organizations": len(entries)})
}

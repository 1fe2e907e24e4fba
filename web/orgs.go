package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/orgdir"
	"github.com/roadmap-tool/roadmap/store"
)

type orgsData struct {
	Orgs []store.DirOrg
	M    int64 // the municipality (for a region's user's links)
}

// orgsPage lists the directory and offers its upload and editing.
func (s *Server) orgsPage(w http.ResponseWriter, r *http.Request) error {
	if u := userOf(r); u.Region() && r.URL.Query().Get("m") == "" {
		return s.municipalityChoice(w, r, "/orgs", "Организации", "orgs")
	}
	mun, err := s.munOf(r)
	if err != nil {
		return err
	}
	orgs, err := s.st.DirectoryIn(r.Context(), mun)
	if err != nil {
		return err
	}
	flash := ""
	if n := r.URL.Query().Get("replaced"); n != "" {
		flash = "Справочник заменен: организаций — " + n + "."
	}
	return s.render(w, r, "orgs", pageData{Title: "Организации", Nav: "orgs", Flash: flash, D: orgsData{Orgs: orgs, M: mun}})
}

// dirOrgs turns directory entries into the store's.
func dirOrgs(entries []orgdir.Org) []store.DirOrg {
	out := make([]store.DirOrg, len(entries))
	for i, o := range entries {
		out[i] = store.DirOrg{Name: strings.TrimSpace(o.Name), Short: strings.TrimSpace(o.Short), Email: strings.TrimSpace(o.Email), Groups: o.Groups}
	}
	return out
}

// checkOrgs checks a directory as orgdir reads one (names present and
// not repeated, even written differently) and the e-mails.
func checkOrgs(name string, entries []orgdir.Org) error {
	for _, o := range entries {
		if err := checkOrg(o); err != nil {
			return fmt.Errorf("%s:%d: %w", name, o.Line, err)
		}
	}
	_, err := orgdir.New(name, entries)
	return err
}

// checkOrg checks one organisation's fields.
func checkOrg(o orgdir.Org) error {
	switch {
	case strings.TrimSpace(o.Name) == "":
		return errors.New("пустое название организации")
	case utf8.RuneCountInString(o.Name) > 300, utf8.RuneCountInString(o.Short) > 100:
		return fmt.Errorf("«%s»: название длиннее 300 символов или краткое длиннее 100", clip(o.Name, 60))
	case o.Email != "":
		a, err := mail.ParseAddress(o.Email)
		if err != nil || a.Address != strings.TrimSpace(o.Email) || len(o.Email) > 254 {
			return fmt.Errorf("«%s»: адрес электронной почты %q не читается: ожидается вида school@example.ru", o.Name, o.Email)
		}
	}
	for _, g := range o.Groups {
		if utf8.RuneCountInString(g) > 60 {
			return fmt.Errorf("«%s»: название группы длиннее 60 символов", o.Name)
		}
	}
	return nil
}

// uploadOrgs replaces the directory with an uploaded CSV or YAML file,
// read as --orgs reads one.
func (s *Server) uploadOrgs(w http.ResponseWriter, r *http.Request) error {
	files, _, err := readUpload(r, "file", directoryLimit)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return badRequest("выберите один файл справочника")
	}
	f := files[0]
	entries, err := orgdir.Parse(f.name, f.data)
	if err != nil {
		return badRequest("%v", err)
	}
	if err := checkOrgs(f.name, entries); err != nil {
		return badRequest("%v", err)
	}
	if len(entries) == 0 {
		return badRequest("%s: в файле нет ни одной организации", f.name)
	}
	mun, err := s.munOf(r)
	if err != nil {
		return err
	}
	if err := s.st.ReplaceDirectoryIn(r.Context(), mun, dirOrgs(entries), s.o.Now()); err != nil {
		return err
	}
	s.log.Info("справочник заменен", "file", f.name, "orgs", len(entries), "user", userOf(r).Login)
	seeOther(w, r, fmt.Sprintf("/orgs?replaced=%d", len(entries)))
	return nil
}

type orgEditData struct {
	Org   store.DirOrg
	New   bool
	Error string
}

// orgEditPage shows the form of one organisation (?name=), or of a new
// one.
func (s *Server) orgEditPage(w http.ResponseWriter, r *http.Request) error {
	name := r.URL.Query().Get("name")
	d := orgEditData{New: name == ""}
	mun, err := s.munOf(r)
	if err != nil {
		return err
	}
	if name != "" {
		orgs, err := s.st.DirectoryIn(r.Context(), mun)
		if err != nil {
			return err
		}
		found := false
		for _, o := range orgs {
			if o.Name == name {
				d.Org, found = o, true
			}
		}
		if !found {
			return errNotFound
		}
	}
	return s.render(w, r, "org_edit", pageData{Title: "Организация", Nav: "orgs", D: d})
}

// saveOrg adds an organisation or changes one (its name is its identity:
// answers and links refer to it).
func (s *Server) saveOrg(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	o := orgdir.Org{Name: strings.TrimSpace(f.Get("name")), Short: strings.TrimSpace(f.Get("short")), Email: strings.TrimSpace(f.Get("email"))}
	for _, g := range strings.Split(f.Get("groups"), ";") {
		if g = strings.TrimSpace(g); g != "" {
			o.Groups = append(o.Groups, g)
		}
	}
	mun, err := s.munOf(r)
	if err != nil {
		return err
	}
	orgs, err := s.st.DirectoryIn(r.Context(), mun)
	if err != nil {
		return err
	}
	entries := []orgdir.Org{}
	for _, x := range orgs {
		if x.Name != o.Name {
			entries = append(entries, orgdir.Org{Name: x.Name, Short: x.Short, Email: x.Email, Groups: x.Groups, Line: len(entries) + 1})
		}
	}
	o.Line = len(entries) + 1
	if err := checkOrgs("справочник", append(entries, o)); err != nil {
		d := orgEditData{Org: dirOrgs([]orgdir.Org{o})[0], New: f.Get("new") != "", Error: err.Error()}
		return s.renderStatus(w, r, http.StatusBadRequest, "org_edit", pageData{Title: "Организация", Nav: "orgs", D: d})
	}
	if err := s.st.SaveOrgIn(r.Context(), mun, dirOrgs([]orgdir.Org{o})[0], s.o.Now()); err != nil {
		return err
	}
	s.log.Info("организация сохранена", "org", o.Name, "user", userOf(r).Login)
	seeOther(w, r, "/orgs")
	return nil
}

// removeOrg takes an organisation out of the directory (its answers and
// links stay).
func (s *Server) removeOrg(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	mun, err := s.munOf(r)
	if err != nil {
		return err
	}
	err = s.st.UnlistOrgIn(r.Context(), mun, r.PostForm.Get("name"), s.o.Now())
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	s.log.Info("организация исключена из справочника", "org", r.PostForm.Get("name"), "user", userOf(r).Login)
	seeOther(w, r, "/orgs")
	return nil
}

// groupsPage lists the directory's groups with their members.
func (s *Server) groupsPage(w http.ResponseWriter, r *http.Request) error {
	if u := userOf(r); u.Region() && r.URL.Query().Get("m") == "" {
		return s.municipalityChoice(w, r, "/groups", "Группы организаций", "orgs")
	}
	mun, err := s.munOf(r)
	if err != nil {
		return err
	}
	d, _, err := s.directory(r.Context(), mun)
	if err != nil {
		return err
	}
	return s.render(w, r, "groups", pageData{Title: "Группы организаций", Nav: "orgs", D: d.Groups()})
}

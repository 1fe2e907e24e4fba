package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/plandiff"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/store"
	"github.com/roadmap-tool/roadmap/templates"
)

// A new version of an accepted roadmap (новая редакция) is uploaded from
// the plan's page, or chosen for an uploaded file on its import page. It
// is kept as an import (any server can show it), compared with the plan
// (produce.PreviewAmend: what changed, the answers that will count for
// it, the removed items whose answers stay with the old version), and
// registered as the plan's successor only when the department accepts
// it (produce.Amend, the operation of roadmap amend). The relation
// between the two lives in the address (/plans/OLD/versions/IMPORT): an
// import is only a file read, and the same file could be accepted as a
// plan of its own from the imports' page.

// versionData is the page of a new version before it is accepted.
type versionData struct {
	Old       *plan.Plan
	OldHash   string
	Import    importView
	Preview   *produce.Amendment // nil when it cannot be registered
	Refused   string             // why not
	Notes     []string           // a new name, a new period, no change
	Summary   string
	Changed   []changedItem
	Quarters  []plan.Quarter // from which it may be in force
	Effective string         // the quarter proposed
	Words     *templates.Changes
	Base      string // /plans/OLD/versions/IMPORT
}

// changedItem is a changed item with its fields as the change sheet
// lists them.
type changedItem struct {
	plandiff.Change
	Fields []plandiff.FieldChange
}

// versionOf reads {plan} (the version to replace) and {id} (the upload).
func (s *Server) versionOf(r *http.Request) (*planEntry, store.Import, *plan.Plan, error) {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return nil, store.Import{}, nil, err
	}
	im, err := s.importOf(r)
	if err != nil {
		return nil, im, nil, err
	}
	if im.JSON == nil {
		return e, im, nil, nil
	}
	p, err := plan.Decode(im.JSON)
	if err != nil {
		return nil, im, nil, err
	}
	return e, im, p, nil
}

// uploadVersion reads a new version of the plan and shows how it differs.
func (s *Server) uploadVersion(w http.ResponseWriter, r *http.Request) error {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return err
	}
	files, _, err := readUpload(r, "file", planFileLimit)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return badRequest("выберите один файл: новую редакцию дорожной карты")
	}
	ids, err := s.importFiles(r, files)
	if err != nil {
		return err
	}
	seeOther(w, r, "/plans/"+e.p.Hash()+"/versions/"+strconv.FormatInt(ids[0], 10))
	return nil
}

// importAsVersion sends an uploaded file's page on to its comparison with
// the plan chosen (?plan=).
func (s *Server) importAsVersion(w http.ResponseWriter, r *http.Request) error {
	im, err := s.importOf(r)
	if err != nil {
		return err
	}
	e, err := s.plan(r, r.URL.Query().Get("plan"))
	if err != nil {
		return err
	}
	seeOther(w, r, "/plans/"+e.p.Hash()+"/versions/"+strconv.FormatInt(im.ID, 10))
	return nil
}

// versionPage shows what changes with the new version, before it is
// accepted: the change sheet on the page and to download, the answers
// that will count for it and those that stay with the old version.
func (s *Server) versionPage(w http.ResponseWriter, r *http.Request) error {
	e, im, p, err := s.versionOf(r)
	if err != nil {
		return err
	}
	iv, err := s.importView(r, im, false)
	if err != nil {
		return err
	}
	words := &s.o.Labels.Changes
	d := versionData{Old: e.p, OldHash: e.p.Hash(), Import: iv, Words: words,
		Base: "/plans/" + e.p.Hash() + "/versions/" + strconv.FormatInt(im.ID, 10)}
	switch {
	case p == nil:
		d.Refused = im.Error
	case im.Decision != "":
		d.Refused = "по этому файлу решение уже принято"
	default:
		q, err := s.effective(r, p)
		if err != nil {
			return err
		}
		d.Preview, err = produce.PreviewAmend(r.Context(), s.st, e.p, p, produce.AmendOptions{Quarter: q, Now: s.o.Now()})
		if err != nil {
			d.Refused = err.Error()
			break
		}
		d.Notes = plandiff.Notes(d.Preview.Diff, words)
		d.Summary = plandiff.SummaryLine(d.Preview.Diff.Summary, words)
		for _, ch := range d.Preview.Diff.Changed {
			d.Changed = append(d.Changed, changedItem{Change: ch, Fields: plandiff.Fields(ch, words)})
		}
		d.Quarters = p.Period.Quarters()
		d.Effective = d.Preview.Effective.String()
	}
	return s.render(w, r, "version", pageData{Title: "Новая редакция: " + im.Name, Nav: "plans", D: d})
}

// effective reads the quarter from which the new version is to be in
// force (?quarter= or the form's quarter; nil: the current one).
func (s *Server) effective(r *http.Request, p *plan.Plan) (*plan.Quarter, error) {
	v := r.FormValue("quarter")
	if v == "" {
		return nil, nil
	}
	q, err := plan.ParseQuarter(v)
	if err != nil {
		return nil, badRequest("квартал %q: ожидается вида 2022Q3", clip(v, 20))
	}
	return &q, nil
}

// downloadChanges sends the change sheet (лист изменений) of the new
// version, PDF or Excel, as roadmap diff writes it.
func (s *Server) downloadChanges(w http.ResponseWriter, r *http.Request) error {
	e, im, p, err := s.versionOf(r)
	if err != nil {
		return err
	}
	if p == nil {
		return badRequest("%s: файл не прочитан", im.Name)
	}
	d, err := produce.Compare(r.Context(), e.p, p)
	if err != nil {
		return err
	}
	format, ctype := "pdf", pdfType
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		format, ctype = "xlsx", xlsxType
	}
	var buf bytes.Buffer
	if err := produce.Changes(r.Context(), &buf, d, produce.ChangesOptions{Settings: s.settings(), Format: format}); err != nil {
		return err
	}
	return send(w, &buf, ctype, docName(p, "_лист_изменений."+format))
}

// acceptVersion registers the new version as the plan's successor
// (produce.Amend) and says what was done.
func (s *Server) acceptVersion(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	e, im, p, err := s.versionOf(r)
	if err != nil {
		return err
	}
	if p == nil {
		return badRequest("%s: файл не прочитан, принять нечего", im.Name)
	}
	if im.Decision != "" {
		return &httpError{status: http.StatusConflict, msg: "по этому файлу решение уже принято"}
	}
	q, err := s.effective(r, p)
	if err != nil {
		return err
	}
	a, err := produce.Amend(r.Context(), s.st, e.p, p, produce.AmendOptions{Quarter: q, Now: s.o.Now()})
	if err != nil {
		var re *store.ReplacedError
		var ee *store.EarlierError
		if errors.As(err, &re) || errors.As(err, &ee) || errors.Is(err, store.ErrInChain) || errors.Is(err, store.ErrSameVersion) ||
			errors.Is(err, produce.ErrUnrelated) {
			return &httpError{status: http.StatusConflict, msg: err.Error()}
		}
		return err
	}
	// The import is decided: its plan is saved already (Amend saved it).
	if _, err := s.st.DecideImport(r.Context(), im.ID, store.Accepted, s.o.Now()); err != nil && !errors.Is(err, store.ErrDecided) {
		return err
	}
	s.log.Info("зарегистрирована новая редакция", "plan", e.p.Hash(), "new", p.Hash(), "version", a.Version,
		"from", a.Effective.String(), "carried", a.Carried, "kept", len(a.Kept), "user", userOf(r).Login)
	seeOther(w, r, "/plans/"+p.Hash()+"?amended="+url.QueryEscape(a.Effective.String()))
	return nil
}

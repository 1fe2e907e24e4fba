package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/csvsafe"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/produce"
)

// Every document is made by the core (produce) into memory first, so
// that an error is an error page rather than half a file, then sent.

const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	pdfType  = "application/pdf"
)

// settings are the documents' common settings.
func (s *Server) settings() produce.Settings {
	return produce.Settings{Labels: s.o.Labels, Now: s.o.Now(), Version: s.o.Version}
}

// send writes a document made into buf.
func send(w http.ResponseWriter, buf *bytes.Buffer, contentType, name string) error {
	attachment(w, contentType, name)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, err := buf.WriteTo(w)
	return err
}

// docName names a download after the plan.
func docName(p *plan.Plan, suffix string) string {
	return produce.SafeFileName(p.Title) + suffix
}

// planProgress reads {plan}, ?quarter= (the current quarter when absent)
// and the answers of every organisation up to the quarter's end.
func (s *Server) planProgress(r *http.Request) (*planEntry, plan.Quarter, *plan.Progress, error) {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return nil, plan.Quarter{}, nil, err
	}
	q, err := s.optionalQuarter(r, e.p)
	if err != nil {
		return nil, q, nil, err
	}
	prog, err := s.progress(r.Context(), e.p, q, "")
	return e, q, prog, err
}

// optionalQuarter reads ?quarter= (the current quarter when absent).
func (s *Server) optionalQuarter(r *http.Request, p *plan.Plan) (plan.Quarter, error) {
	v := r.URL.Query().Get("quarter")
	if v == "" {
		return s.currentQuarter(p), nil
	}
	q, err := quarterIn(p, v)
	if err != nil {
		return q, quarterError(p, v)
	}
	return q, nil
}

// downloadTracker sends the tracker filled with the answers up to the
// quarter.
func (s *Server) downloadTracker(w http.ResponseWriter, r *http.Request) error {
	e, q, prog, err := s.planProgress(r)
	if err != nil {
		return err
	}
	// Signed, not recorded: a GET changes nothing. The tracker is the
	// department's own document; collection files its answers under the
	// department whether or not its issue was recorded (collect's trust),
	// so there is nothing a record would add.
	iss, err := s.signedIssue(r, e.p, q)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := produce.Tracker(r.Context(), &buf, e.p, produce.TrackerOptions{Settings: s.settings(), Progress: prog, Issue: iss}); err != nil {
		return err
	}
	return send(w, &buf, xlsxType, docName(e.p, "_трекер_"+q.String()+".xlsx"))
}

// downloadReport sends the quarterly report (PDF) with the answers.
func (s *Server) downloadReport(w http.ResponseWriter, r *http.Request) error {
	e, q, prog, err := s.quarterProgress(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := produce.Report(r.Context(), &buf, e.p, produce.ReportOptions{Settings: s.settings(), Quarter: q.Quarter, Progress: prog}); err != nil {
		return err
	}
	return send(w, &buf, pdfType, docName(e.p, "_отчет_"+q.Q+".pdf"))
}

// downloadMatrices sends the summary matrices (xlsx or pdf, by the
// path), with the statuses up to the quarter.
func (s *Server) downloadMatrices(w http.ResponseWriter, r *http.Request) error {
	e, _, prog, err := s.planProgress(r)
	if err != nil {
		return err
	}
	format, ctype := "xlsx", xlsxType
	if strings.HasSuffix(r.URL.Path, ".pdf") {
		format, ctype = "pdf", pdfType
	}
	var buf bytes.Buffer
	if err := produce.Matrices(r.Context(), &buf, e.p, produce.MatrixOptions{Settings: s.settings(), Format: format, Progress: prog}); err != nil {
		return err
	}
	return send(w, &buf, ctype, docName(e.p, "_матрицы."+format))
}

// issueChecklists issues every recipient's checklist (a POST: the store
// records to whom they went) and sends them as a zip, without links.
func (s *Server) issueChecklists(w http.ResponseWriter, r *http.Request) error {
	e, q, rs, err := s.quarterRecipients(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	o, err := s.checklistOptions(r, e.p, q.Quarter, rs.list)
	if err != nil {
		return err
	}
	if _, err := produce.WriteChecklistZip(r.Context(), zw, e.p, rs.list, o); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return send(w, &buf, "application/zip", docName(e.p, "_чек-листы_"+q.Q+".zip"))
}

// downloadStatus sends the status of the quarter as `roadmap status
// --format csv` writes it.
func (s *Server) downloadStatus(w http.ResponseWriter, r *http.Request) error {
	e, q, prog, err := s.quarterProgress(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := produce.Status(r.Context(), &buf, e.p, prog, q.Quarter, produce.StatusOptions{Settings: s.settings(), Format: "csv"}); err != nil {
		return err
	}
	return send(w, &buf, "text/csv; charset=utf-8", docName(e.p, "_состояние_"+q.Q+".csv"))
}

// downloadPlan sends the plan JSON (schema version 1).
func (s *Server) downloadPlan(w http.ResponseWriter, r *http.Request) error {
	e, err := s.plan(r, r.PathValue("plan"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := produce.PlanJSON(r.Context(), &buf, e.p); err != nil {
		return err
	}
	return send(w, &buf, "application/json", docName(e.p, ".json"))
}

// historyKinds name the sources of the history's answers.
var historyKinds = map[string]string{"checklist": "чек-лист", "tracker": "трекер", "web": "веб-форма"}

// sourceText says where a change of the history came from and who made
// it.
func sourceText(kind, source, byName string, byLink bool) string {
	s := historyKinds[kind]
	if source != "" {
		s += " " + source
	}
	switch {
	case byName != "":
		s += " (" + byName + ")"
	case byLink:
		s += " (по ссылке организации)"
	}
	return s
}

// downloadHistory sends the history of an item across quarters as CSV:
// every answer ever stored, with who and when.
func (s *Server) downloadHistory(w http.ResponseWriter, r *http.Request) error {
	e, it, err := s.itemOf(r)
	if err != nil {
		return err
	}
	h, err := s.st.History(r.Context(), r.PathValue("plan"), it.ID, "")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	cw := excelCSV(&buf)
	cw.Write([]string{"Квартал", "Сохранено", "Организация", "Статус", "Дата выполнения", "Подтверждение", "Комментарий", "Источник", "Заменен"})
	for _, c := range h {
		superseded := ""
		if c.Superseded {
			superseded = "да"
		}
		status := s.o.Labels.Status(c.Status)
		if c.Raw != "" {
			status = c.Raw
		}
		rec := []string{c.Quarter, c.At.In(s.o.Location).Format("02.01.2006 15:04"), c.Org, status, c.Date, c.Evidence, c.Comment,
			sourceText(c.Kind, c.Source, c.ByName, c.By.LinkID != 0), superseded}
		for i := range rec {
			rec[i] = csvsafe.Cell(rec[i])
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	num := it.Num()
	if num == "" {
		num = it.ID
	}
	return send(w, &buf, "text/csv; charset=utf-8", docName(e.p, "_история_"+produce.SafeFileName(num)+".csv"))
}

// excelCSV starts a CSV as Russian Excel opens it by a double click:
// UTF-8 with a BOM, ';' between cells, CRLF. Every cell written to it
// goes through csvsafe.Cell.
func excelCSV(w io.Writer) *csv.Writer {
	io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	return cw
}

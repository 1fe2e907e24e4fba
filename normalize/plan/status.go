package plan

import "time"

// Status is the completion mark of an item, stored by key; Label gives the
// Russian word officials read and the drop-downs offer.
type Status string

// The status vocabulary. StatusNone means no answer was received.
const (
	StatusNone       Status = ""
	StatusNotStarted Status = "not_started"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
	StatusNotDone    Status = "not_done"
	StatusPostponed  Status = "postponed"
)

// Statuses lists the statuses a user can choose, in drop-down order.
var Statuses = []Status{StatusNotStarted, StatusInProgress, StatusDone, StatusNotDone, StatusPostponed}

var statusLabels = map[Status]string{
	StatusNone:       "нет данных",
	StatusNotStarted: "Не начато",
	StatusInProgress: "Выполняется",
	StatusDone:       "Выполнено",
	StatusNotDone:    "Не выполнено",
	StatusPostponed:  "Перенесено",
}

// Label is the Russian word for the status ("Выполнено").
func (s Status) Label() string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return string(s)
}

// StatusFromLabel maps an exact drop-down label back to its key.
func StatusFromLabel(label string) (Status, bool) {
	for k, l := range statusLabels {
		if l == label && k != StatusNone {
			return k, true
		}
	}
	return StatusNone, false
}

// Final reports whether the status closes the item (no longer overdue).
func (s Status) Final() bool { return s == StatusDone }

// Answer is one organisation's report on one item, as collected.
type Answer struct {
	ItemID   string `json:"item"`
	Org      string `json:"org"`
	Status   Status `json:"status"`
	Raw      string `json:"raw,omitempty"`  // the status as typed, when it was not a drop-down value
	Date     string `json:"date,omitempty"` // completion date, YYYY-MM-DD
	Evidence string `json:"evidence,omitempty"`
	Comment  string `json:"comment,omitempty"`
	// Quarter is the reporting quarter the answer was collected for ("2022Q1").
	Quarter string `json:"quarter,omitempty"`
	// Received is when the submission was collected.
	Received time.Time `json:"received"`
	// Source names the file the answer came from.
	Source string `json:"source,omitempty"`
}

// Progress holds the latest answers per item: what reports and trackers
// show. Answers for one item are ordered by organisation.
type Progress struct {
	Quarter string              `json:"quarter,omitempty"`
	Answers map[string][]Answer `json:"answers"` // item id -> answers
}

// Status aggregates the answers for an item into one status for reports:
// none when no answers; done only when every answer is done; not done when
// any is not done; postponed when any is postponed; otherwise in progress
// (or not started when every answer says so).
func (p *Progress) Status(itemID string) Status {
	if p == nil {
		return StatusNone
	}
	as := p.Answers[itemID]
	if len(as) == 0 {
		return StatusNone
	}
	all := func(s Status) bool {
		for _, a := range as {
			if a.Status != s {
				return false
			}
		}
		return true
	}
	any := func(s Status) bool {
		for _, a := range as {
			if a.Status == s {
				return true
			}
		}
		return false
	}
	switch {
	case all(StatusDone):
		return StatusDone
	case any(StatusNotDone):
		return StatusNotDone
	case any(StatusPostponed):
		return StatusPostponed
	case all(StatusNotStarted):
		return StatusNotStarted
	case all(StatusNone):
		return StatusNone
	default:
		return StatusInProgress
	}
}

// ManifestMarker is the text in cell A1 of the manifest sheet that every
// workbook written by the tool carries, so collection can recognise it.
const ManifestMarker = "roadmap-manifest"

// Manifest identifies a generated workbook: which plan, for whom, when.
// It is written into a very hidden sheet as key/value rows (A/B) below the
// marker row, keys being the JSON names below.
type Manifest struct {
	Kind      string    `json:"kind"` // "checklist" or "tracker"
	PlanTitle string    `json:"plan_title"`
	PlanHash  string    `json:"plan_hash"`
	Org       string    `json:"org,omitempty"` // canonical organisation name (checklists)
	Generated time.Time `json:"generated"`
	Tool      string    `json:"tool"` // "roadmap <version>"
	// Quarter is the quarter the workbook was issued for ("2022Q1"), which
	// its answers are filed under; "" in workbooks of earlier versions.
	Quarter string `json:"quarter,omitempty"`
	// Signature is Sign's HMAC of the fields that say whose answers these
	// are (see Sign); "" when issued without a store.
	Signature string `json:"signature,omitempty"`
	// Columns maps fill-column keys (id, status, date, evidence, comment)
	// to the header texts used in this workbook, so collection finds them
	// whatever the templates called them and wherever users moved them.
	Columns map[string]string `json:"columns"`
}

// Fill-column keys used in Manifest.Columns.
const (
	ColID       = "id"
	ColStatus   = "status"
	ColDate     = "date"
	ColEvidence = "evidence"
	ColComment  = "comment"
)

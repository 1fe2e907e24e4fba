package store

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// progressState is the latest answer of each organisation to each item,
// built from the rows of the history in any order: each row replaces the
// one kept when it ranks later (answerRows' order: quarter, save time,
// then the order stored).
type progressState struct {
	// maps take the answers given for other versions of an amended plan
	// to this version's items (Store.itemMaps).
	maps    map[string]map[string]string
	school  map[[2]string]ranked // (item, org) -> latest school answer
	tracker map[string]ranked    // item -> latest tracker answer
	// built is the result for each PreferTracker, made once per state.
	built [2]*plan.Progress
}

// ranked is an answer with the place of its row in the history.
type ranked struct {
	plan.Answer
	at        time.Time
	sub, edit int64
	prefer    bool
}

func (a *ranked) after(b *ranked) bool {
	switch {
	case a.Quarter != b.Quarter:
		return a.Quarter > b.Quarter
	case !a.at.Equal(b.at):
		return a.at.After(b.at)
	case a.sub != b.sub:
		return a.sub > b.sub
	}
	return a.edit >= b.edit
}

func newProgressState(maps map[string]map[string]string) *progressState {
	return &progressState{maps: maps, school: map[[2]string]ranked{}, tracker: map[string]ranked{}}
}

// apply takes one row of the history into the state.
func (st *progressState) apply(c *change) error {
	r := ranked{Answer: c.Answer, at: c.at, sub: c.subID, edit: c.editID, prefer: c.prefer}
	if m := st.maps[c.planHash]; m != nil {
		id, ok := m[c.ItemID]
		if !ok {
			return nil // an item this version does not have
		}
		r.ItemID = id
	}
	if c.kind == KindTracker {
		if old, ok := st.tracker[r.ItemID]; !ok || r.after(&old) {
			st.tracker[r.ItemID] = r
		}
	} else {
		k := [2]string{r.ItemID, c.Org}
		if old, ok := st.school[k]; !ok || r.after(&old) {
			st.school[k] = r
		}
	}
	st.built = [2]*plan.Progress{}
	return nil
}

// progress is the state as Progress returns it: a tracker answer replaces
// the schools' for an item when it was collected with Prefer or the query
// prefers the tracker, and stands alone for items no school answered.
func (st *progressState) progress(q Query) *plan.Progress {
	i := 0
	if q.PreferTracker {
		i = 1
	}
	if st.built[i] != nil {
		return st.built[i]
	}
	override := func(item string) bool {
		t, ok := st.tracker[item]
		return ok && (t.prefer || q.PreferTracker)
	}
	prog := &plan.Progress{Quarter: q.Quarter, Answers: map[string][]plan.Answer{}}
	for k, a := range st.school {
		if override(k[0]) {
			continue
		}
		prog.Answers[k[0]] = append(prog.Answers[k[0]], a.Answer)
	}
	for item, a := range st.tracker {
		if override(item) || len(prog.Answers[item]) == 0 {
			prog.Answers[item] = []plan.Answer{a.Answer}
		}
	}
	for _, as := range prog.Answers {
		sort.Slice(as, func(i, j int) bool { return as[i].Org < as[j].Org })
	}
	st.built[i] = prog
	return prog
}

// progressCache keeps the state of Progress for each plan and quarter
// (every organisation), with the high-water marks of the history it has
// read. The history is only ever added to, so a state is brought up to
// date by the web saves made since (the common case while schools
// answer: a dashboard asked for again reads a few rows, not 40,000); a
// new collected workbook, which may supersede an older one, or a new
// version of the plan makes it start over. The marks are read from the store on every call, so that
// several servers sharing one store never serve a stale state.
type progressCache struct {
	mu      sync.Mutex
	entries map[[2]string]*cachedState
}

type cachedState struct {
	mu              sync.Mutex
	st              *progressState
	maxEdit, maxSub int64
	versions        string // the versions read, joined
}

// marks are the newest edit and submission ids of the store.
func (s *Store) marks(ctx context.Context) (edit, sub int64, err error) {
	err = s.run(nil).QueryRowContext(ctx, `SELECT (SELECT COALESCE(MAX(id), 0) FROM edits), (SELECT COALESCE(MAX(id), 0) FROM submissions)`).Scan(&edit, &sub)
	return edit, sub, err
}

func (s *Store) cachedProgress(ctx context.Context, planHash string, hashes []string, maps map[string]map[string]string, q Query) (*plan.Progress, error) {
	edit, sub, err := s.marks(ctx)
	if err != nil {
		return nil, err
	}
	key := [2]string{planHash, q.Quarter}
	s.pc.mu.Lock()
	if s.pc.entries == nil {
		s.pc.entries = map[[2]string]*cachedState{}
	}
	cs := s.pc.entries[key]
	if cs == nil {
		cs = &cachedState{}
		s.pc.entries[key] = cs
	}
	s.pc.mu.Unlock()

	cs.mu.Lock()
	defer cs.mu.Unlock()
	versions := strings.Join(hashes, " ")
	f := answerFilter{plans: hashes, quarter: q.Quarter, live: true, uptoEdit: edit, uptoSub: sub}
	switch {
	case cs.st != nil && cs.versions == versions && cs.maxSub == sub && cs.maxEdit >= edit:
	case cs.st != nil && cs.versions == versions && cs.maxSub == sub:
		f.editsOnly, f.afterEdit = true, cs.maxEdit
		if err := s.answerRows(ctx, s.run(nil), f, cs.st.apply); err != nil {
			return nil, err
		}
		cs.maxEdit = edit
	default:
		st := newProgressState(maps)
		if err := s.answerRows(ctx, s.run(nil), f, st.apply); err != nil {
			return nil, err
		}
		cs.st, cs.maxEdit, cs.maxSub, cs.versions = st, edit, sub, versions
	}
	return cs.st.progress(q), nil
}

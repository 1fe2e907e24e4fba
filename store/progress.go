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
// (every organisation), with the marks of the history it has read. The
// history is only ever added to, so a state is brought up to date by the
// web saves made since (the common case while schools answer: a
// dashboard asked for again reads a few rows, not 240,000); a new
// collected workbook, which may supersede an older one, or a new version
// of the plan makes it start over. The marks are read from the store on
// every call, in the same snapshot as the rows (Store.snapshot), so that
// several servers sharing one store never serve a stale state:
//
//   - the number of submissions: a workbook collected by any server
//     changes it (submissions are never deleted);
//   - the newest edit id, and the horizon: the oldest transaction still
//     running when the state was read. On SQLite one writer at a time
//     commits, in the order of the ids, so every edit after the mark has
//     a greater id. On PostgreSQL servers commit side by side, and an
//     edit may become visible after one with a greater id; its
//     transaction was running when the state was read, so it is read
//     again with every edit stored by a transaction at or above the
//     horizon (edits.txn), and taking a row twice changes nothing.
type progressCache struct {
	mu      sync.Mutex
	entries map[[2]string]*cachedState
}

type cachedState struct {
	mu       sync.Mutex
	st       *progressState
	m        marks
	versions string // the versions read, joined
}

// marks say how much of the history a state has read.
type marks struct {
	edit, sub, subs, horizon int64
}

// readMarks reads the marks of the store as r sees it.
func (s *Store) readMarks(ctx context.Context, r runner) (m marks, err error) {
	err = r.QueryRowContext(ctx, `SELECT `+s.d.horizon+`, (SELECT COALESCE(MAX(id), 0) FROM edits),
		(SELECT COALESCE(MAX(id), 0) FROM submissions), (SELECT COUNT(*) FROM submissions)`).Scan(&m.horizon, &m.edit, &m.sub, &m.subs)
	return m, err
}

func (s *Store) cachedProgress(ctx context.Context, planHash string, hashes []string, maps map[string]map[string]string, q Query) (*plan.Progress, error) {
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
	err := s.snapshot(ctx, func(r runner) error {
		m, err := s.readMarks(ctx, r)
		if err != nil {
			return err
		}
		f := answerFilter{plans: hashes, quarter: q.Quarter, live: true, uptoEdit: m.edit, uptoSub: m.sub}
		switch {
		case cs.st != nil && cs.versions == versions && cs.m.subs == m.subs && cs.m.edit == m.edit && s.d.keyLock == "":
			return nil // SQLite: nothing new
		case cs.st != nil && cs.versions == versions && cs.m.subs == m.subs:
			f.editsOnly, f.afterEdit, f.sinceTxn = true, cs.m.edit, cs.m.horizon
			if err := s.answerRows(ctx, r, f, cs.st.apply); err != nil {
				return err
			}
		default:
			st := newProgressState(maps)
			if err := s.answerRows(ctx, r, f, st.apply); err != nil {
				return err
			}
			cs.st, cs.versions = st, versions
		}
		cs.m = m
		return nil
	})
	if err != nil {
		cs.st = nil // half brought up to date: start over next time
		return nil, err
	}
	return cs.st.progress(q), nil
}

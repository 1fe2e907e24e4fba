package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// NewSubmission is one collected workbook ready to be stored.
type NewSubmission struct {
	Path      string
	SHA256    string
	Org       string
	PlanHash  string
	Quarter   string // "2022Q1"
	Kind      string // KindChecklist or KindTracker
	Generated time.Time
	// Saved is when the workbook was last saved by its author; of two files
	// from one organisation for one plan and quarter, the later saved wins.
	Saved    time.Time
	Received time.Time
	// Prefer marks a tracker whose answers replace the schools' answers
	// (roadmap collect --prefer tracker).
	Prefer bool
	// Replace files this submission whatever was collected before: the
	// same file collected earlier (under another quarter, say) is filed
	// anew under Quarter and its earlier filing superseded, and it wins
	// over the organisation's other files of the quarter whatever their
	// save times (roadmap collect --replace). Nothing is deleted.
	Replace bool
	Answers []Answer
	// By is who uploaded the workbook (zero: the command line).
	By Actor
}

// Answer is one row of a submission.
type Answer struct {
	plan.Answer
	Row int // source row in the workbook, 1-based
}

// Ref names a stored submission.
type Ref struct {
	ID    int64
	Path  string
	Saved time.Time
}

// Added tells what happened to one NewSubmission.
type Added struct {
	ID int64
	// DuplicateOf is the path under which the same file (same SHA-256) was
	// already collected; nothing was stored. DuplicateQuarter is the
	// quarter it was filed under.
	DuplicateOf      string
	DuplicateQuarter string
	// Refiled is the earlier filing of the same file that this one
	// superseded (Replace), with the quarter it was filed under.
	Refiled        *Ref
	RefiledQuarter string
	// Supersedes lists older submissions this one replaced.
	Supersedes []Ref
	// SupersededBy is set when a newer submission already stored (or in
	// the same batch) replaces this one; its answers are kept as history.
	SupersededBy *Ref
}

// testHookAnswers, when set, runs after each answer row is inserted; the
// crash test uses it to kill the process in the middle of a transaction.
var testHookAnswers func(n int)

// Add stores the submissions in one transaction: either all of them land
// or, on any error, a cancelled context or a crash, none do. Files already
// stored (by SHA-256) are reported and skipped: the column is unique, so
// the same file collected by two servers at once is stored once, and the
// second reports it as collected already.
func (s *Store) Add(ctx context.Context, subs []NewSubmission) ([]Added, error) {
	var out []Added
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		out = make([]Added, len(subs))
		w := adder{r: s.run(tx)}
		// Collections running side by side (servers on PostgreSQL) take
		// turns for each plan, organisation, quarter and kind, so that
		// exactly one submission of each stays live; in one order, so
		// that two of them never wait for each other.
		if err := s.lockKeys(ctx, w.r, subs); err != nil {
			return err
		}
		// The organisations first, in one order too.
		orgs := map[string]bool{}
		for _, sub := range subs {
			orgs[sub.Org] = true
		}
		for _, org := range sortedKeys(orgs) {
			if err := w.org(ctx, org); err != nil {
				return err
			}
		}
		for i := range subs {
			if err := w.add(ctx, &subs[i], &out[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	supersededInBatch(subs, out)
	return out, nil
}

// AddSeq is Add for submissions that become ready one by one (workbooks
// still being read): on SQLite each is written as it comes, in the one
// transaction, so that the engine's work overlaps the producer's instead
// of following it on one core; the transaction (and SQLite's one write
// lock) begins with the first submission and ends after the last. On
// PostgreSQL they are gathered first and stored by Add: collections
// running side by side there take their locks in one order, which needs
// every submission known beforehand. The results are in the order seq
// yields; seq is consumed once, and its body may read the store.
func (s *Store) AddSeq(ctx context.Context, seq iter.Seq[NewSubmission]) ([]Added, error) {
	if s.d.keyLock != "" {
		return s.Add(ctx, slices.Collect(seq))
	}
	next, stop := iter.Pull(seq)
	defer stop()
	first, ok := next()
	if !ok {
		return nil, nil
	}
	var subs []NewSubmission
	var out []Added
	// SQLite runs the transaction once (retryable is PostgreSQL's), so
	// the submissions pulled are never needed twice.
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		w := adder{r: s.run(tx), orgs: map[string]bool{}}
		for sub, ok := first, true; ok; sub, ok = next() {
			subs = append(subs, sub)
			out = append(out, Added{})
			if !w.orgs[sub.Org] {
				if err := w.org(ctx, sub.Org); err != nil {
					return err
				}
				w.orgs[sub.Org] = true
			}
			if err := w.add(ctx, &subs[len(subs)-1], &out[len(out)-1]); err != nil {
				return err
			}
			// Written: this copy's answers are let go (a large batch
			// held them all to the end).
			subs[len(subs)-1].Answers = nil
		}
		// A producer stopped by the context ends seq early: what it
		// yielded is not the whole batch.
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	supersededInBatch(subs, out)
	return out, nil
}

// supersededInBatch reports on a submission added early in a batch that a
// later one in the same batch superseded it.
func supersededInBatch(subs []NewSubmission, out []Added) {
	byID := map[int64]int{}
	for i, a := range out {
		if a.ID != 0 {
			byID[a.ID] = i
		}
	}
	for i, a := range out {
		for _, old := range a.Supersedes {
			if j, ok := byID[old.ID]; ok {
				out[j].SupersededBy = &Ref{ID: a.ID, Path: subs[i].Path, Saved: subs[i].Saved}
			}
		}
	}
}

// adder writes submissions inside one transaction (Add, AddSeq).
type adder struct {
	r    runner
	args []any
	n    int             // answer rows inserted (testHookAnswers)
	orgs map[string]bool // the organisations inserted (AddSeq)
}

// org makes sure the organisation has its row.
func (w *adder) org(ctx context.Context, org string) error {
	if _, err := w.r.ExecContext(ctx, `INSERT INTO organizations(name) VALUES(?) ON CONFLICT DO NOTHING`, org); err != nil {
		return fmt.Errorf("организация %q: %w", org, err)
	}
	return nil
}

// chunk is the answers inserted by one statement: one multi-row INSERT
// per chunk instead of one execution per row halves the time of a large
// collection.
const chunk = 64

// add stores one submission whose organisation has its row, and says in
// out what happened to it.
func (w *adder) add(ctx context.Context, sub *NewSubmission, out *Added) error {
	s, r := w.r.s, w.r
	dup, dupQuarter, dupLive, err := s.stored(ctx, r, sub.SHA256)
	switch {
	case err == nil && (!sub.Replace || dupLive && dupQuarter == sub.Quarter):
		out.DuplicateOf, out.DuplicateQuarter = dup.Path, dupQuarter
		return nil
	case err == nil:
		// Filed anew: the earlier filing keeps its rows and its
		// content's hash, marked "~id" so that the hash names one
		// live filing, and is superseded below.
		if _, err := r.ExecContext(ctx, `UPDATE submissions SET sha256 = sha256 || '~' || CAST(id AS TEXT) WHERE id = ?`, dup.ID); err != nil {
			return err
		}
		out.Refiled, out.RefiledQuarter = &dup, dupQuarter
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	id, err := s.insertID(ctx, r, `INSERT INTO submissions(path, sha256, received, org, plan_hash, quarter, kind, generated, saved, prefer, user_id, link_id)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sha256) DO NOTHING`, sub.Path, sub.SHA256, fmtTime(sub.Received), sub.Org, sub.PlanHash,
		sub.Quarter, sub.Kind, fmtTime(sub.Generated), fmtTime(sub.Saved), boolInt(sub.Prefer), nullID(sub.By.UserID), nullID(sub.By.LinkID))
	if errors.Is(err, sql.ErrNoRows) {
		// Stored by another collection since the check above (it
		// waited for that one to commit): collected already.
		dup, dupQuarter, _, err := s.stored(ctx, r, sub.SHA256)
		if err != nil {
			return fmt.Errorf("%s: %w", sub.Path, err)
		}
		*out = Added{DuplicateOf: dup.Path, DuplicateQuarter: dupQuarter}
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", sub.Path, err)
	}
	out.ID = id
	for start := 0; start < len(sub.Answers); start += chunk {
		part := sub.Answers[start:min(start+chunk, len(sub.Answers))]
		w.args = w.args[:0]
		for _, a := range part {
			w.args = append(w.args, id, a.ItemID, a.Org, string(a.Status), a.Raw, a.Date, a.Evidence, a.Comment, a.Row)
		}
		q := `INSERT INTO answers(submission_id, item_id, org, status, raw, date, evidence, comment, row) VALUES` +
			strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?,?,?,?),", len(part)), ",")
		if _, err := r.ExecContext(ctx, q, w.args...); err != nil {
			return fmt.Errorf("%s: строки %d-%d: %w", sub.Path, part[0].Row, part[len(part)-1].Row, err)
		}
		w.n += len(part)
		if testHookAnswers != nil {
			testHookAnswers(w.n)
		}
	}
	if ref := out.Refiled; ref != nil {
		if _, err := r.ExecContext(ctx, `UPDATE submissions SET superseded_by = ? WHERE id = ?`, id, ref.ID); err != nil {
			return err
		}
	}
	return supersede(ctx, r, sub, id, out)
}

// stored finds the live filing of a file by its SHA-256 (sql.ErrNoRows
// when it was never collected).
func (s *Store) stored(ctx context.Context, r runner, sha string) (ref Ref, quarter string, live bool, err error) {
	var saved string
	err = r.QueryRowContext(ctx, `SELECT id, path, quarter, saved, superseded_by IS NULL FROM submissions WHERE sha256 = ?`, sha).
		Scan(&ref.ID, &ref.Path, &quarter, &saved, &live)
	ref.Saved = parseTime(saved)
	return ref, quarter, live, err
}

// lockKeys takes, for the rest of the transaction, the lock of each
// (plan, organisation, quarter, kind) the submissions are filed under,
// in one order (PostgreSQL's advisory locks; SQLite has one writer
// anyway).
func (s *Store) lockKeys(ctx context.Context, r runner, subs []NewSubmission) error {
	if s.d.keyLock == "" {
		return nil
	}
	keys := map[int64]bool{}
	for _, sub := range subs {
		keys[lockKey("submission", sub.PlanHash, sub.Org, sub.Quarter, sub.Kind)] = true
	}
	ks := make([]int64, 0, len(keys))
	for k := range keys {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	for _, k := range ks {
		if _, err := r.ExecContext(ctx, s.d.keyLock, k); err != nil {
			return err
		}
	}
	return nil
}

// lockKey is the number of an advisory lock: a hash of its parts.
func lockKey(parts ...string) int64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return int64(h.Sum64())
}

// sortedKeys lists a set's members in order.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// supersede keeps exactly one live submission per (plan, organisation,
// quarter, kind): the one saved last, ties going to the one received last;
// a submission stored with Replace wins whatever its save time.
func supersede(ctx context.Context, r runner, sub *NewSubmission, id int64, added *Added) error {
	rows, err := r.QueryContext(ctx, `SELECT id, path, saved FROM submissions
		WHERE plan_hash = ? AND org = ? AND quarter = ? AND kind = ? AND superseded_by IS NULL
		ORDER BY saved DESC, id DESC`, sub.PlanHash, sub.Org, sub.Quarter, sub.Kind)
	if err != nil {
		return err
	}
	var live []Ref
	for rows.Next() {
		var r Ref
		var saved string
		if err := rows.Scan(&r.ID, &r.Path, &saved); err != nil {
			rows.Close()
			return err
		}
		r.Saved = parseTime(saved)
		live = append(live, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(live) < 2 {
		return nil
	}
	winner := live[0]
	if sub.Replace {
		for _, l := range live {
			if l.ID == id {
				winner = l
			}
		}
	}
	for _, old := range live {
		if old.ID == winner.ID {
			continue
		}
		if _, err := r.ExecContext(ctx, `UPDATE submissions SET superseded_by = ? WHERE id = ?`, winner.ID, old.ID); err != nil {
			return err
		}
		if winner.ID == id {
			added.Supersedes = append(added.Supersedes, old)
		} else if old.ID == id {
			w := winner
			added.SupersededBy = &w
		}
	}
	return nil
}

// Submission is a stored submission, for listings.
type Submission struct {
	Ref
	SHA256       string
	Org          string
	PlanHash     string
	Quarter      string
	Kind         string
	Generated    time.Time
	Received     time.Time
	SupersededBy int64
	Answers      int
}

// Submissions lists the stored submissions of a plan ("" = all plans) in
// the order they were received.
func (s *Store) Submissions(planHash string) ([]Submission, error) {
	rows, err := s.run(nil).QueryContext(context.Background(), `SELECT s.id, s.path, s.saved, s.sha256, s.org, s.plan_hash, s.quarter, s.kind, s.generated, s.received,
			COALESCE(s.superseded_by, 0), (SELECT COUNT(*) FROM answers a WHERE a.submission_id = s.id)
		FROM submissions s WHERE ? = '' OR s.plan_hash = ? ORDER BY s.id`, planHash, planHash)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Submission
	for rows.Next() {
		var x Submission
		var saved, gen, rec string
		if err := rows.Scan(&x.ID, &x.Path, &saved, &x.SHA256, &x.Org, &x.PlanHash, &x.Quarter, &x.Kind, &gen, &rec,
			&x.SupersededBy, &x.Answers); err != nil {
			return nil, err
		}
		x.Saved, x.Generated, x.Received = parseTime(saved), parseTime(gen), parseTime(rec)
		out = append(out, x)
	}
	return out, rows.Err()
}

// Query selects the answers Progress returns.
type Query struct {
	// Quarter limits answers to those collected for this quarter or
	// earlier ("2022Q1"); "" takes every quarter.
	Quarter string
	// PreferTracker lets the department's tracker answer for an item
	// replace the schools' answers. Without it (and unless the tracker was
	// collected with Prefer) a tracker answer is used only for items no
	// school answered, so that a stale tracker never hides what schools
	// reported.
	PreferTracker bool
	// Org limits answers to one organisation's own ("" = every
	// organisation's, and the department's tracker).
	Org string
}

// Latest is Progress with school answers preferred over the tracker.
func (s *Store) Latest(p *plan.Plan, quarter string) (*plan.Progress, error) {
	return s.Progress(p, Query{Quarter: quarter})
}

// Progress returns, for each item of the plan, the latest answer of each
// organisation, whatever its source (a collected workbook or a web save):
// from the latest quarter up to q.Quarter, and within a quarter the one
// saved last (a superseded workbook's rows never count). When the plan is
// a version of an amended plan (Amend), the answers given for every
// version of it count, mapped to this version's items; an item the
// others do not have gets only its own. The answers of an item come
// sorted by organisation. The result may be shared with other callers
// (see progressCache): read it, never change it.
func (s *Store) Progress(p *plan.Plan, q Query) (*plan.Progress, error) {
	if q.Quarter != "" {
		qq, err := plan.ParseQuarter(q.Quarter)
		if err != nil {
			return nil, err
		}
		q.Quarter = qq.String()
	}
	hashes, maps, err := s.itemMaps(p.Hash())
	if err != nil {
		return nil, err
	}
	if q.Org == "" {
		return s.cachedProgress(context.Background(), p.Hash(), hashes, maps, q)
	}
	st := newProgressState(maps)
	if err := s.answerRows(context.Background(), s.run(nil), answerFilter{plans: hashes, quarter: q.Quarter, org: q.Org, live: true}, st.apply); err != nil {
		return nil, err
	}
	return st.progress(q), nil
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}

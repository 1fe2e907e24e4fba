package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// KindWeb marks the answers saved on the web (edits) in the history,
// beside the collected workbooks' KindChecklist and KindTracker.
const KindWeb = "web"

// The history of answers is one sequence whatever the source: the rows
// of the collected workbooks (answers of submissions) and the answers
// saved on the web (edits), each a change made by someone at some time.
// Progress takes the latest of them for each item and organisation; the
// history of an item lists them all. Both read them through answerRows,
// so that a workbook and a web form can never disagree on which answer
// is the latest.

// answerFilter selects rows of the history.
type answerFilter struct {
	plans   []string // the plan, or the versions of an amended plan
	quarter string   // up to and including this quarter; "" = every quarter
	org     string   // "" = every organisation
	item    string   // "" = every item
	// live leaves out the rows of superseded workbooks, as Progress does;
	// the history shows them, marked.
	live bool
	// names joins the users' names (History).
	names bool
	// uptoEdit, uptoSub bound the rows by id (0 = no bound): the
	// progress cache reads the rows up to the marks it read.
	uptoEdit, uptoSub int64
	// editsOnly reads the web's saves the progress cache has not read:
	// after afterEdit, or stored by a transaction at or above sinceTxn
	// (running when the cache last read, see progressCache).
	editsOnly           bool
	afterEdit, sinceTxn int64
}

// change is one row of the history.
type change struct {
	plan.Answer
	at             time.Time
	subID, editID  int64
	kind           string
	prefer         bool
	superseded     bool
	userID, linkID int64
	userName       string
	row            int
	planHash       string // the version the answer was given for
}

// answerRows calls fn with the rows that f selects, oldest first: by
// quarter, then by the time the answer was saved (a workbook's own save
// time, a web save's time), then by the order they were stored.
func (s *Store) answerRows(ctx context.Context, q runner, f answerFilter, fn func(*change) error) error {
	var subWhere, editWhere []string
	var subArgs, editArgs []any
	add := func(col string, v string, op string) {
		subWhere = append(subWhere, "s."+col+" "+op+" ?")
		editWhere = append(editWhere, "e."+col+" "+op+" ?")
		subArgs, editArgs = append(subArgs, v), append(editArgs, v)
	}
	subWhere = append(subWhere, "s.plan_hash IN ("+inList(len(f.plans))+")")
	editWhere = append(editWhere, "e.plan_hash IN ("+inList(len(f.plans))+")")
	subArgs, editArgs = append(subArgs, anyArgs(f.plans)...), append(editArgs, anyArgs(f.plans)...)
	if f.quarter != "" {
		add("quarter", f.quarter, "<=")
	}
	if f.org != "" {
		add("org", f.org, "=")
	}
	if f.item != "" {
		subWhere = append(subWhere, "a.item_id = ?")
		editWhere = append(editWhere, "e.item_id = ?")
		subArgs, editArgs = append(subArgs, f.item), append(editArgs, f.item)
	}
	if f.live {
		subWhere = append(subWhere, "s.superseded_by IS NULL")
	}
	bound := func(where *[]string, args *[]any, cond string, v int64) {
		if v > 0 {
			*where = append(*where, cond)
			*args = append(*args, v)
		}
	}
	bound(&subWhere, &subArgs, "s.id <= ?", f.uptoSub)
	bound(&editWhere, &editArgs, "e.id <= ?", f.uptoEdit)
	if f.editsOnly {
		subWhere = append(subWhere, "1 = 0")
		editWhere = append(editWhere, "(e.id > ? OR e.txn >= ?)")
		editArgs = append(editArgs, f.afterEdit, f.sinceTxn)
	}
	subName, subJoin, editName, editJoin := "''", "", "''", ""
	if f.names {
		subName, subJoin = "COALESCE(u.name, '')", " LEFT JOIN users u ON u.id = s.user_id"
		editName, editJoin = "COALESCE(u.name, '')", " LEFT JOIN users u ON u.id = e.user_id"
	}
	query := `SELECT a.item_id, a.org, a.status, a.raw, a.date, a.evidence, a.comment, s.quarter, s.saved, s.received, s.path,
			s.kind, s.prefer, COALESCE(s.superseded_by, 0), s.id, 0, COALESCE(s.user_id, 0), COALESCE(s.link_id, 0), ` + subName + `, a.row, s.plan_hash
		FROM answers a JOIN submissions s ON s.id = a.submission_id` + subJoin + `
		WHERE ` + strings.Join(subWhere, " AND ") + `
		UNION ALL
		SELECT e.item_id, e.org, e.status, '', e.date, e.evidence, e.comment, e.quarter, e.at, e.at, '',
			'` + KindWeb + `', 0, 0, 0, e.id, COALESCE(e.user_id, 0), COALESCE(e.link_id, 0), ` + editName + `, 0, e.plan_hash
		FROM edits e` + editJoin + `
		WHERE ` + strings.Join(editWhere, " AND ") + `
		ORDER BY 8, 9, 15, 16`
	rows, err := q.QueryContext(ctx, query, append(subArgs, editArgs...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var c change
	for rows.Next() {
		var status, saved, received string
		var prefer int
		var superseded int64
		if err := rows.Scan(&c.ItemID, &c.Org, &status, &c.Raw, &c.Date, &c.Evidence, &c.Comment, &c.Quarter, &saved, &received, &c.Source,
			&c.kind, &prefer, &superseded, &c.subID, &c.editID, &c.userID, &c.linkID, &c.userName, &c.row, &c.planHash); err != nil {
			return err
		}
		c.Status = plan.Status(status)
		c.at, c.Received = parseTime(saved), parseTime(received)
		c.prefer, c.superseded = prefer != 0, superseded != 0
		if err := fn(&c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Edit is an answer saved on the web: one organisation's answer to one
// item for one quarter.
type Edit struct {
	PlanHash string
	Quarter  string // "2022Q1"
	Org      string
	ItemID   string
	Status   plan.Status
	Date     string // YYYY-MM-DD or ""
	Evidence string
	Comment  string
	At       time.Time
	By       Actor
	// Key is the idempotency key of the save: a save retried with the same
	// key stores nothing new.
	Key string
	// Directory, when not "", is the version of the directory
	// (DirectoryVersion) under which the caller found that Org receives
	// ItemID: a directory changed since refuses the save with
	// ErrDirectoryChanged, for the caller to look again. A save by a
	// school's link (By.LinkID) is refused with ErrLinkRevoked or
	// ErrLinkExpired when the link is no longer live at At. Both are read
	// in the save's own transaction, so that a caller may trust a cached
	// link and directory and still never store what a revocation or a new
	// directory forbids.
	Directory string
}

// Errors of SaveEdit's checks (Edit.Directory, Edit.By.LinkID).
var (
	ErrDirectoryChanged = errors.New("справочник организаций изменился")
	ErrLinkRevoked      = errors.New("ссылка отозвана")
	ErrLinkExpired      = errors.New("срок действия ссылки истек")
)

// Saved tells what SaveEdit did.
type Saved struct {
	ID int64     // the stored edit (0 when Unchanged)
	At time.Time // when the answer now in force was saved
	// Replayed: the key was used before for the same answer; nothing new
	// was stored.
	Replayed bool
	// Unchanged: the answer is the one already in force; nothing was
	// stored, since nothing changed.
	Unchanged bool
}

// ErrKeyReused is a save whose idempotency key was used for another
// answer to the same item.
var ErrKeyReused = errors.New("ключ повторной отправки уже использован для другого ответа")

// same reports whether an edit says what an answer says.
func (e *Edit) same(status plan.Status, date, evidence, comment string) bool {
	return e.Status == status && e.Date == date && e.Evidence == evidence && e.Comment == comment
}

// SaveEdit stores an answer saved on the web as a new change of the
// history, atomically (committed with other saves queued at the same
// time: see batched): a retry with the same key returns the
// first save (Replayed), an answer equal to the one in force for the
// quarter stores nothing (Unchanged), anything else is a new row.
func (s *Store) SaveEdit(ctx context.Context, e Edit) (Saved, error) {
	var out Saved
	err := s.batched(ctx, func(ctx context.Context, tx *sql.Tx) error {
		out = Saved{}
		if err := s.checkEdit(ctx, tx, &e); err != nil {
			return err
		}
		// replay answers a save whose key is known; done is false when it
		// is not.
		replay := func() (done bool, err error) {
			var status, date, evidence, comment, at string
			err = s.run(tx).QueryRowContext(ctx, `SELECT id, status, date, evidence, comment, at FROM edits
				WHERE plan_hash = ? AND org = ? AND quarter = ? AND item_id = ? AND idem_key = ?`,
				e.PlanHash, e.Org, e.Quarter, e.ItemID, e.Key).Scan(&out.ID, &status, &date, &evidence, &comment, &at)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				return false, nil
			case err != nil:
				return false, err
			case !e.same(plan.Status(status), date, evidence, comment):
				return true, ErrKeyReused
			}
			out.At, out.Replayed = parseTime(at), true
			return true, nil
		}
		// The key is looked up only when the answer is the one in force
		// (a retry, or a save of nothing new): a new answer's insert finds
		// a used key by its uniqueness and replays it then.
		var last *change
		err := s.answerRows(ctx, s.run(tx), answerFilter{plans: []string{e.PlanHash}, quarter: e.Quarter, org: e.Org, item: e.ItemID, live: true}, func(c *change) error {
			cp := *c
			last = &cp
			return nil
		})
		if err != nil {
			return err
		}
		if last != nil && last.Quarter == e.Quarter && e.same(last.Status, last.Date, last.Evidence, last.Comment) {
			if done, err := replay(); done || err != nil {
				return err
			}
			out.At, out.Unchanged = last.at, true
			return nil
		}
		// A link's organisation is in the table already (links refer to it).
		if e.By.LinkID == 0 {
			if _, err := s.run(tx).ExecContext(ctx, `INSERT INTO organizations(name) VALUES(?) ON CONFLICT DO NOTHING`, e.Org); err != nil {
				return err
			}
		}
		// Another server may be saving the same retry at this moment: the
		// key's uniqueness decides, and the loser replays the winner.
		out.ID, err = s.insertID(ctx, s.run(tx), `INSERT INTO edits(plan_hash, quarter, org, item_id, status, date, evidence, comment, at, user_id, link_id, idem_key)
			VALUES(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (plan_hash, org, quarter, item_id, idem_key) DO NOTHING`, e.PlanHash, e.Quarter, e.Org, e.ItemID,
			string(e.Status), e.Date, e.Evidence, e.Comment, fmtTime(e.At), nullID(e.By.UserID), nullID(e.By.LinkID), e.Key)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = replay()
			return err
		}
		out.At = e.At
		return err
	})
	return out, err
}

// checkEdit reads what a save depends on in the save's transaction: the
// directory's version the caller checked against, the link it came by.
//
// On PostgreSQL the same statement takes the row's lock: the saves of
// one row (an organisation's answer to an item for a quarter) take turns
// to the end of their transactions. Two servers saving the same answer
// at once, from a phone and a computer with their own keys, each found it
// new and each stored it, twice in the history where one after the other
// the second is Unchanged. SQLite has one writer, which does the same.
// The lock is a column of the check's statement, not a statement of its
// own: that was a round trip more per save, 5-8 % of a school's save in
// wall time and CPU (BenchmarkSaveChecklistRows, BENCHMARKS.md); as a
// column it is within the noise. (A common table expression, WITH l AS
// (SELECT pg_advisory_xact_lock(...)), was tried first: after one batch
// of such saves every later save on that server took twice the server's
// CPU.) The statement's reads may see the moment before the lock was
// granted, as they did when they ran before it; what the lock guards, the
// answer in force, is read by the next statement, after it. Two rows
// locked in opposite orders by two servers' batches deadlock, and
// PostgreSQL fails one write, which runBatch runs again.
func (s *Store) checkEdit(ctx context.Context, tx *sql.Tx, e *Edit) error {
	lock := s.d.name == postgresDialect.name && !s.noRowLock
	if e.Directory == "" && e.By.LinkID == 0 {
		if !lock {
			return nil
		}
		_, err := s.run(tx).ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, rowLockKey(e))
		return err
	}
	q := `SELECT (SELECT value FROM counters WHERE name = 'directory'),
		(SELECT revoked FROM links WHERE id = ?), (SELECT expires FROM links WHERE id = ?)`
	args := []any{e.By.LinkID, e.By.LinkID}
	var dir int64
	var revoked, expires sql.NullString
	dest := []any{&dir, &revoked, &expires}
	if lock {
		var locked string
		q += `, CAST(pg_advisory_xact_lock(hashtextextended(?, 0)) AS TEXT)`
		args, dest = append(args, rowLockKey(e)), append(dest, &locked)
	}
	if err := s.run(tx).QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
		return err
	}
	if e.Directory != "" && strconv.FormatInt(dir, 10) != e.Directory {
		return ErrDirectoryChanged
	}
	if e.By.LinkID != 0 {
		switch {
		case !expires.Valid:
			return ErrNotFound
		case revoked.String != "":
			return ErrLinkRevoked
		case !e.At.Before(parseTime(expires.String)):
			return ErrLinkExpired
		}
	}
	return nil
}

// rowLockKey names the row of an edit for its lock.
func rowLockKey(e *Edit) string {
	return e.PlanHash + "\x1f" + e.Org + "\x1f" + e.Quarter + "\x1f" + e.ItemID
}

// Change is one answer of the history of an item.
type Change struct {
	plan.Answer
	// At is when the answer was saved: by the school in its workbook (the
	// workbook's own save time) or on the web.
	At   time.Time
	Kind string // KindChecklist, KindTracker (a collected workbook) or KindWeb
	By   Actor
	// ByName is the department user's name when a user saved or uploaded
	// the answer.
	ByName string
	// Superseded marks the rows of a workbook replaced by a newer one of
	// the same organisation: kept, but no longer in force.
	Superseded bool
	Row        int // the row of the workbook, for collected answers
}

// History lists every answer ever stored for an item of a plan (org ""
// = of every organisation), across quarters, oldest first.
func (s *Store) History(ctx context.Context, planHash, itemID, org string) ([]Change, error) {
	var out []Change
	err := s.answerRows(ctx, s.run(nil), answerFilter{plans: []string{planHash}, org: org, item: itemID, names: true}, func(c *change) error {
		out = append(out, Change{Answer: c.Answer, At: c.at, Kind: c.kind, By: Actor{UserID: c.userID, LinkID: c.linkID},
			ByName: c.userName, Superseded: c.superseded, Row: c.row})
		return nil
	})
	return out, err
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Version is one version of a plan in its chain of amendments: the first
// version, then each amendment registered as the successor of the one
// before (roadmap amend). A plan never amended is a chain of one.
type Version struct {
	Hash   string
	Title  string
	Period string
	Added  time.Time // when the plan was first saved in the store
	// Previous is the version this one replaced; "" for the first.
	Previous string
	// Effective is the quarter from which the version is in force
	// ("2022Q3"); "" for the first, in force from the start.
	Effective string
	// Amended is when the version was registered as the successor; zero
	// for the first.
	Amended time.Time
	// Diff is the comparison accepted with the amendment (plandiff's
	// JSON), kept as the record of what changed; nil for the first.
	Diff []byte
}

// NewAmendment registers New as the successor of Old.
type NewAmendment struct {
	Old, New *plan.Plan
	// Effective is the quarter from which New is in force ("2022Q3"): not
	// before the quarter from which Old is.
	Effective string
	// Carry maps each item id of Old to its id in New (plandiff's
	// Diff.Carry); the items of Old it does not name were removed, and
	// their answers stay readable under Old only.
	Carry map[string]string
	Diff  []byte
	Now   time.Time
}

// Errors of Amend. The messages are the end of a sentence that names
// the versions: the caller (produce.Amend) adds the names.
var (
	ErrSameVersion = errors.New("новая редакция совпадает с прежней (тот же план)")
	ErrInChain     = errors.New("эта редакция уже зарегистрирована в истории изменений плана")
)

// ReplacedError is returned by Amend when the old version already has a
// successor: a chain does not fork.
type ReplacedError struct{ By Version }

func (e *ReplacedError) Error() string {
	return fmt.Sprintf("эта редакция уже заменена более новой (зарегистрирована %s, действует с %s)",
		e.By.Amended.Local().Format("02.01.2006"), quarterLabel(e.By.Effective))
}

// EarlierError is returned by Amend when the new version would come into
// force before the old one did.
type EarlierError struct{ Effective, Previous string }

func (e *EarlierError) Error() string {
	return fmt.Sprintf("новая редакция не может действовать с %s: прежняя действует только с %s",
		quarterLabel(e.Effective), quarterLabel(e.Previous))
}

// quarterLabel is the quarter in the genitive, as "с ..." wants it: "III
// квартала 2022 г.".
func quarterLabel(q string) string {
	if pq, err := plan.ParseQuarter(q); err == nil {
		return fmt.Sprintf("%s квартала %d г.", pq.Roman(), pq.Year)
	}
	return q
}

// Amend registers a.New as the successor of a.Old in one transaction:
// the new plan is saved (if it is not already), the amendment and its
// map of items recorded. Nothing else changes: every answer stays under
// the version it was collected for, and each version of the chain reads
// the others' through the maps (Progress).
func (s *Store) Amend(ctx context.Context, a NewAmendment) error {
	oldHash, newHash := a.Old.Hash(), a.New.Hash()
	if oldHash == newHash {
		return ErrSameVersion
	}
	if _, err := plan.ParseQuarter(a.Effective); err != nil {
		return err
	}
	if a.Now.IsZero() {
		a.Now = time.Now()
	}
	var replaced *ReplacedError
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		replaced = nil
		r := s.run(tx)
		// Two amendments of one chain at once (servers side by side) take
		// turns, so that the chain never forks.
		if s.d.keyLock != "" {
			if _, err := r.ExecContext(ctx, s.d.keyLock, lockKey("amend")); err != nil {
				return err
			}
		}
		var mun int64
		err := r.QueryRowContext(ctx, `SELECT municipality_id FROM plans WHERE hash = ?`, oldHash).Scan(&mun)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s: %w", oldHash, ErrNoPlan)
		}
		if err != nil {
			return err
		}
		var next string
		err = r.QueryRowContext(ctx, `SELECT plan_hash FROM amendments WHERE previous = ?`, oldHash).Scan(&next)
		if err == nil {
			v, err := version(ctx, r, next)
			if err != nil {
				return err
			}
			replaced = &ReplacedError{By: v}
			return replaced
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var n int
		if err := r.QueryRowContext(ctx, `SELECT COUNT(*) FROM amendments WHERE plan_hash = ? OR previous = ?`, newHash, newHash).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrInChain
		}
		var prevEffective string
		err = r.QueryRowContext(ctx, `SELECT effective FROM amendments WHERE plan_hash = ?`, oldHash).Scan(&prevEffective)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if prevEffective != "" && a.Effective < prevEffective {
			return &EarlierError{Effective: a.Effective, Previous: prevEffective}
		}
		if err := s.savePlan(ctx, tx, a.New, newHash, a.Now, mun); err != nil {
			return err
		}
		if _, err := r.ExecContext(ctx, `INSERT INTO amendments(plan_hash, previous, effective, amended, diff) VALUES(?,?,?,?,?)`,
			newHash, oldHash, a.Effective, fmtTime(a.Now), a.Diff); err != nil {
			return fmt.Errorf("запись редакции: %w", err)
		}
		for old, nw := range a.Carry {
			if _, err := r.ExecContext(ctx, `INSERT INTO carried_items(plan_hash, old_item, new_item) VALUES(?,?,?)`, newHash, old, nw); err != nil {
				return fmt.Errorf("запись соответствия пунктов %s → %s: %w", old, nw, err)
			}
		}
		return nil
	})
	if replaced != nil {
		return replaced
	}
	return err
}

// version reads one version: the plan's particulars and its amendment.
func version(ctx context.Context, q runner, hash string) (Version, error) {
	var v Version
	var added string
	var prev, eff, amended sql.NullString
	err := q.QueryRowContext(ctx, `SELECT p.hash, p.title, p.period, p.added, a.previous, a.effective, a.amended, a.diff
		FROM plans p LEFT JOIN amendments a ON a.plan_hash = p.hash WHERE p.hash = ?`, hash).
		Scan(&v.Hash, &v.Title, &v.Period, &added, &prev, &eff, &amended, &v.Diff)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("%s: %w", hash, ErrNoPlan)
	}
	if err != nil {
		return v, err
	}
	v.Added, v.Previous, v.Effective, v.Amended = parseTime(added), prev.String, eff.String, parseTime(amended.String)
	return v, nil
}

// maxChain bounds the walk along a chain, against a database edited by
// hand into a loop.
const maxChain = 1000

// Chain returns the versions of the plan saved under hash, the first
// version first: those it replaced, itself, and those that replaced it.
// A plan never amended is a chain of one; an unknown hash is ErrNoPlan.
func (s *Store) Chain(hash string) ([]Version, error) {
	ctx := context.Background()
	v, err := version(ctx, s.run(nil), hash)
	if err != nil {
		return nil, err
	}
	back := []Version{v}
	for v.Previous != "" && len(back) < maxChain {
		if v, err = version(ctx, s.run(nil), v.Previous); err != nil {
			return nil, err
		}
		back = append(back, v)
	}
	chain := make([]Version, 0, len(back))
	for i := len(back) - 1; i >= 0; i-- {
		chain = append(chain, back[i])
	}
	cur := hash
	for len(chain) < maxChain {
		var next string
		err := s.run(nil).QueryRowContext(ctx, `SELECT plan_hash FROM amendments WHERE previous = ?`, cur).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, err
		}
		if v, err = version(ctx, s.run(nil), next); err != nil {
			return nil, err
		}
		chain = append(chain, v)
		cur = next
	}
	return chain, nil
}

// InForce returns the version of hash's chain in force in quarter: the
// last whose Effective is not after it; "" = the newest version.
func (s *Store) InForce(hash, quarter string) (Version, error) {
	chain, err := s.Chain(hash)
	if err != nil {
		return Version{}, err
	}
	v := chain[len(chain)-1]
	if quarter == "" {
		return v, nil
	}
	q, err := plan.ParseQuarter(quarter)
	if err != nil {
		return Version{}, err
	}
	v = chain[0]
	for _, c := range chain[1:] {
		if c.Effective <= q.String() {
			v = c
		}
	}
	return v, nil
}

// Carried returns the map of item ids recorded with the amendment that
// made newHash: old id → new id.
func (s *Store) Carried(newHash string) (map[string]string, error) {
	return s.stringMap(context.Background(), `SELECT old_item, new_item FROM carried_items WHERE plan_hash = ?`, newHash)
}

// itemMaps returns the versions of hash's chain and, for each, the map
// from its item ids to those of hash: forward along the amendments' maps
// for earlier versions, backward for later ones; nil for hash itself.
// An item with no counterpart in hash is absent from its version's map.
// A plan not in the store is a chain of itself alone.
func (s *Store) itemMaps(hash string) ([]string, map[string]map[string]string, error) {
	chain, err := s.Chain(hash)
	if errors.Is(err, ErrNoPlan) {
		return []string{hash}, map[string]map[string]string{}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	at := 0
	hashes := make([]string, len(chain))
	for i, v := range chain {
		hashes[i] = v.Hash
		if v.Hash == hash {
			at = i
		}
	}
	carry := make([]map[string]string, len(chain)) // carry[i]: items of i-1 → items of i
	for i := 1; i < len(chain); i++ {
		if carry[i], err = s.Carried(chain[i].Hash); err != nil {
			return nil, nil, err
		}
	}
	maps := map[string]map[string]string{}
	// Earlier versions: compose forward.
	cur := map[string]string(nil)
	for i := at - 1; i >= 0; i-- {
		next := map[string]string{}
		for o, n := range carry[i+1] {
			if cur == nil {
				next[o] = n
			} else if m, ok := cur[n]; ok {
				next[o] = m
			}
		}
		maps[chain[i].Hash], cur = next, next
	}
	// Later versions: compose the inverse maps backward.
	cur = nil
	for i := at + 1; i < len(chain); i++ {
		next := map[string]string{}
		for o, n := range carry[i] {
			if cur == nil {
				next[n] = o
			} else if m, ok := cur[o]; ok {
				next[n] = m
			}
		}
		maps[chain[i].Hash], cur = next, next
	}
	return hashes, maps, nil
}

// inList is "?,?,?" for n arguments.
func inList(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func anyArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// AnswerCounts counts the answers stored for each item of p, whichever
// version of p's chain they were collected for (mapped to p's items), the
// superseded ones included: everything the history holds about the item.
func (s *Store) AnswerCounts(p *plan.Plan) (map[string]int, error) {
	hashes, maps, err := s.itemMaps(p.Hash())
	if err != nil {
		return nil, err
	}
	// Answers from workbooks and from the web (edits) alike.
	rows, err := s.run(nil).QueryContext(context.Background(), `SELECT s.plan_hash, a.item_id, COUNT(*) FROM answers a JOIN submissions s ON s.id = a.submission_id
		WHERE s.plan_hash IN (`+inList(len(hashes))+`) GROUP BY s.plan_hash, a.item_id
		UNION ALL
		SELECT plan_hash, item_id, COUNT(*) FROM edits WHERE plan_hash IN (`+inList(len(hashes))+`) GROUP BY plan_hash, item_id`,
		append(anyArgs(hashes), anyArgs(hashes)...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var h, item string
		var n int
		if err := rows.Scan(&h, &item, &n); err != nil {
			return nil, err
		}
		if m := maps[h]; m != nil {
			var ok bool
			if item, ok = m[item]; !ok {
				continue
			}
		}
		out[item] += n
	}
	return out, rows.Err()
}

// QuarterCounts counts the answers given for the version hash itself
// (not its chain), from workbooks and on the web, by the quarter they
// were given for.
func (s *Store) QuarterCounts(hash string) (map[string]int, error) {
	rows, err := s.run(nil).QueryContext(context.Background(), `SELECT s.quarter, COUNT(*) FROM answers a JOIN submissions s ON s.id = a.submission_id
		WHERE s.plan_hash = ? GROUP BY s.quarter
		UNION ALL
		SELECT quarter, COUNT(*) FROM edits WHERE plan_hash = ? GROUP BY quarter`, hash, hash)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var q string
		var n int
		if err := rows.Scan(&q, &n); err != nil {
			return nil, err
		}
		out[q] += n
	}
	return out, rows.Err()
}

// ItemMap maps the item ids of version from to those of version to, two
// versions of one chain: an item of from that to does not have is absent.
// nil means the same version.
func (s *Store) ItemMap(from, to string) (map[string]string, error) {
	if from == to {
		return nil, nil
	}
	_, maps, err := s.itemMaps(to)
	if err != nil {
		return nil, err
	}
	m, ok := maps[from]
	if !ok {
		return nil, fmt.Errorf("%s и %s: не редакции одного плана", from, to)
	}
	return m, nil
}

// Package collect reads the checklists schools filled in (and trackers the
// department edited) back into the status store.
//
// A workbook is matched to its plan and organisation by the manifest the
// tool wrote into a very hidden sheet, and each row to its item by the
// hidden ID column, so sorting, filtering, moving columns, deleting rows,
// renaming sheets or re-saving in LibreOffice do not disturb collection.
// One bad file never stops the batch: it is refused with a reason and the
// others are collected, all in one store transaction.
package collect

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// Options tunes a collection. The zero value files each workbook under
// the quarter its manifest names, with as many workers as CPUs.
type Options struct {
	// Quarter the answers are filed under ("2022Q1"), whatever quarter the
	// workbooks were issued for; "" files each under the quarter of its
	// manifest (see fileQuarter for workbooks without one).
	Quarter string
	// Replace files the workbooks anew: one collected before (under
	// another quarter, say) is filed under its quarter now and its earlier
	// filing superseded; a file wins over its organisation's other files
	// of the quarter whatever their save times (store.NewSubmission).
	Replace bool
	// Recipients, when set, says to whom a plan's checklists went, with
	// their items, for a plan the store has no record of issuing (issued
	// before the store kept records, or by another store): the core's
	// recipients of the plan, with the directory the user names. Without
	// it such checklists are taken as their manifests say.
	Recipients func(p *plan.Plan) map[string][]string
	// MaxBytes raises the largest workbook read and unpacked (50 MB).
	MaxBytes int64
	// PreferTracker marks trackers collected now as overriding the
	// schools' answers for the items they answer (store.NewSubmission.Prefer).
	PreferTracker bool
	// Now is the time of collection (tests fix it); zero means time.Now().
	Now time.Time
	// Workers bounds the files parsed at once; 0 means GOMAXPROCS.
	Workers int
	// By is who collects (recorded with each submission; zero = the
	// command line).
	By store.Actor
	// Starting, when set, is told how many workbooks are about to be
	// read, before the first is (the command line reserves heap for a
	// large batch).
	Starting func(files int)
	// Only, when set, accepts nothing but the checklists of one
	// organisation for one plan: a school uploading through its link.
	Only *Scope
	// Municipality, when not 0, accepts only the workbooks of that
	// municipality's plans (a department's user uploading, in a region's
	// store): another's plan is refused as one the store does not have.
	Municipality int64
}

// Scope is the one organisation and plan a collection may accept.
type Scope struct {
	PlanHash string
	Org      string
}

// File is a workbook held in memory: uploaded rather than on disk.
type File struct {
	Name    string // the name it is reported under
	Data    []byte
	ModTime time.Time // stands for the save time when the workbook carries none
}

// Outcome is what happened to one file.
type Outcome int

const (
	Collected Outcome = iota
	Refused
	Duplicate // the same file (same SHA-256) was collected before
	// Empty is a workbook with no filled row: not stored, so that a blank
	// checklist collected by mistake never supersedes a school's answers.
	Empty
	// Skipped is one of the tool's own workbooks with nothing to collect
	// (the matrices of a build's folder): passed over, not refused.
	Skipped
)

// FileResult reports one file.
type FileResult struct {
	Path      string
	Outcome   Outcome
	Reason    string // why it was refused
	Org       string
	PlanTitle string
	Kind      string
	Quarter   string // the quarter the answers are filed under
	Answers   int
	ByStatus  map[plan.Status]int
	// DuplicateOf is the path under which the same content was collected,
	// DuplicateQuarter the quarter it was filed under.
	DuplicateOf      string
	DuplicateQuarter string
	// Refiled names the earlier filing of the same file this collection
	// superseded (Options.Replace) and its quarter.
	Refiled, RefiledQuarter string
	// Supersedes lists older files of the same organisation, plan and
	// quarter this one replaced; SupersededBy names the newer file that
	// replaced this one. Both stay in the history.
	Supersedes   []string
	SupersededBy string
	Diagnostics  plan.Diagnostics
}

// OrgCount totals one organisation's collected answers.
type OrgCount struct {
	Org      string
	Files    int
	Answers  int
	ByStatus map[plan.Status]int
}

// Report is the outcome of a collection.
type Report struct {
	Quarter string // Options.Quarter; "" when each file's manifest said
	Files   []FileResult
	Orgs    []OrgCount
}

// Count returns how many files had the outcome.
func (r *Report) Count(o Outcome) int {
	n := 0
	for _, f := range r.Files {
		if f.Outcome == o {
			n++
		}
	}
	return n
}

// Answers is the number of answers stored by this collection.
func (r *Report) Answers() int {
	n := 0
	for _, f := range r.Files {
		if f.Outcome == Collected {
			n += f.Answers
		}
	}
	return n
}

// ErrInterrupted is returned when the context was cancelled (Ctrl-C):
// the transaction was rolled back and the store is as it was. It is
// context.Canceled for errors.Is.
var ErrInterrupted error = interrupted{}

type interrupted struct{}

func (interrupted) Error() string        { return "сбор прерван, база не изменена" }
func (interrupted) Is(target error) bool { return target == context.Canceled }

// Run collects the workbooks named by paths (files or folders) into st.
// Files are parsed in parallel by a bounded pool, and what they hold is
// written as they are matched, in file order, all in one transaction
// (store.AddSeq), so an interruption leaves the store as it was. The error is non-nil only when the collection as a whole failed
// (bad options, the store); refused files are in the report.
func Run(ctx context.Context, st *store.Store, paths []string, opts Options) (*Report, error) {
	files, problems := expand(paths)
	if opts.Starting != nil {
		opts.Starting(len(files))
	}
	return run(ctx, st, files, func(i int) (*parsed, error) {
		if err := problems[files[i]]; err != nil {
			return nil, err
		}
		return readWorkbook(files[i], opts.MaxBytes)
	}, opts)
}

// RunFiles collects workbooks held in memory (uploaded to the server), as
// Run does the files on disk: the same checks, refusals (size, kind, zip
// bombs) and one transaction.
func RunFiles(ctx context.Context, st *store.Store, files []File, opts Options) (*Report, error) {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	limit := max(opts.MaxBytes, maxFile)
	return run(ctx, st, names, func(i int) (*parsed, error) {
		f := files[i]
		if int64(len(f.Data)) > limit {
			tl := &inputfile.TooLargeError{Size: int64(len(f.Data)), Max: limit}
			return nil, refuse("%s", tl.Error()+"; ожидается книга Excel с ответами")
		}
		if err := sniffHead(f.Name, f.Data[:min(len(f.Data), 64<<10)]); err != nil {
			return nil, err
		}
		return parseWorkbook(f.Name, f.Data, f.ModTime, opts.MaxBytes)
	}, opts)
}

// run collects the files named by files, read by read(i).
func run(ctx context.Context, st *store.Store, files []string, read func(i int) (*parsed, error), opts Options) (*Report, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	var explicit *plan.Quarter
	if opts.Quarter != "" {
		q, err := plan.ParseQuarter(opts.Quarter)
		if err != nil {
			return nil, err
		}
		explicit = &q
	}
	plans := planCache{st: st, mun: opts.Municipality, plans: map[string]*knownPlan{}, recipients: opts.Recipients,
		loads: planLoads{m: map[string]*planLoad{}}}
	// The files are parsed by a pool of workers while this goroutine
	// matches them in order and the store writes what is found (AddSeq):
	// on SQLite the insert overlaps the parsing of the files after.
	pctx, cancel := context.WithCancel(ctx)
	parsedFiles, errs, ready, wait := parseAll(pctx, len(files), read, opts.Workers, func(pf *parsed) {
		plans.loads.prefetch(st, pf.manifest.PlanHash)
	})
	defer func() {
		cancel() // files not started yet are not read after a failure
		wait()
	}()

	rep := &Report{Files: make([]FileResult, len(files))}
	if explicit != nil {
		rep.Quarter = explicit.String()
	}
	// Each submission's file and its answers by status: the answers
	// themselves are let go once written, and so is each parsed file
	// once matched, so that a large collection does not hold them all.
	var subFile []int // index into rep.Files of each submission
	var subStatus []map[plan.Status]int
	bySHA := map[string]string{}
	found := func(yield func(store.NewSubmission) bool) {
		for i, path := range files {
			select {
			case <-ready[i]:
			case <-ctx.Done():
				return
			}
			fr := &rep.Files[i]
			fr.Path = path
			if errs[i] != nil {
				fr.Outcome, fr.Reason = Refused, errs[i].Error()
				if _, ok := errs[i].(skipping); ok {
					fr.Outcome = Skipped
				}
				continue
			}
			pf := parsedFiles[i]
			fr.Diagnostics = pf.diags
			fr.Kind, fr.PlanTitle = pf.manifest.Kind, pf.manifest.PlanTitle
			if prev, ok := bySHA[pf.sha]; ok {
				fr.Outcome, fr.DuplicateOf = Duplicate, prev
				continue
			}
			p, err := plans.match(pf.manifest)
			if err == nil && opts.Only != nil {
				err = opts.Only.check(pf.manifest, p.hash)
			}
			var allowed map[string]bool
			if err == nil {
				allowed, err = plans.trust(p, pf)
			}
			if err == nil && p.needsPlan(pf, allowed) {
				_, err = p.full()
			}
			var quarter plan.Quarter
			if err == nil {
				quarter, err = pf.fileQuarter(p, explicit, opts.Now)
			}
			if err != nil {
				fr.Outcome, fr.Reason = Refused, err.Error()
				fr.Diagnostics = pf.diags
				continue
			}
			fr.Quarter = quarter.String()
			sub := pf.submission(p, allowed, fr.Quarter, opts.Now)
			pf.releaseRows()
			if p.current != nil {
				pf.amended(p, sub)
			}
			sub.Prefer = opts.PreferTracker && sub.Kind == store.KindTracker
			sub.Replace = opts.Replace
			sub.By = opts.By
			fr.Org = sub.Org
			fr.Diagnostics = pf.diags
			if len(sub.Answers) == 0 {
				fr.Outcome = Empty
				continue
			}
			bySHA[pf.sha] = path // only a stored file makes its copies duplicates
			byStatus := map[plan.Status]int{}
			for _, ans := range sub.Answers {
				byStatus[ans.Status]++
			}
			subFile = append(subFile, i)
			subStatus = append(subStatus, byStatus)
			fr.Answers = len(sub.Answers)
			parsedFiles[i] = nil
			if !yield(sub) {
				return
			}
		}
	}
	added, err := st.AddSeq(ctx, found)
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	if err != nil {
		return nil, fmt.Errorf("запись в базу %s: %w", st.Path(), err)
	}
	for k, a := range added {
		fr := &rep.Files[subFile[k]]
		if a.DuplicateOf != "" {
			fr.Outcome, fr.DuplicateOf, fr.DuplicateQuarter, fr.Answers = Duplicate, a.DuplicateOf, a.DuplicateQuarter, 0
			continue
		}
		fr.Outcome, fr.ByStatus = Collected, subStatus[k]
		for _, old := range a.Supersedes {
			fr.Supersedes = append(fr.Supersedes, old.Path)
		}
		if a.SupersededBy != nil {
			fr.SupersededBy = a.SupersededBy.Path
		}
		if a.Refiled != nil {
			fr.Refiled, fr.RefiledQuarter = a.Refiled.Path, a.RefiledQuarter
		}
	}
	rep.Orgs = orgCounts(rep.Files)
	return rep, nil
}

// check refuses a workbook outside the scope: another plan's, another
// organisation's, or the department's tracker.
func (sc *Scope) check(m plan.Manifest, planHash string) error {
	switch {
	case m.Kind != store.KindChecklist:
		return refuse("это не чек-лист организации (трекер департамента): здесь принимается только чек-лист «%s»", sc.Org)
	case planHash != sc.PlanHash:
		return refuse("чек-лист другого плана («%s»): здесь принимается чек-лист «%s» по плану, для которого выдана ссылка", m.PlanTitle, sc.Org)
	case m.Org != sc.Org:
		return refuse("чек-лист другой организации («%s»): здесь принимается только чек-лист «%s»", m.Org, sc.Org)
	}
	return nil
}

// parseAll reads the n files with a bounded pool of workers, in the
// background: ready[i] is closed once file i is read (out[i] or errs[i]
// set), and each file read is passed to done on its worker first. A file
// not yet started when ctx ends is never read (its ready stays open);
// wait returns once the workers have stopped.
func parseAll(ctx context.Context, n int, read func(int) (*parsed, error), workers int, done func(*parsed)) (out []*parsed, errs []error, ready []chan struct{}, wait func()) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out = make([]*parsed, n)
	errs = make([]error, n)
	ready = make([]chan struct{}, n)
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = read(i)
				if errs[i] == nil {
					done(out[i])
				}
				close(ready[i])
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(next)
		for i := range n {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, errs, ready, wg.Wait
}

// planCache finds and remembers the plan a manifest names.
type planCache struct {
	st         *store.Store
	mun        int64 // Options.Municipality
	plans      map[string]*knownPlan
	recipients func(*plan.Plan) map[string][]string
	loads      planLoads
}

// planLoads are the plans read from the store, by hash, each once. The
// first worker to parse a workbook of a plan reads its versions
// (prefetch) while the others go on parsing, and match takes them from
// here. The plan itself (12.8 MB of JSON for 5,000 items to 500 schools,
// a fifth of a collection's CPU) is read only when a file needs more of
// it than the store's records say (knownPlan.full).
type planLoads struct {
	mu sync.Mutex
	m  map[string]*planLoad
}

type planLoad struct {
	st   *store.Store
	hash string
	once sync.Once
	// chain is the plan's versions (store.Chain; ErrNoPlan when the
	// store has no such plan), which name its title and period.
	chain    []store.Version
	chainErr error
	// full is the plan, read on first need.
	fullOnce sync.Once
	p        *plan.Plan
	err      error
}

// versions reads the plan's versions, once.
func (pl *planLoad) versions() ([]store.Version, error) {
	pl.once.Do(func() { pl.chain, pl.chainErr = pl.st.Chain(pl.hash) })
	return pl.chain, pl.chainErr
}

// plan reads the plan, once.
func (pl *planLoad) plan() (*plan.Plan, error) {
	pl.fullOnce.Do(func() { pl.p, pl.err = pl.st.Plan(pl.hash) })
	return pl.p, pl.err
}

// entry is the load of hash, and whether it was made by this call.
func (l *planLoads) entry(st *store.Store, hash string) (*planLoad, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if pl := l.m[hash]; pl != nil {
		return pl, false
	}
	pl := &planLoad{st: st, hash: hash}
	l.m[hash] = pl
	return pl, true
}

// prefetch reads the versions of hash unless they are being read or were
// (a worker does not wait for another's read).
func (l *planLoads) prefetch(st *store.Store, hash string) {
	if pl, fresh := l.entry(st, hash); fresh {
		pl.versions()
	}
}

// get is the load of hash, its versions read (waiting for a prefetch of
// them under way).
func (l *planLoads) get(st *store.Store, hash string) *planLoad {
	pl, _ := l.entry(st, hash)
	pl.versions()
	return pl
}

// knownPlan is a plan in the store with what matching every file against
// it needs, computed once.
type knownPlan struct {
	hash string
	// period is the plan's, as the store records it beside the JSON.
	period plan.Period
	// load reads the plan itself when a file needs it (full).
	load *planLoad
	// items are the plan's item ids, from the plan (full).
	items map[string]bool
	// current is the version in force now when this one was amended
	// (nil when it is current), and toCurrent maps this version's items
	// to its (store.ItemMap).
	current   *store.Version
	toCurrent map[string]string
	// issued is to whom the store issued the plan's workbooks, by kind,
	// with their items; computed the core's recipients of the plan
	// (Options.Recipients). Both are read on first need.
	issued   map[string]map[string]map[string]bool
	computed map[string]map[string]bool
	// key signed its workbooks (planCache.storeKey), read once.
	key     []byte
	keyRead bool
}

// full is the plan itself, with the set of its items. Most collections
// never need it: the items a checklist may answer are those the store
// issued to its organisation (trust), which RecordIssue took from this
// very plan, and the period is the store's record. It is read for a
// tracker (any item of the plan), a plan the store did not issue (the
// core's recipients), a row of an item not issued to the organisation
// (unknown to the plan, or only not assigned?) and an amended version.
func (p *knownPlan) full() (*plan.Plan, error) {
	pl, err := p.load.plan()
	if err != nil {
		return nil, err
	}
	if p.items == nil {
		p.items = make(map[string]bool, len(pl.Items))
		for _, it := range pl.Items {
			p.items[it.ID] = true
		}
	}
	return pl, nil
}

// needsPlan reports whether matching pf's rows needs the plan itself
// (see full): allowed is what trust returned.
func (p *knownPlan) needsPlan(pf *parsed, allowed map[string]bool) bool {
	if allowed == nil || p.current != nil {
		return true
	}
	for _, r := range pf.rows {
		if !allowed[r.id] {
			return true
		}
	}
	return false
}

// periodOf reads a period as store.Version records it (Period.String),
// false when the text is not one that String writes.
func periodOf(s string) (plan.Period, bool) {
	if s == "" {
		return plan.Period{}, true
	}
	from, to, ok := strings.Cut(s, "..")
	if !ok {
		return plan.Period{}, false
	}
	f, err1 := plan.ParseMonth(from)
	t, err2 := plan.ParseMonth(to)
	p := plan.Period{From: f, To: t}
	return p, err1 == nil && err2 == nil && p.String() == s
}

func (c *planCache) match(m plan.Manifest) (*knownPlan, error) {
	if p, ok := c.plans[m.PlanHash]; ok {
		return p, nil
	}
	loaded := c.loads.get(c.st, m.PlanHash)
	chain, err := loaded.chain, loaded.chainErr
	found := err == nil
	if found && c.mun != 0 {
		owner, err := c.st.PlanMunicipality(context.Background(), m.PlanHash)
		if err != nil {
			return nil, err
		}
		found = owner == c.mun // another municipality's: as if the store had none
	}
	if found {
		kp := &knownPlan{hash: m.PlanHash, load: loaded}
		var ok bool
		for _, v := range chain {
			if v.Hash == m.PlanHash {
				kp.period, ok = periodOf(v.Period)
			}
		}
		if !ok {
			p, err := kp.full()
			if err != nil {
				return nil, err
			}
			kp.period = p.Period
		}
		if last := chain[len(chain)-1]; last.Hash != m.PlanHash {
			kp.current = &last
			if kp.toCurrent, err = c.st.ItemMap(m.PlanHash, last.Hash); err != nil {
				return nil, err
			}
		}
		c.plans[m.PlanHash] = kp
		return kp, nil
	}
	if err != nil && !errors.Is(err, store.ErrNoPlan) {
		return nil, err
	}
	all, err := c.st.PlansByTitle(m.PlanTitle)
	if err != nil {
		return nil, err
	}
	var versions []store.PlanInfo
	for _, v := range all {
		if c.mun == 0 || v.Municipality == c.mun {
			versions = append(versions, v)
		}
	}
	if len(versions) > 0 {
		when := ""
		if !m.Generated.IsZero() {
			when = " (от " + m.Generated.Local().Format("02.01.2006") + ")"
		}
		return nil, refuse("относится к другой версии плана «%s»%s, чем в базе (%s); зарегистрируйте эту версию: roadmap collect --plan ФАЙЛ",
			m.PlanTitle, when, hashes(versions))
	}
	return nil, refuse("относится к плану «%s», которого нет в базе: зарегистрируйте его (roadmap collect --plan ФАЙЛ или roadmap checklists --db)", m.PlanTitle)
}

func hashes(vs []store.PlanInfo) string {
	s := ""
	for i, v := range vs {
		if i > 0 {
			s += ", "
		}
		s += "версия " + v.Hash + " от " + v.Added.Local().Format("02.01.2006")
	}
	return s
}

// submission turns a parsed file into answers for the store, dropping
// rows whose ID is not an item of the plan, rows of items not given to the
// organisation (allowed; nil allows every item), and keeping, for an item
// filled twice in one file, the lower row (the one a user added last).
func (pf *parsed) submission(p *knownPlan, allowed map[string]bool, quarter string, now time.Time) store.NewSubmission {
	m := pf.manifest
	org := m.Org
	if m.Kind == store.KindTracker {
		org = store.TrackerOrg
	}
	sub := store.NewSubmission{Path: pf.path, SHA256: pf.sha, Org: org, PlanHash: p.hash, Quarter: quarter,
		Kind: m.Kind, Generated: m.Generated, Saved: pf.saved, Received: now}
	if len(pf.rows) > 0 {
		// At most one answer a row: grown by append, the answers of 500
		// checklists cost twice their size in garbage.
		sub.Answers = make([]store.Answer, 0, len(pf.rows))
	}
	seen := map[string]int{} // item -> index in sub.Answers
	for _, r := range pf.rows {
		// An item issued to the organisation is one of the plan's (see
		// knownPlan.full); p.items is read only for the others.
		if !allowed[r.id] && !p.items[r.id] {
			pf.diag(r.n, plan.Warning, "unknown-id", fmt.Sprintf("строка %d: кода пункта «%s» нет в плане (строка скопирована из другого файла?), не собрана", r.n, r.id), r.id)
			continue
		}
		if allowed != nil && !allowed[r.id] {
			pf.diag(r.n, plan.Warning, "not-assigned", fmt.Sprintf("строка %d: пункт «%s» не поручен организации «%s» (в ее чек-листе его не было), строка не собрана", r.n, r.id, org), r.id)
			continue
		}
		a := r.Answer
		a.ItemID, a.Org, a.Quarter, a.Received, a.Source = r.id, org, quarter, now, pf.path
		if j, ok := seen[r.id]; ok {
			pf.diag(r.n, plan.Warning, "duplicate-id", fmt.Sprintf("строка %d: пункт уже заполнен в строке %d; взят ответ из строки %d", r.n, sub.Answers[j].Row, r.n), r.id)
			sub.Answers[j] = store.Answer{Answer: a, Row: r.n}
			continue
		}
		seen[r.id] = len(sub.Answers)
		sub.Answers = append(sub.Answers, store.Answer{Answer: a, Row: r.n})
	}
	return sub
}

func orgCounts(files []FileResult) []OrgCount {
	m := map[string]*OrgCount{}
	for _, f := range files {
		if f.Outcome != Collected {
			continue
		}
		oc := m[f.Org]
		if oc == nil {
			oc = &OrgCount{Org: f.Org, ByStatus: map[plan.Status]int{}}
			m[f.Org] = oc
		}
		oc.Files++
		oc.Answers += f.Answers
		for s, n := range f.ByStatus {
			oc.ByStatus[s] += n
		}
	}
	out := make([]OrgCount, 0, len(m))
	for _, oc := range m {
		out = append(out, *oc)
	}
	sort.Slice(out, func(i, j int) bool { return NaturalLess(out[i].Org, out[j].Org) })
	return out
}

// amended warns that a file was made from a version of the plan that has
// been replaced since: it is collected under its own version all the
// same, and every version reads its answers through the maps of items;
// the answers to items the current version no longer has are named.
func (pf *parsed) amended(p *knownPlan, sub store.NewSubmission) {
	cur := p.current
	pf.diag(0, plan.Warning, "old-version", fmt.Sprintf("файл составлен по прежней редакции плана; действует редакция от %s%s: ответы собраны и учитываются в ней по сопоставлению пунктов",
		cur.Amended.Local().Format("02.01.2006"), effectiveFrom(cur.Effective)), cur.Title)
	var gone []string
	for _, a := range sub.Answers {
		if _, ok := p.toCurrent[a.ItemID]; !ok {
			num := a.ItemID
			if it := p.load.p.ItemByID(a.ItemID); it != nil && it.Num() != "" {
				num = it.Num()
			}
			gone = append(gone, num)
		}
	}
	if len(gone) > 0 {
		pf.diag(0, plan.Warning, "removed-item", fmt.Sprintf("пункты %s исключены в действующей редакции: ответы на них сохранены при прежней редакции и видны в ее отчетах",
			strings.Join(gone, ", ")), strings.Join(gone, ", "))
	}
}

// effectiveFrom is " (с III квартала 2022 г.)", or "" without a quarter.
func effectiveFrom(q string) string {
	pq, err := plan.ParseQuarter(q)
	if err != nil {
		return ""
	}
	return fmt.Sprintf(" (с %s квартала %d г.)", pq.Roman(), pq.Year)
}

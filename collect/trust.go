package collect

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// Collection trusts only what the store issued. A workbook is the user's
// to edit, its hidden manifest included, so what the manifest says is
// checked against the store before any answer is filed:
//
//   - The store signs every manifest it issues (plan.Manifest.Sign) and
//     records to whom it issued each plan's workbooks, with their items.
//     For a plan it issued, a checklist must carry a signature that
//     checks: an organisation, quarter, kind or plan edited in the
//     manifest, or a signature removed, refuses the file.
//   - The organisation must be one the plan's checklists went to, and a
//     row counts only for an item that organisation was given: a row
//     added for another item is left out with a warning.
//   - For a plan the store did not issue (workbooks of an earlier
//     version, or issued with another store), recipients are the core's,
//     computed from the plan and the directory the user names
//     (Options.Recipients); the signature cannot be checked there.
//   - A tracker is the department's: its answers are filed under the
//     department whatever its manifest says of an organisation, which
//     refuses it.
//
// Answers are never filed under an organisation the store did not give
// the workbook to.

// storeKey is the key that signed p's workbooks (its municipality's,
// else the store's; nil when the store never signed).
func (c *planCache) storeKey(p *knownPlan) ([]byte, error) {
	if !p.keyRead {
		key, err := c.st.HasManifestKeyFor(context.Background(), p.hash)
		if err != nil {
			return nil, err
		}
		p.key, p.keyRead = key, true
	}
	return p.key, nil
}

// issuedOf is to whom the store issued p's workbooks of kind.
func (c *planCache) issuedOf(p *knownPlan, kind string) (map[string]map[string]bool, error) {
	if p.issued == nil {
		p.issued = map[string]map[string]map[string]bool{}
	}
	if got, ok := p.issued[kind]; ok {
		return got, nil
	}
	got, err := c.st.Issued(p.hash, kind)
	if err != nil {
		return nil, err
	}
	p.issued[kind] = got
	return got, nil
}

// computedRecipients are the core's recipients of p (Options.Recipients),
// nil when not given; they need the plan itself.
func (c *planCache) computedRecipients(p *knownPlan) (map[string]map[string]bool, error) {
	if p.computed == nil && c.recipients != nil {
		full, err := p.full()
		if err != nil {
			return nil, err
		}
		p.computed = map[string]map[string]bool{}
		for org, ids := range c.recipients(full) {
			set := make(map[string]bool, len(ids))
			for _, id := range ids {
				set[id] = true
			}
			p.computed[org] = set
		}
	}
	return p.computed, nil
}

// trust checks the file's manifest against what the store issued (see
// above) and returns the items its rows may answer (nil: any item of the
// plan), or a refusal saying why.
func (c *planCache) trust(p *knownPlan, pf *parsed) (map[string]bool, error) {
	m := pf.manifest
	key, err := c.storeKey(p)
	if err != nil {
		return nil, err
	}
	issued, err := c.issuedOf(p, m.Kind)
	if err != nil {
		return nil, err
	}
	// The store issued this plan (workbooks of either kind): every
	// signature on a workbook of it must be the store's.
	issuedPlan := len(issued) > 0
	for _, k := range []string{store.KindChecklist, store.KindTracker} {
		if other, err := c.issuedOf(p, k); err != nil {
			return nil, err
		} else if len(other) > 0 {
			issuedPlan = true
		}
	}
	signedHere := len(issued) > 0 && key != nil
	if issuedPlan && key != nil && m.Signature != "" && !m.Verify(key) {
		return nil, refuse("служебный лист (паспорт) изменен после выпуска: организация, квартал, вид книги или план не совпадают с подписью, или файл выпущен другой базой отметок; " +
			"пришлите файл, выпущенный этой базой, не меняя служебный лист")
	}
	if m.Kind == store.KindTracker {
		switch {
		case m.Org != "":
			return nil, refuse("в паспорте трекера указана организация «%s», а трекер — документ департамента: паспорт изменен", m.Org)
		case signedHere && m.Signature == "":
			pf.diag(0, plan.Warning, "unsigned", "трекер без подписи этой базы (выпущен без --db или другой базой): ответы записаны как ответы департамента", "")
		}
		return nil, nil
	}
	if signedHere {
		if m.Signature == "" {
			return nil, refuse("в паспорте нет подписи, а чек-листы этого плана выпущены этой базой с подписью: служебный лист изменен или файл выпущен другой базой")
		}
		items, ok := issued[m.Org]
		if !ok {
			return nil, refuse("организация «%s» не получала чек-лист этого плана", m.Org)
		}
		return items, nil
	}
	computed, err := c.computedRecipients(p)
	if err != nil {
		return nil, err
	}
	if computed == nil {
		return nil, nil // no recipients to check against (Options.Recipients unset)
	}
	items, ok := computed[m.Org]
	if !ok {
		return nil, refuse("организация «%s» не исполнитель плана: ее нет среди получателей чек-листов (%s); "+
			"если чек-листы выпущены со справочником организаций, укажите его (--orgs ФАЙЛ) или собирайте в базу, с которой они выпущены",
			m.Org, someNames(computed, 5))
	}
	if m.Signature != "" {
		pf.diag(0, plan.Info, "unverified", "подпись паспорта не проверена: эта база не выпускала чек-листы этого плана; организация и строки проверены по плану", "")
	}
	return items, nil
}

// someNames lists up to n keys of m, sorted, with how many more.
func someNames(m map[string]map[string]bool, n int) string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, "«"+k+"»")
	}
	sort.Strings(names)
	if len(names) > n {
		return strings.Join(names[:n], ", ") + fmt.Sprintf(" и еще %d", len(names)-n)
	}
	return strings.Join(names, ", ")
}

// fileQuarter is the quarter the file's answers are filed under: the one
// asked for (Options.Quarter), else the manifest's. A workbook of an
// earlier version names none: the current quarter is taken when it lies
// in the plan's period, and said; otherwise the file is refused rather
// than filed under a quarter the plan never had. A quarter outside the
// plan's period is refused.
func (pf *parsed) fileQuarter(p *knownPlan, explicit *plan.Quarter, now time.Time) (plan.Quarter, error) {
	m := pf.manifest
	period := p.period
	var q plan.Quarter
	switch {
	case explicit != nil:
		q = *explicit
		if m.Quarter != "" && m.Quarter != q.String() {
			pf.diag(0, plan.Info, "quarter-override", fmt.Sprintf("чек-лист выпущен за %s, ответы записаны за %s (--quarter)", quarterLabel(m.Quarter), q.Label()), m.Quarter)
		}
	case m.Quarter != "":
		var err error
		if q, err = plan.ParseQuarter(m.Quarter); err != nil {
			return q, refuse("в паспорте файла неверный квартал %q; укажите квартал: roadmap collect --quarter 2022Q1 ...", m.Quarter)
		}
	default:
		l := now.Local()
		q = plan.MonthOf(l.Year(), int(l.Month())).Quarter()
		if !period.IsZero() && !overlaps(period, q) {
			return q, refuse("в файле не указан квартал (выпущен прежней версией программы), а текущий (%s) вне периода плана (%s); укажите квартал: roadmap collect --quarter КВАРТАЛ ...",
				q.Label(), periodLabel(period))
		}
		pf.diag(0, plan.Warning, "quarter-assumed", fmt.Sprintf("в файле не указан квартал (выпущен прежней версией программы): ответы записаны за текущий, %s; если они за другой, соберите файл заново: roadmap collect --replace --quarter КВАРТАЛ ...", q.Label()), "")
	}
	if !period.IsZero() && !overlaps(period, q) {
		return q, refuse("%s вне периода плана (%s): ответы за него не записываются; укажите квартал периода: --quarter", q.Label(), periodLabel(period))
	}
	return q, nil
}

// overlaps reports whether quarter q has a month in the period.
func overlaps(p plan.Period, q plan.Quarter) bool { return q.Last() >= p.From && q.First() <= p.To }

func periodLabel(p plan.Period) string { return p.From.Label() + " – " + p.To.Label() }

func quarterLabel(s string) string {
	if q, err := plan.ParseQuarter(s); err == nil {
		return q.Label()
	}
	return s
}

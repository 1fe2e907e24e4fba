package schedule

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/editdist"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Typos in keywords. A deadline typed by hand carries typos ("Ежгеодно",
// "В течение всего преиода", "Октяря 2021") that a reader does not even
// notice; read literally they lose the whole deadline, or worse one end
// of a range. So a word that no rule read is compared with the keyword
// forms below by Damerau-Levenshtein distance (optimal string alignment:
// an adjacent transposition is one edit) and read as the one form it is
// nearest to, within a bound that grows with the word:
//
//   - words under 5 letters are never corrected ("мая", "года", "июня"
//     are too short for a typo to be told from another word);
//   - 5 to 7 letters: one edit; 8 and more: two;
//   - the first letter must be kept, or be the keyword's second letter
//     (the first two swapped, or the first dropped): people rarely mistype
//     the first letter, and without this rule "карта" would be "марта";
//   - the nearest form must be unique, and a keyword: a word as near to two
//     forms, or nearer to a real word listed among the neighbours
//     ("квартира", "втрое"), is left alone;
//   - a word the rules already read by its stem ("ежегодного",
//     "сентябрьский") is a form, not a typo.
//
// The comparison runs only for words the rules left unread, so a correct
// deadline costs nothing more than a look at its unread words; when a
// word is corrected the rules run again over the corrected words. Every
// correction the rules then read is reported in Result.Corrected: a
// reading is never silent; one they still leave unread is undone.

// Correction is one word of a deadline read through a typo.
type Correction struct {
	Word string // as written in the text
	As   string // the keyword form it was read as, lower case
}

// keywordGroup is one keyword in the case forms and derived words a
// deadline uses; the stem, when set, is the prefix by which the rules of
// parse.go read the keyword, so that any word with it is read as is.
type keywordGroup struct {
	stem  string
	forms string
}

// Keyword forms, by group. The month names (plan.MonthForms) and the cues
// of an unscheduled deadline (unscheduledCues) join them in the index
// (buildLex): each list has one home, shared with the rules that read it.
var keywordGroups = []keywordGroup{
	{"ежегодн", "ежегодно ежегодный ежегодная ежегодное ежегодные ежегодного ежегодной"},
	{"ежеквартальн", "ежеквартально ежеквартальный ежеквартальная ежеквартальное ежеквартальные"},
	{"ежемесячн", "ежемесячно ежемесячный ежемесячная ежемесячное ежемесячные"},
	{"еженедельн", "еженедельно еженедельный еженедельная еженедельные"},
	{"ежедневн", "ежедневно ежедневный ежедневная ежедневные"},
	{"кажд", "каждый каждая каждое каждые каждого каждой каждому каждом каждую каждых"},
	{"", "течение протяжении"},
	{"период", "период периода периоду периодом периоде периоды периодов периодах"},
	{"", "весь всего всем"},
	{"реализац", "реализации реализация реализацию"},
	{"действ", "действия действие действии"},
	{"срок", "срок срока сроку сроком сроке сроки сроков"},
	{"каникул", "каникулы каникул каникулам каникулами каникулах каникулярный каникулярного " +
		"каникулярном каникулярные каникулярных каникулярная каникулярной"},
	{"летн", "летний летние летних летнего летнюю летняя летнее летней"},
	{"осенн", "осенний осенние осенних осеннего осенняя осенней"},
	{"зимн", "зимний зимние зимних зимнего зимняя зимней"},
	{"весенн", "весенний весенние весенних весеннего весенняя весенней"},
	{"квартал", "квартал квартала кварталу кварталом квартале кварталы кварталов кварталах"},
	{"полугод", "полугодие полугодия полугодию полугодием полугодии"},
	{"учебн", "учебный учебного учебному учебным учебном учебная учебной учебную учебное учебные учебных"},
	{"", "года году годы годом годов годам годах годами"},
	{"месяц", "месяц месяца месяцу месяцев месяцам"},
	{"перв", "первый первого первом первое первая первой"},
	{"втор", "второй второго втором второе вторая"},
	{"трет", "третий третьего третьем третье третья третьей"},
	{"четверт", "четвертый четвертого четвертом четвертое четвертая четвертой"},
	{"", "согласно соответствии"},
	{"", "конец конца концу конце окончание окончания окончании начало начала началу начале"},
	{"", "далее затем позднее позже постоянно непрерывно систематически"},
}

// neighbours are real words one or two edits from a keyword form. They
// take part in the search so that a word nearer to them, or one of them
// written correctly, is never read as the keyword.
const neighbours = "квартира квартиры квартире квартиру квартир втрое марка марки " +
	"постоянный постоянной постоянная постоянное постоянные постоянных " +
	"непрерывный непрерывной непрерывная непрерывное непрерывные " +
	"начали начался начать начальный конечно концы"

// Typo bounds: no word under minTypoLen letters is corrected, one edit
// is allowed up to 7 letters, two from longTypoLen; maxTypoLen bounds the
// words compared (the longest form plus two).
const (
	minTypoLen  = 5
	longTypoLen = 8
	maxTypoLen  = 20
)

// lexEntry is one form of the index.
type lexEntry struct {
	form    string
	runes   []rune
	mask    uint64 // letters present, see letterMask
	keyword bool   // false for a neighbour
}

// lexicon holds every form (keywords and neighbours) for exact look-up;
// byFirst buckets them by first letter (а..я), each bucket sorted by
// length so that a search stops at the first form too long, and with its
// length range so that most words no rule read (names, nouns of a note)
// are turned away before any other work.
// bySwap buckets them by their first two letters, indexed by the second
// and first: a word whose first two letters are swapped (or whose first
// is dropped) starts as the forms of bySwap[r0][r1] do after their first.
//
// The index is built on first use (lex), not at package initialisation:
// every command of the process links this package, and only the reading
// of a deadline needs it.
type lexIndex struct {
	groups   []keywordGroup // every group: months, cues, keywordGroups
	lexicon  map[string]*lexEntry
	byFirst  [32]bucket
	bySwap   [32][32]*bucket
	keyStems []string
}

var lex = sync.OnceValue(buildLex)

type bucket struct {
	entries        []*lexEntry
	minLen, maxLen int
}

// bucketOf returns the bucket of forms starting with r, nil for a rune
// no form starts with.
func bucketOf(r rune) *bucket {
	if r < 'а' || r > 'я' {
		return nil
	}
	if b := &lex().byFirst[r-'а']; b.entries != nil {
		return b
	}
	return nil
}

// swapBucketOf returns the bucket of forms starting with r1 r0, nil if
// none does.
func swapBucketOf(r0, r1 rune) *bucket {
	if r0 < 'а' || r0 > 'я' || r1 < 'а' || r1 > 'я' || r0 == r1 {
		return nil
	}
	return lex().bySwap[r0-'а'][r1-'а']
}

// fits reports whether b may hold a form within bound edits of a word of
// n letters.
func (b *bucket) fits(n, bound int) bool {
	return b != nil && b.minLen <= n+bound && b.maxLen >= n-bound
}

// buildLex indexes the keyword forms and their neighbours.
func buildLex() *lexIndex {
	l := &lexIndex{lexicon: make(map[string]*lexEntry)}
	add := func(form string, keyword bool) {
		if _, dup := l.lexicon[form]; dup {
			return
		}
		e := &lexEntry{form: form, runes: []rune(form), keyword: keyword}
		e.mask = letterMask(e.runes)
		l.lexicon[form] = e
		f, s := e.runes[0]-'а', e.runes[1]-'а' // every form is lower-case Cyrillic
		if l.bySwap[s][f] == nil {
			l.bySwap[s][f] = new(bucket)
		}
		l.bySwap[s][f].add(e)
		l.byFirst[f].add(e)
	}
	l.groups = make([]keywordGroup, 0, 12+len(unscheduledCues)+len(keywordGroups))
	for n := 1; n <= 12; n++ {
		if stem := plan.MonthStem(n); stem != "" {
			l.groups = append(l.groups, keywordGroup{stem, strings.Join(plan.MonthForms(n), " ")})
		}
	}
	for _, c := range unscheduledCues {
		if c.forms != "" {
			l.groups = append(l.groups, c)
		}
	}
	l.groups = append(l.groups, keywordGroups...)
	for _, g := range l.groups {
		if g.stem != "" {
			l.keyStems = append(l.keyStems, g.stem)
		}
		for _, f := range strings.Fields(g.forms) {
			add(f, true)
		}
	}
	for _, f := range strings.Fields(neighbours) {
		add(f, false)
	}
	for i := range l.byFirst {
		sortByLen(l.byFirst[i].entries)
		for _, b := range l.bySwap[i] {
			if b != nil {
				sortByLen(b.entries)
			}
		}
	}
	return l
}

func (b *bucket) add(e *lexEntry) {
	if b.entries == nil || len(e.runes) < b.minLen {
		b.minLen = len(e.runes)
	}
	b.maxLen = max(b.maxLen, len(e.runes))
	b.entries = append(b.entries, e)
}

// sortByLen is an insertion sort: the buckets are small and this keeps
// the package free of a sort import for one index.
func sortByLen(b []*lexEntry) {
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && len(b[j].runes) < len(b[j-1].runes); j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

// letterMask sets one bit per Cyrillic letter present (other runes share
// the upper bits). A letter of one word absent from the other costs at
// least one edit, so the bits give a lower bound of the distance for free.
func letterMask(rs []rune) uint64 {
	var m uint64
	for _, r := range rs {
		if r >= 'а' && r <= 'я' {
			m |= 1 << (r - 'а')
		} else {
			m |= 1 << (32 + r%32)
		}
	}
	return m
}

// readAsIs reports a word the rules read by its stem: a case form or a
// derived word, not a typo.
func readAsIs(w string) bool {
	if monthOf(w) > 0 {
		return true
	}
	for _, s := range lex().keyStems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// correctWord returns the keyword form a folded word is a typo of, or ""
// when the word is too short, known, or not uniquely near one keyword.
func correctWord(w string) string {
	if len(w) < minTypoLen { // fewer bytes than letters: surely too short
		return ""
	}
	r0, w0 := utf8.DecodeRuneInString(w)
	r1, _ := utf8.DecodeRuneInString(w[w0:])
	b0, b1 := bucketOf(r0), swapBucketOf(r0, r1)
	if b0 == nil && b1 == nil {
		return ""
	}
	n := utf8.RuneCountInString(w)
	if n < minTypoLen || n > maxTypoLen {
		return ""
	}
	bound := 1
	if n >= longTypoLen {
		bound = 2
	}
	if !b0.fits(n, bound) && !b1.fits(n, bound) {
		return ""
	}
	if _, ok := lex().lexicon[w]; ok {
		return ""
	}
	var buf [maxTypoLen]rune
	rs := buf[:0]
	for _, r := range w {
		rs = append(rs, r)
	}
	wm := letterMask(rs)
	best, ties := bound+1, 0
	var found *lexEntry
	try := func(e *lexEntry) {
		l := len(e.runes)
		if l < n-bound || l > n+bound {
			return
		}
		if bits.OnesCount64(wm&^e.mask) > bound || bits.OnesCount64(e.mask&^wm) > bound {
			return
		}
		d := editdist.OSA(rs, e.runes, best) // best+1 once it must exceed best
		switch {
		case d < best:
			best, ties, found = d, 1, e
		case d == best && d <= bound:
			ties++
		}
	}
	if b0 != nil {
		for _, e := range b0.entries {
			if len(e.runes) > n+bound {
				break
			}
			try(e)
		}
	}
	if b1 != nil { // the first two letters swapped, or the first dropped
		for _, e := range b1.entries {
			if len(e.runes) > n+bound {
				break
			}
			try(e)
		}
	}
	if found == nil || ties != 1 || !found.keyword || readAsIs(w) {
		return ""
	}
	return found.form
}

// typoState is what a Parse that corrected words keeps of them: the
// corrected tokens with their folded text as written, and cues, the words
// scanUnscheduled read without consuming them. A pointer in the parser,
// so that a text without typos pays nothing for it.
type typoState struct {
	fixed []fixedWord
	cues  []int
}

// fixedWord is a token corrected through a typo and its folded text as
// written.
type fixedWord struct {
	tok  int
	was  string
	word string // as written in the text
}

// correct reads the words the rules left unread through typos. It
// rewrites each corrected token, remembers it in p.typos and reports
// whether any was corrected.
func (p *parser) correct(text string) bool {
	for i := range p.toks {
		t := &p.toks[i]
		if t.used || t.kind != tWord {
			continue
		}
		if as := correctWord(t.text); as != "" {
			if p.typos == nil {
				p.typos = new(typoState)
			}
			p.typos.fixed = append(p.typos.fixed, fixedWord{tok: i, was: t.text, word: text[t.start:t.end]})
			t.text = as
		}
	}
	return p.typos != nil
}

// settle keeps the corrections the rules then read, in res.Corrected, and
// restores the others as written: a corrected word left in the note
// changes nothing, so it is neither reported nor allowed to change how
// the note is trimmed.
func (p *parser) settle(res *Result) {
	for _, f := range p.typos.fixed {
		t := &p.toks[f.tok]
		if t.used || slices.Contains(p.typos.cues, f.tok) {
			res.Corrected = append(res.Corrected, Correction{Word: f.word, As: t.text})
		} else {
			t.text = f.was
		}
	}
}

// reset clears what a run of the rules set, keeping the tokens.
func (p *parser) reset() {
	for i := range p.toks {
		p.toks[i].used = false
	}
	p.items = p.items[:0]
	p.recur, p.whole, p.always, p.inCourse, p.periodMask = "", false, false, false, 0
	p.openItem, p.openTok, p.onward = 0, 0, false
	p.unsched, p.unschedLead, p.pendingFrom, p.edge = false, false, false, 0
	p.typos.cues = p.typos.cues[:0]
}

package pipeline

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/filename"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// namer gives each plan an output folder named after what it is, so that
// a region's outputs are readable in a file manager: the municipality, the
// first words of the title and the period's years. Two plans that would
// collide (the same roadmap twice, two copies of one title) get _2, _3 in
// input order, which keeps names stable from run to run.
type namer struct{ used map[string]int }

func newNamer() *namer { return &namer{used: map[string]int{}} }

// stopWords are left out of folder names: they make names long and say
// nothing ("План мероприятий по ... на ... годы").
var stopWords = map[string]bool{"по": true, "на": true, "в": true, "и": true, "для": true, "с": true,
	"годы": true, "год": true, "гг": true, "учебный": true, "дорожная": true, "карта": true, "план": true, "мероприятий": true}

// genericStems begin the words nearly every roadmap's title has
// ("по развитию муниципальной системы организации ..."): a name made of
// them tells two plans of one town apart by nothing. The subject comes
// after them ("воспитания обучающихся", "оценки качества образования").
var genericStems = []string{"развит", "муниципальн", "систем", "организаци", "совершенствован",
	"повышени", "обеспечени", "реализаци", "создани", "городск", "округ", "образовательн", "механизм"}

func generic(w string) bool {
	for _, s := range genericStems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// maxNameRunes bounds the words of a folder name (the period is added
// after): long enough for a town and three or four words of the subject.
const maxNameRunes = 48

func (n *namer) dir(p *plan.Plan, input string) string {
	var words []string
	size, titleWords := 0, 0
	add := func(w string) bool {
		r := utf8.RuneCountInString(w)
		if size+r+1 > maxNameRunes {
			return false
		}
		words = append(words, w)
		size += r + 1
		return true
	}
	mun := strings.ToLower(p.Municipality)
	for _, w := range strings.Fields(p.Municipality) {
		add(w)
	}
	for _, w := range strings.FieldsFunc(p.Title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		lw := strings.ToLower(w)
		r := []rune(lw)
		if stopWords[lw] || generic(lw) || len(r) < 3 || unicode.IsDigit(r[0]) || titleWords >= 4 {
			continue
		}
		if len(r) >= 4 && mun != "" && strings.Contains(mun, string(r[:4])) {
			continue // "в Сарове" repeats the municipality "Саров"
		}
		if !add(lw) {
			break
		}
		titleWords++
	}
	if !p.Period.IsZero() {
		words = append(words, fmt.Sprintf("%d-%d", p.Period.From.Year(), p.Period.To.Year()))
	}
	name := safeName(strings.Join(words, "_"), 96)
	if name == "" {
		name = safeName(strings.TrimSuffix(filepath.Base(input), filepath.Ext(input)), 96)
	}
	if name == "" {
		name = "roadmap"
	}
	key := strings.ToLower(name)
	n.used[key]++
	if c := n.used[key]; c > 1 {
		name = fmt.Sprintf("%s_%d", name, c)
	}
	return name
}

// safeName keeps letters, digits, '-', '_' and '.', folds the rest to '_',
// and cuts at max bytes on a rune boundary: safe on Windows and Linux.
func safeName(s string, max int) string {
	var b strings.Builder
	lastUnderscore := true
	for _, r := range s {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.'
		if !ok {
			if !lastUnderscore {
				b.WriteByte('_')
				lastUnderscore = true
			}
			continue
		}
		if b.Len()+len(string(r)) > max {
			break
		}
		b.WriteRune(r)
		lastUnderscore = false
	}
	return filename.Safe(b.String(), max, "")
}

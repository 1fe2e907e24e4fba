package orgs

import (
	"strings"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// caseEndings are Russian noun and adjective endings, longest first.
// Cutting them lets a name in another grammatical case ("совместно с
// Департаментом образования", "при участии Молодежного центра") meet the
// organisation named in the nominative.
var caseEndings = []string{
	"ями", "ами", "ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем",
	"ым", "им", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ую", "юю", "ия",
	"ии", "ию", "ий", "ый", "а", "я", "ы", "и", "у", "ю", "е", "о", "ь", "й",
}

// stemKey is key with the case ending cut off every word of five letters
// or more (abbreviations are shorter and stay whole), keeping at least
// three letters.
func stemKey(name string) string {
	return stemOfKey(key(name))
}

// stemOfKey is stemKey of a name already folded by key.
func stemOfKey(k string) string {
	words := strings.Fields(k)
	for i, w := range words {
		n := utf8.RuneCountInString(w)
		if n < 5 {
			continue
		}
		for _, e := range caseEndings {
			if strings.HasSuffix(w, e) && n-utf8.RuneCountInString(e) >= 3 {
				w = strings.TrimSuffix(w, e)
				// "объединени|ями" and "объединен|ия", "развити|ем" and
				// "развит|ия": a soft stem letter left before the ending.
				for _, soft := range []string{"и", "ь", "й"} {
					if strings.HasSuffix(w, soft) && utf8.RuneCountInString(w) > 3 {
						w = strings.TrimSuffix(w, soft)
						break
					}
				}
				words[i] = w
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// addStem indexes a spelling for lookupStem. A stem shared by spellings of
// different organisations becomes ambiguous and resolves to nothing, so the
// result never depends on the order things were added in.
func (r *Resolver) addStem(spelling, target string) {
	if r.stems == nil {
		return // built on first use, with everything known by then
	}
	r.addStemKey(stemKey(spelling), target)
}

// addStemKey is addStem with the stem already cut.
func (r *Resolver) addStemKey(sk, target string) {
	if sk == "" {
		return
	}
	if prev, ok := r.stems[sk]; !ok {
		r.stems[sk] = target
		r.changed(depStem, sk)
	} else if prev != "" && key(r.canonOf(prev)) != key(r.canonOf(target)) {
		r.stems[sk] = "" // two organisations share the stem: guess neither
		r.changed(depStem, sk)
	}
}

// canonOf is the canonical name a lookup target stands for.
func (r *Resolver) canonOf(target string) string {
	if o, ok := r.lookup(target); ok {
		return o.Name
	}
	return target
}

// lookupStem is the last resort of resolution: a name that matches a known
// spelling, expansion, full name or organisation met before once case
// endings are cut. The index is built on first use and then kept up to
// date by define and meet. k is the name folded by key.
func (r *Resolver) lookupStem(k string) (plan.Organization, bool) {
	if r.stems == nil {
		r.stems = make(map[string]string, len(r.tbl.stems)+len(r.expands)+len(r.orgs))
		// No result kept has read the stems (reading them builds the
		// index, a change), so none is forgotten.
		r.gen++
		for k := range r.expands {
			r.addStem(k, k)
		}
		for _, e := range r.tbl.stems { // the alias keys, then the full names
			r.addStemKey(e.stem, e.target)
		}
		for _, o := range r.orgs {
			r.addStem(o.Name, o.Name)
		}
	}
	sk := stemOfKey(k)
	r.read(depStem, sk)
	target := r.stems[sk]
	if target == "" {
		return plan.Organization{}, false
	}
	if o, ok := r.lookup(target); ok {
		return o, true
	}
	kt := key(target)
	r.read(depOrg, kt)
	if i, ok := r.byKey[kt]; ok {
		o := r.orgs[i]
		return plan.Organization{Name: o.Name, Group: o.Group}, true
	}
	return plan.Organization{}, false
}

package orgs

import (
	"slices"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// ownerWords open the part of a body's full name that says whose body it
// is or where ("Отдел образования | администрации Первомайского района",
// "Управление образования | города Сарова"): the part a document leaves
// out once it has named the body in full.
var ownerWords = map[string]bool{
	"администрации": true, "мэрии": true, "исполкома": true, "муниципалитета": true,
	"города": true, "г": true, "г.": true, "района": true, "округа": true, "поселения": true,
	"муниципального": true, "городского": true, "сельского": true, "местной": true,
	"мо": true, "мр": true, "го": true, "амр": true, "аго": true,
}

// ShortFormOf reports whether short names, in the words a document uses
// once it has named the body in full, the body long names: long is short
// followed by its owner or territory ("Отдел образования" of "Отдел
// образования администрации Первомайского района"). short is a body ("Отдел
// ...", "Управление ...", "Комитет ...") of at least two words; the rest
// of long starts with an owner word or with an adjective of place before
// one ("Первомайского района", "Тверской области"). "Отдел образования и
// молодежной политики" is another body, not a longer name of this one.
func ShortFormOf(short, long string) bool { return shortFormKeys(key(short), key(long)) }

// shortFormKeys is ShortFormOf on names folded by key.
func shortFormKeys(sk, lk string) bool {
	if len(lk) <= len(sk)+1 || !strings.HasPrefix(lk, sk) || lk[len(sk)] != ' ' {
		return false
	}
	words := strings.Fields(sk)
	if len(words) < 2 || !bodyHead(words[0]) {
		return false
	}
	return ownerTail(lk[len(sk):])
}

// ownerTail reports a text (folded by key) that says whose a body is or
// where: it opens with an owner word or with an adjective of place before
// one ("администрации района", "первомайского района", "тверской
// области").
func ownerTail(k string) bool {
	tail := strings.Fields(k)
	if len(tail) == 0 {
		return false
	}
	if ownerWords[tail[0]] {
		return true
	}
	return len(tail) > 1 && placeAdjective(tail[0]) && (ownerWords[tail[1]] || tail[1] == "области" || tail[1] == "края")
}

// bodyHead reports the first word of a body's name (отдел, управление ...).
func bodyHead(w string) bool {
	for _, h := range bodyHeads {
		if strings.HasPrefix(w, h) {
			return true
		}
	}
	return false
}

// placeAdjective reports a genitive adjective of a place name:
// "первомайского", "тверской", "городецкого".
func placeAdjective(w string) bool {
	for _, end := range []string{"ского", "цкого", "ской", "цкой", "ого", "его"} {
		if strings.HasSuffix(w, end) && len(w) > len(end)+2 {
			return true
		}
	}
	return false
}

// ShortForms finds, among a document's organisations, each one named by
// a short form of exactly one other (ShortFormOf): it maps the short
// name to the full one. A short form of several ("Отдел образования"
// beside the departments of two districts) is ambiguous: it maps to their
// names in ambiguous and stays an organisation of its own. Groups and
// posts are never short forms.
func ShortForms(list []plan.Organization) (full map[string]string, ambiguous map[string][]string) {
	keys := make([]string, len(list)) // folded once: the pairs are many
	for i, o := range list {
		keys[i] = key(o.Name)
	}
	for i, s := range list {
		if s.Group || s.Kind != plan.ExecutorOrg {
			continue
		}
		var longs []string
		for k, l := range list {
			if l.Name != s.Name && !l.Group && l.Kind == plan.ExecutorOrg && shortFormKeys(keys[i], keys[k]) {
				longs = append(longs, l.Name)
			}
		}
		// Of names of which one is a short form of another ("...
		// администрации района" and "... администрации района Тверской
		// области"), the longest stands for them.
		if len(longs) > 1 {
			longs = slices.DeleteFunc(slices.Clone(longs), func(a string) bool {
				return slices.ContainsFunc(longs, func(b string) bool { return ShortFormOf(a, b) })
			})
		}
		switch {
		case len(longs) == 1:
			if full == nil {
				full = map[string]string{}
			}
			full[s.Name] = longs[0]
		case len(longs) > 1:
			if ambiguous == nil {
				ambiguous = map[string][]string{}
			}
			ambiguous[s.Name] = longs
		}
	}
	// A full name that is itself a short form of a longer one leads on
	// to it ("Отдел образования" -> "... администрации района" -> "...
	// администрации района Тверской области" cannot both stand).
	for s, l := range full {
		for seen := 0; seen < len(full); seen++ {
			next, ok := full[l]
			if !ok {
				break
			}
			l = next
		}
		full[s] = l
	}
	return full, ambiguous
}

// MergeShortForms folds each organisation named by an unambiguous short
// form into the one it names: the short name and its spellings become
// aliases of the full one, in first-appearance order of the rest.
func MergeShortForms(list []plan.Organization, full map[string]string) []plan.Organization {
	if len(full) == 0 {
		return list
	}
	at := map[string]int{}
	out := make([]plan.Organization, 0, len(list))
	for _, o := range list {
		if _, short := full[o.Name]; !short {
			at[o.Name] = len(out)
			out = append(out, o)
		}
	}
	for _, o := range list {
		l, short := full[o.Name]
		if !short {
			continue
		}
		p := &out[at[l]]
		for _, a := range append([]string{o.Name}, o.Aliases...) {
			if a != p.Name && !contains(p.Aliases, a) {
				p.Aliases = append(p.Aliases, a)
			}
		}
		if p.Short == "" {
			p.Short = o.Short
		}
	}
	return out
}

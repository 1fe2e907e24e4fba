package orgs

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
)

// Positions. A school's own roadmap names posts, not bodies, as executors
// ("заместитель директора по УВР", "классные руководители 5-9 классов",
// "педагог-психолог"); they are executors of the kind position. A post is
// recognised by the words it starts with, folded by key; the first word
// may carry a case ending ("заместителем директора").

// positionStarts are the openings of post names, each as key folds it.
// Longer openings come first only for readability: any match counts.
var positionStarts = []string{
	"заместитель директора", "заместители директора", "зам. директора", "зам.директора", "зам директора",
	"замдиректора", "заместитель заведующего", "заместитель руководителя", "заместитель начальника",
	"заместитель главы", "первый заместитель", "глава",
	"директор", "заведующий", "заведующая", "заведующие", "начальник", "руководитель", "руководители",
	"классный руководитель", "классные руководители", "кл. руководители", "кл.руководители", "кл. руководитель",
	"педагог", "педагоги", "социальный педагог", "социальные педагоги", "учитель", "учителя",
	"логопед", "дефектолог", "психолог", "тьютор", "тьюторы", "советник директора", "советники директора",
	"советник по воспитанию", "старший вожатый", "старшая вожатая", "вожатый", "вожатая", "вожатые",
	"библиотекарь", "библиотекари", "медицинский работник", "медицинские работники", "медицинская сестра",
	"медсестра", "фельдшер", "методист", "методисты", "старший методист", "воспитатель", "воспитатели",
	"старший воспитатель", "инструктор", "музыкальный руководитель", "специалист", "специалисты",
	"главный специалист", "ведущий специалист", "инспектор", "секретарь", "председатель", "администратор",
	"завуч", "завучи", "куратор", "кураторы", "наставник", "наставники", "ответственный за", "ответственные за",
	"ответственный по", "уполномоченный по правам", "инженер", "лаборант", "бухгалтер", "главный бухгалтер",
	"преподаватель", "преподаватели", "преподаватель-организатор", "мастер производственного обучения",
}

// positionIndex maps the stem of a post's first word to the posts, each
// as its words' stems, so that "заместителем директора" and "классным
// руководителям" are read as the posts they inflect. Made on first use.
var positionIndex = sync.OnceValue(func() map[string][][]string {
	m := map[string][][]string{}
	for _, p := range positionStarts {
		w := stemWords(p)
		m[w[0]] = append(m[w[0]], w)
	}
	return m
})

// wordEndings are the case and number endings cut from a word of a post
// name, longest first.
var wordEndings = []string{"ями", "ами", "ого", "ему", "ыми", "ими", "ов", "ев", "ем", "ом", "ям", "ам", "ях", "ах", "ей", "ой",
	"ий", "ый", "ая", "ые", "ых", "ие", "их", "ую", "ь", "и", "ы", "а", "я", "у", "ю", "е", "о", "й"}

func stemWord(w string) string {
	for _, e := range wordEndings {
		if s, ok := strings.CutSuffix(w, e); ok && utf8.RuneCountInString(s) >= 4 {
			return s
		}
	}
	return w
}

// stemWords folds a name by key and cuts each word's ending; a hyphenated
// first word ("педагог-психолог") counts by its first part.
func stemWords(s string) []string {
	f := strings.Fields(key(s))
	if len(f) > 0 {
		if i := strings.IndexByte(f[0], '-'); i > 0 {
			f[0] = f[0][:i]
		}
	}
	for i, w := range f {
		f[i] = stemWord(w)
	}
	return f
}

// isPosition reports whether an executor name names a post, or a person
// with a post ("Иванова Н.В., начальник отдела").
func isPosition(name string) bool {
	for _, sep := range [...]string{", ", " – ", " - ", " — "} {
		if i := strings.Index(name, sep); i > 0 && personRE.MatchString(strings.TrimSuffix(name[:i], ".")) {
			name = name[i+len(sep):]
			break
		}
	}
	// Most names are bodies: their first word alone rules them out.
	f := firstWord(key(name))
	if i := strings.IndexByte(f, '-'); i > 0 {
		f = f[:i]
	}
	cands := positionIndex()[stemWord(f)]
	if cands == nil {
		return false
	}
	w := stemWords(name)
	for _, p := range cands {
		if len(p) <= len(w) && slices.Equal(p, w[:len(p)]) {
			return true
		}
	}
	return false
}

// orgStems are word stems that name bodies and institutions, for telling
// an executor cell from other text (LooksLikeExecutor).
var orgStems = []string{"управлени", "департамент", "отдел", "комитет", "министерств", "администрац",
	"учрежден", "организаци", "школ", "гимнази", "лице", "центр", "институт", "комисси", "служб",
	"совет", "объединени", "инспекц", "театр", "музе", "библиотек", "колледж", "университет", "сад"}

// LooksLikeExecutor reports whether a cell's text reads as executors: a
// post, an abbreviation ("ОО", "МБОУ СОШ № 5"), an institution's legal
// form, or a word naming a body. It is a cheap test for telling columns
// apart (a row realigned by content), not a resolution.
func LooksLikeExecutor(text string) bool {
	text = plainText(text)
	for _, part := range split(text) {
		t := part.text
		if t == "" {
			continue
		}
		if isPosition(t) || legalForms()[strings.ToLower(firstWord(t))] || abbrevLike(firstWord(t)) {
			return true
		}
		k := key(t)
		for _, w := range strings.Fields(k) {
			for _, s := range orgStems {
				if strings.HasPrefix(w, s) {
					return true
				}
			}
		}
	}
	return false
}

// participleRE is a word opening a participial clause or a relative one
// ("осуществляющие управление в сфере образования", "подведомственные
// управлению", "которые"): after a comma, it goes on naming the executor
// before it rather than naming another, unless it opens a post
// ("руководители ОО, заведующие ДОО").
var participleRE = lazyre.New(`^(?:[а-яё]+(?:ющ|ящ|ащ|ущ|вш)(?:ий|ая|ее|ие|их|им|ими|его|ему|ей|ую|ем|ое)(?:ся|сь)?|подведомственн[а-яё]+|уполномоченн[а-яё]+|находящ[а-яё]+|которы[а-яё]+|котора[а-яё]*|которо[а-яё]+)$`)

func startsLowerCyr(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 'а' && r <= 'я' || r == 'ё'
}

// joinClauses glues onto the piece before it a piece that cannot name an
// executor of its own: one that opens with a participial clause
// ("органы местного самоуправления, осуществляющие управление в сфере
// образования (далее – МОУО)"), one that goes on after an adjective
// left without its noun ("Центр психолого-педагогической, медицинской и
// социальной помощи"), and one that goes on listing the fields of the
// body before it ("отдел по делам молодежи, культуры и спорта"); the
// owner of the body before it, on a line of its own ("Управление
// образования" over "Усть-Каменского городского округа"); and a post after
// a person's name ("Иванова Н.В., начальник отдела").
func joinClauses(pieces []piece) []piece {
	out := pieces[:0]
	for _, p := range pieces {
		if len(out) == 0 || p.co != out[len(out)-1].co {
			out = append(out, p)
			continue
		}
		prev := out[len(out)-1].text
		switch {
		case startsLowerCyr(p.text) && (participleRE.MatchString(firstWord(p.text)) && !isPosition(p.text) || danglingAdjective(prev) ||
			fieldWords[firstWord(p.text)] && namesBody(prev)):
			out[len(out)-1].text += ", " + p.text
		case p.line && ownerTail(key(p.text)) && namesBody(prev) && !ownerTail(key(prev)):
			// "Управление образования" and, on the next line of the
			// cell, "Усть-Каменского городского округа": one name the
			// cell wrapped; its owner names no executor of its own.
			// After a comma, "администрации поселений" are executors.
			out[len(out)-1].text += " " + p.text
		case strings.Contains(prev, " по ") && fieldAbbrev(p.text) && isPosition(prev):
			// "заместитель директора по УВР, ВР": the post's second field.
			out[len(out)-1].text += ", " + p.text
		case startsLowerCyr(p.text) && personRE.MatchString(prev) && isPosition(p.text):
			// "Иванова Н.В., начальник отдела": one person and her post;
			// the initials get back the dot trimPart cut.
			if r, _ := utf8.DecodeLastRuneInString(prev); unicode.IsUpper(r) {
				prev += "."
			}
			out[len(out)-1].text = prev + ", " + p.text
		default:
			out = append(out, p)
		}
	}
	return out
}

// fieldAbbrev reports an abbreviation of a field of work ("ВР", "УВР",
// "АХР", "НМР"), which names no body: after a post "по УВР" it is the
// post's second field, not an executor. The alias table's bodies ("ОО",
// "ДДТ") are not fields.
func fieldAbbrev(s string) bool {
	if n := utf8.RuneCountInString(s); n < 2 || n > 4 || !strings.HasSuffix(s, "Р") || !abbrevLike(s) {
		return false
	}
	_, body := builtinTable().aliases[key(s)]
	return !body
}

// personRE is a person's name with initials: "Иванова Н.В", "Петров А. А.",
// "Н.В. Иванова" (the final dot may have been trimmed), or in full with
// the patronymic: "Петрова Анна Сергеевна".
var personRE = lazyre.New(`^(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|чна|ич))$`)

// danglingAdjectiveRE is an adjective in an oblique case: a name whose
// last word is one ("Центр психолого-педагогической") has its noun after
// the comma.
var danglingAdjectiveRE = lazyre.New(`^[а-яё-]{3,}(?:ской|цкой|ческой|ной|ного|него|ских|ных|ской)$`)

func danglingAdjective(s string) bool {
	i := strings.LastIndexByte(s, ' ')
	last := s[i+1:]
	return startsLowerCyr(last) && danglingAdjectiveRE.MatchString(last)
}

// fieldWords are the fields a body's name lists after "по делам", "культуры
// и ...", in the genitive: after a comma they go on naming that body
// ("Управление культуры, спорта и молодежной политики").
var fieldWords = map[string]bool{
	"культуры": true, "спорта": true, "туризма": true, "молодежи": true, "молодежной": true, "науки": true,
	"образования": true, "здравоохранения": true, "труда": true, "занятости": true, "опеки": true,
	"попечительства": true, "социальной": true, "физической": true, "семьи": true, "демографии": true,
	"информационной": true, "национальной": true, "печати": true, "массовых": true, "кадров": true,
}

// namesBody reports a text that names a body by one of its head words.
func namesBody(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		for _, st := range orgStems {
			if strings.HasPrefix(w, st) {
				return true
			}
		}
	}
	return false
}

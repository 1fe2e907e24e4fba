package orgs

import (
	"strings"
	"sync"
	"unicode"
)

// The vocabulary of organisation names, shared by the resolution of a
// document's executors (this package) and by the directory of
// organisations a department sends checklists to (orgdir): one key
// function, one list of legal forms, one alias table (aliases.tsv).

// legalFormList are the lower-case abbreviations of the legal forms that
// open the names of institutions ("МБОУ Гимназия № 2", "МБУ ДО ДДТ"). A
// name opened by one is a plain name even when written in capitals, and a
// directory matches "МБОУ «Школа № 10»" and "Школа №10" without it. Longer
// forms come before the shorter forms they start with, since CoreKey cuts
// the first that matches.
var legalFormList = []string{
	"мбдоу", "мадоу", "мкдоу", "мдоу", "мбудо", "маудо", "мкудо", "гбудо", "мбуко",
	"мбоу", "маоу", "мкоу", "моу", "фгбоу", "гбпоу", "гапоу", "гбоу", "гаоу", "огбу", "ообу",
	"мбук", "мбу", "мау", "мку", "мук", "муп", "гбу", "гау", "чоу", "ано", "ооо", "оао", "пао",
}

// legalForms is legalFormList as a set, made on first use (every command
// links this package; few resolve names).
var legalForms = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(legalFormList))
	for _, f := range legalFormList {
		m[f] = true
	}
	return m
})

// Key folds an organisation name for matching: lower case, ё as е, no
// quotes, one space between words, none around dashes or after №, no
// trailing dot. Names that differ only in these fold to one key.
func Key(name string) string { return key(name) }

// CompactKey is Key without spaces, and with a Latin "N" before a number
// read as "№": the key a directory entry is found by, where names typed
// by hand ("МБОУ«Школа N10»") must meet the plan's ("МБОУ «Школа № 10»").
func CompactKey(name string) string {
	k := key(name)
	if !strings.ContainsAny(k, " n‘’") {
		return k
	}
	rs := []rune(k)
	var b strings.Builder
	b.Grow(len(k))
	for i, r := range rs {
		switch r {
		case ' ', '‘', '’':
			continue
		case 'n':
			j := i + 1
			for j < len(rs) && (rs[j] == ' ' || rs[j] == '.') {
				j++
			}
			if (i == 0 || !unicode.IsLetter(rs[i-1])) && j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				r = '№'
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CoreKey is CompactKey without a leading legal form and without "№":
// "МБОУ «Школа № 10»" and "Школа №10" share "школа10".
func CoreKey(name string) string {
	k := CompactKey(name)
	for _, f := range legalFormList {
		if strings.HasPrefix(k, f) && len(k) > len(f) {
			k = k[len(f):]
			break
		}
	}
	return strings.ReplaceAll(k, "№", "")
}

// GroupKey is the CompactKey of the canonical name the alias table gives
// a group ("ОбоО", "ОБОУ" and "общеобразовательные организации" are all
// ОбОО; ОУ is ОО), or of the name itself when the table does not know it.
func GroupKey(name string) string {
	if a, ok := builtinTable().aliases[key(name)]; ok {
		return CompactKey(a.canonical)
	}
	return CompactKey(name)
}

package orgs

import (
	"fmt"
	"io"
	"strings"
)

// tableLine is one line of an alias table: variant, canonical name, and
// for the defining line the full name and flags.
type tableLine struct {
	variant, canonical, full string
	group, typo              bool
}

// parseTable reads the alias table format of aliases.tsv: tab-separated
// "variant, canonical [, full name [, flags]]", # comments and blank lines
// ignored. Errors name the file and line and say what was expected.
func parseTable(text, name string) ([]tableLine, error) {
	var out []tableLine
	text = strings.TrimPrefix(text, "\ufeff")
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || strings.TrimSpace(f[0]) == "" || strings.TrimSpace(f[1]) == "" {
			return out, fmt.Errorf("%s:%d: ожидается «вариант<TAB>каноническое имя», получено %q", name, n+1, line)
		}
		l := tableLine{variant: clean(f[0]), canonical: clean(f[1])}
		if len(f) > 2 {
			l.full = clean(f[2])
		}
		if len(f) > 3 {
			for _, flag := range strings.Fields(strings.ReplaceAll(f[3], ",", " ")) {
				switch flag {
				case "group":
					l.group = true
				case "typo":
					l.typo = true
				default:
					return out, fmt.Errorf("%s:%d: неизвестный признак %q: ожидается group или typo", name, n+1, flag)
				}
			}
		}
		out = append(out, l)
	}
	return out, nil
}

// MaxAliasBytes is the largest alias table ReadAliases reads.
const MaxAliasBytes = 8 << 20

// ReadAliases reads a municipality's own alias table (the format of the
// embedded aliases.tsv; full names and flags are ignored) as the variant ->
// canonical map New accepts. name is the file name used in errors.
//
// At most MaxAliasBytes are read: an alias table is a few kilobytes.
func ReadAliases(rd io.Reader, name string) (map[string]string, error) {
	data, err := io.ReadAll(io.LimitReader(rd, MaxAliasBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxAliasBytes {
		return nil, fmt.Errorf("%s: таблица сокращений больше %d МБ", name, MaxAliasBytes>>20)
	}
	lines, err := parseTable(string(data), name)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(lines))
	for _, l := range lines {
		out[l.variant] = l.canonical
	}
	return out, nil
}

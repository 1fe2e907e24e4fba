package collect

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

//go:embed statuses.txt
var statusesTxt string

// statusTable maps a normalized typed text to its status. It is data, not
// code, so that a department can add its own words without touching Go.
// Built on first use, not at the start of every command.
var statusTable = sync.OnceValue(func() map[string]plan.Status { return mustStatusTable(statusesTxt) })

func mustStatusTable(src string) map[string]plan.Status {
	known := map[plan.Status]bool{}
	for _, s := range plan.Statuses {
		known[s] = true
	}
	t := map[string]plan.Status{}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, text, ok := strings.Cut(line, "\t")
		if !ok || !known[plan.Status(key)] {
			panic(fmt.Sprintf("collect/statuses.txt:%d: want a status key, a tab and a text: %q", i+1, line))
		}
		t[normStatus(text)] = plan.Status(key)
	}
	for _, s := range plan.Statuses {
		t[normStatus(s.Label())] = s
	}
	return t
}

// normStatus folds the ways the same word is typed: case, ё, spacing,
// quotes and a trailing full stop.
func normStatus(s string) string {
	s = strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(s, "ё", "е"), "Ё", "Е"))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, "\"'«»“”„")
	s = strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(".,;:!?…", r) || unicode.IsSpace(r) })
	return strings.TrimSpace(s)
}

// ParseStatus reads a status cell as the drop-down writes it or as a
// person types it. ok is false when the text means nothing known; the
// caller keeps the text verbatim then.
func ParseStatus(cell string) (st plan.Status, ok bool) {
	n := normStatus(cell)
	if n == "" {
		return plan.StatusNone, true
	}
	if s, found := statusTable()[n]; found {
		return s, true
	}
	// The longest known phrase that begins the cell on a word boundary:
	// "выполнено, см. приказ № 12" is done, "не выполнено по причине" not.
	best := ""
	for text := range statusTable() {
		if len(text) > len(best) && strings.HasPrefix(n, text) && wordBoundary(n, len(text)) {
			best = text
		}
	}
	if best != "" && len([]rune(best)) > 1 {
		return statusTable()[best], true
	}
	return plan.StatusNone, false
}

func wordBoundary(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r := rune(s[i])
	if r >= 0x80 {
		return false // a Cyrillic letter continues the word
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

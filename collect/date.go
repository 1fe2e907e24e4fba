package collect

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

var (
	reDMY    = lazyre.New(`^(\d{1,2})[./\-](\d{1,2})[./\-](\d{2}|\d{4})$`)
	reYMD    = lazyre.New(`^(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})$`)
	reSerial = lazyre.New(`^\d{4,6}(\.\d+)?$`)
	reWords  = lazyre.New(`^(?:(\d{1,2})\s+)?([а-я]+)\.?\s+(\d{4})$`)
)

// dateResult is a parsed completion date.
type dateResult struct {
	Date  string // YYYY-MM-DD
	Month bool   // only the month was given; Date is its first day
}

// ParseDate reads a completion-date cell: an Excel serial number (what a
// date-formatted cell holds), or text as people type it: 01.09.2022,
// 1.9.22, 2022-09-01, 1 сентября 2022, сентябрь 2022. A trailing "г." is
// ignored. ok is false when the text is no date.
func ParseDate(cell string, date1904 bool) (dateResult, bool) {
	// The common case, 01.09.2022 as typed or pasted, without regexps.
	if d, m, y, ok := quickDMY(strings.TrimSpace(cell)); ok {
		return ymd(y, m, d)
	}
	s := strings.ToLower(strings.Join(strings.Fields(cell), " "))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "."), " г")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "года"), "год")
	s = strings.TrimSpace(strings.TrimSuffix(s, "г"))
	if s == "" {
		return dateResult{}, false
	}
	if reSerial.MatchString(s) {
		f, err := strconv.ParseFloat(s, 64)
		// 1990..2100: any other number is not a date someone meant.
		if err == nil && f >= 32874 && f < 73051 {
			return dateResult{Date: fromSerial(f, date1904).Format("2006-01-02")}, true
		}
		return dateResult{}, false
	}
	if m := reDMY.FindStringSubmatch(s); m != nil {
		return ymd(year(m[3]), atoi(m[2]), atoi(m[1]))
	}
	if m := reYMD.FindStringSubmatch(s); m != nil {
		return ymd(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := reWords.FindStringSubmatch(s); m != nil {
		mon := plan.MonthOfWord(m[2]) // "сентября", "сент", "сентябрь"
		if mon == 0 {
			return dateResult{}, false
		}
		if m[1] == "" {
			r, ok := ymd(atoi(m[3]), mon, 1)
			r.Month = true
			return r, ok
		}
		return ymd(atoi(m[3]), mon, atoi(m[1]))
	}
	return dateResult{}, false
}

// quickDMY reads exactly d.m.yyyy or dd.mm.yyyy.
func quickDMY(s string) (d, m, y int, ok bool) {
	num := func(i, n int) (int, int, bool) {
		v, j := 0, i
		for j < len(s) && j-i < n && s[j] >= '0' && s[j] <= '9' {
			v = v*10 + int(s[j]-'0')
			j++
		}
		return v, j, j > i
	}
	var i int
	if d, i, ok = num(0, 2); !ok || i >= len(s) || s[i] != '.' {
		return 0, 0, 0, false
	}
	if m, i, ok = num(i+1, 2); !ok || i >= len(s) || s[i] != '.' {
		return 0, 0, 0, false
	}
	start := i + 1
	if y, i, ok = num(start, 4); !ok || i != len(s) || i-start != 4 {
		return 0, 0, 0, false
	}
	return d, m, y, true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// year reads a two-digit year as 20xx: the plans are from this century.
func year(s string) int {
	y := atoi(s)
	if len(s) == 2 {
		y += 2000
	}
	return y
}

func ymd(y, m, d int) (dateResult, bool) {
	if m < 1 || m > 12 || d < 1 || y < 1990 || y > 2100 {
		return dateResult{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return dateResult{}, false // 31.02
	}
	return dateResult{Date: t.Format("2006-01-02")}, true
}

// fromSerial converts an Excel serial day number. The 1900 system counts
// from 30 December 1899 (Excel's phantom 29 February 1900 is before any
// date we accept); the 1904 system from 1 January 1904.
func fromSerial(f float64, date1904 bool) time.Time {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return base.AddDate(0, 0, int(math.Floor(f)))
}

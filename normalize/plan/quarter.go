package plan

import (
	"fmt"
	"strconv"
	"strings"
)

// Quarter is a calendar quarter: Q 1 is January-March.
type Quarter struct {
	Year int
	Q    int
}

// ParseQuarter reads "2022Q1" (also "2022-Q1", "2022q1", "Q1 2022").
func ParseQuarter(s string) (Quarter, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.ReplaceAll(t, "-", "")
	t = strings.ReplaceAll(t, " ", "")
	var yPart, qPart string
	if i := strings.Index(t, "Q"); i > 0 {
		yPart, qPart = t[:i], t[i+1:]
	} else if i == 0 && len(t) >= 6 {
		qPart, yPart = t[1:2], t[2:]
	}
	y, err1 := strconv.Atoi(yPart)
	q, err2 := strconv.Atoi(qPart)
	if err1 != nil || err2 != nil || q < 1 || q > 4 || y < 1900 || y > 2200 {
		return Quarter{}, fmt.Errorf("квартал %q: ожидается вид 2022Q1", s)
	}
	return Quarter{Year: y, Q: q}, nil
}

// String is "2022Q1".
func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

// First is the quarter's first month.
func (q Quarter) First() Month { return MonthOf(q.Year, 3*(q.Q-1)+1) }

// Last is the quarter's last month.
func (q Quarter) Last() Month { return q.First() + 2 }

// Roman is the quarter's number as a Roman numeral (I..IV).
func (q Quarter) Roman() string { return [...]string{"", "I", "II", "III", "IV"}[q.Q] }

// Label is "I квартал 2022 г.".
func (q Quarter) Label() string { return fmt.Sprintf("%s квартал %d г.", q.Roman(), q.Year) }

// Next returns the following quarter.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{Year: q.Year + 1, Q: 1}
	}
	return Quarter{Year: q.Year, Q: q.Q + 1}
}

// Before reports whether q is earlier than o.
func (q Quarter) Before(o Quarter) bool {
	return q.Year < o.Year || q.Year == o.Year && q.Q < o.Q
}

package produce

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func TestStatus(t *testing.T) {
	p := loadSample(t)
	q := plan.Quarter{Year: 2022, Q: 1}
	for _, c := range []struct {
		format string
		check  func(out string) bool
		err    string
	}{
		{format: "json", check: func(out string) bool { return json.Valid([]byte(out)) && strings.Contains(out, "2022Q1") }},
		{format: "csv", check: func(out string) bool { return strings.Count(out, "\n") > 1 && strings.HasPrefix(out, "\ufeff") }},
		{format: "table", check: func(out string) bool { return strings.Contains(out, p.Items[0].Num()) }},
		{format: "xml", err: `состояние: неизвестный формат "xml": ожидается table, json или csv`},
	} {
		t.Run(c.format, func(t *testing.T) {
			if IsStatusFormat(c.format) != (c.err == "") {
				t.Errorf("IsStatusFormat(%q) = %v", c.format, !IsStatusFormat(c.format))
			}
			var b strings.Builder
			err := Status(context.Background(), &b, p, &plan.Progress{}, q, StatusOptions{Format: c.format})
			switch {
			case c.err != "":
				if err == nil || err.Error() != c.err {
					t.Errorf("error %v, want %q", err, c.err)
				}
			case err != nil:
				t.Error(err)
			case !c.check(b.String()):
				t.Errorf("output:\n%s", b.String())
			}
		})
	}
}

package produce

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

func TestOutputTime(t *testing.T) {
	for _, c := range []struct {
		epoch string
		want  time.Time // zero: now
	}{
		{"1644919200", time.Date(2022, 2, 15, 10, 0, 0, 0, time.UTC)},
		{"0", time.Unix(0, 0).UTC()},
		{"", time.Time{}},
		{"вчера", time.Time{}},
		{"1644919200.5", time.Time{}},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", c.epoch)
		before := time.Now()
		got := OutputTime()
		switch {
		case !c.want.IsZero() && !got.Equal(c.want):
			t.Errorf("SOURCE_DATE_EPOCH=%q: %v, want %v", c.epoch, got, c.want)
		case !c.want.IsZero() && got.Location() != time.UTC:
			t.Errorf("SOURCE_DATE_EPOCH=%q: %v is not in UTC", c.epoch, got)
		case c.want.IsZero() && (got.Before(before) || got.After(time.Now())):
			t.Errorf("SOURCE_DATE_EPOCH=%q: %v, want now", c.epoch, got)
		}
	}
}

func TestImportSummary(t *testing.T) {
	for _, c := range []struct {
		res  store.Loaded
		o    ImportOptions
		want string
	}{
		{store.Loaded{Rows: map[string]int{"users": 1, "plans": 2, "tokens": 0}}, ImportOptions{},
			"Загружено в пустую базу: plans 2, users 1"},
		{store.Loaded{Rows: map[string]int{"plans": 3}, Merged: true}, ImportOptions{Municipality: " г. Саров "},
			"Загружено муниципалитетом «г. Саров»: plans 3"},
		{store.Loaded{}, ImportOptions{}, "Загружено в пустую базу: "},
	} {
		if got := ImportSummary(c.res, c.o); got != c.want {
			t.Errorf("%+v: %q, want %q", c.res, got, c.want)
		}
	}
}

func TestPlanFormats(t *testing.T) {
	p := loadSample(t)
	for name, want := range map[string]struct {
		ext   string
		check func(string) bool
	}{
		"json": {".json", func(out string) bool {
			q, err := plan.DecodeNamed("x.json", []byte(out))
			return err == nil && q.Hash() == p.Hash()
		}},
		"text": {".txt", func(out string) bool { return strings.Contains(out, p.Items[0].Num()) && !strings.HasPrefix(out, "{") }},
	} {
		f, ok := PlanFormats[name]
		if !ok || f.Ext != want.ext {
			t.Errorf("%s: %v, ext %q, want %q", name, ok, f.Ext, want.ext)
			continue
		}
		var b strings.Builder
		if err := f.Write(context.Background(), &b, p); err != nil || !want.check(b.String()) {
			t.Errorf("%s: %v:\n%.300s", name, err, b.String())
		}
	}
	if len(PlanFormats) != 2 {
		t.Errorf("formats %v: a new one needs its case here", PlanFormats)
	}
}

package produce

import (
	"testing"
	"time"

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

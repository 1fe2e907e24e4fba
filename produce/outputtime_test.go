package produce

import (
	"testing"
	"time"
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

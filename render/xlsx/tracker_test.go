package xlsx

import (
	"testing"
)

func TestTrackerSmoke(t *testing.T) {
	p := loadSample(t)
	b := trackerBytes(t, p, TrackerOptions{Now: fixedNow, Version: "test"})
	f := openBytes(t, b)
	rows, err := f.GetRows("План")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		t.Log(r)
	}
}

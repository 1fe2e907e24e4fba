package produce

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestCancelled: a cancelled context stops every operation before it
// writes anything, with a Russian error that is still context.Canceled.
func TestCancelled(t *testing.T) {
	p := loadSample(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	dir := filepath.Join(t.TempDir(), "cl")
	recips, _ := Recipients(p, nil)
	for name, run := range map[string]func() error{
		"Tracker":  func() error { return Tracker(ctx, &b, p, TrackerOptions{}) },
		"Report":   func() error { return Report(ctx, &b, p, ReportOptions{}) },
		"Matrices": func() error { return Matrices(ctx, &b, p, MatrixOptions{Format: "pdf"}) },
		"PlanJSON": func() error { return PlanJSON(ctx, &b, p) },
		"Open":     func() error { _, err := Open(ctx, "x.txt", []byte("a\tb\n")); return err },
		"WriteChecklists": func() error {
			_, err := WriteChecklists(ctx, dir, p, recips, ChecklistOptions{})
			return err
		},
	} {
		err := run()
		if !errors.Is(err, context.Canceled) || err.Error() != "прервано" {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if b.Len() > 0 {
		t.Errorf("%d bytes written after cancellation", b.Len())
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the checklists folder was made after cancellation")
	}
	opened := OpenAll(ctx, Seeds(), 1, nil)
	for _, o := range opened {
		if !errors.Is(o.Err, context.Canceled) || o.Plan != nil {
			t.Errorf("%s: %v", o.Input.Name, o.Err)
		}
	}
}

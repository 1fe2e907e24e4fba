package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputIsInput: an -o naming one of the command's inputs (itself, by
// another name through a link) is refused with a usage error
// before anything is read or written, and the input stays as it was:
// `ingest plan.txt -o plan.txt` replaced the roadmap with its plan JSON.
func TestOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(seedSarov)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "plan.txt")
	os.WriteFile(in, seed, 0o644)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	planJSON := filepath.Join(dir, "plan.json")
	if _, errs, code := run(t, "ingest", in, "-o", planJSON); code != 0 {
		t.Fatal(errs)
	}
	newer := filepath.Join(dir, "newer.json")
	data, _ := os.ReadFile(planJSON)
	os.WriteFile(newer, data, 0o644)
	for _, tc := range []struct {
		name, input string
		args        []string
	}{
		{"ingest onto its input", in, []string{"ingest", in, "-o", in}},
		{"ingest through a link", in, []string{"ingest", in, "-o", link}},
		{"diff onto the new version", newer, []string{"diff", "-o", newer, planJSON, newer}},
		{"text onto the input", in, []string{"ingest", "--format", "text", in, "-o", in}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadFile(tc.input)
			_, errs, code := run(t, tc.args...)
			if code != 2 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "это входной файл") {
				t.Errorf("exit %d, stderr %q; want 2 and one line saying the output is an input", code, errs)
			}
			if after, _ := os.ReadFile(tc.input); !bytes.Equal(before, after) {
				t.Error("the input was changed")
			}
		})
	}
}

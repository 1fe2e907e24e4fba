package workload

import (
	"bytes"
	"strings"
	"testing"
)

func TestRoadmapDeterministicAndShaped(t *testing.T) {
	a := Roadmap(Options{Items: 500, Seed: 1})
	b := Roadmap(Options{Items: 500, Seed: 1})
	if !bytes.Equal(a, b) {
		t.Fatal("same options gave different bytes")
	}
	lines := strings.Split(string(a), "\n")
	items, breaks := 0, 0
	for i, ln := range lines {
		if numRE.MatchString(strings.SplitN(ln, "\t", 2)[0]) {
			items++
		}
		if ln == "" && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") {
			breaks++
		}
	}
	if items != 500 {
		t.Errorf("items = %d, want 500", items)
	}
	if breaks < 20 {
		t.Errorf("page breaks = %d, want some continuation rows", breaks)
	}
	if !strings.Contains(string(a), "на 2021-2023 годы") {
		t.Error("title lacks the period")
	}
}

func TestCorpus(t *testing.T) {
	c := Corpus(4, 7)
	if len(c) != 4 || bytes.Equal(c[0], c[1]) {
		t.Fatal("corpus should alternate the seeds")
	}
}

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

// TestPeerStatus pins answers computed by the peers' common.filled_status
// (Python: zlib.crc32 of "school|number", STATUSES[h % 4], empty when
// h % 10 == 0), mapped to the checklist's words.
func TestPeerStatus(t *testing.T) {
	for _, c := range []struct{ school, number, want string }{
		{"МБОУ Лицей № 3", "1.1.", "Не начато"},                         // Не начато
		{"МБОУ Лицей № 3", "1.2.", "Не выполнено"},                      // Просрочено
		{"МБОУ «Лицей № 2 имени А. С. Пушкина»", "61.21.", "Не начато"}, // Не начато
		{"МБОУ СОШ № 1", "3.3.", "Выполняется"},                         // В работе
		{"МБОУ СОШ № 1", "2.1.", "Выполнено"},                           // Выполнено
		{"МБОУ СОШ № 1", "7.1.", ""},                                    // left empty
	} {
		if got := PeerStatus(c.school, c.number); got != c.want {
			t.Errorf("PeerStatus(%q, %q) = %q, want %q", c.school, c.number, got, c.want)
		}
	}
}

package plan

import (
	"testing"
	"time"
)

// TestManifestSignature: a signature checks under its key only, and any
// change to the kind, plan, organisation, quarter or generation time
// breaks it; the words that only help reading do not.
func TestManifestSignature(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	m := Manifest{Kind: "checklist", PlanTitle: "План", PlanHash: "abc", Org: "МБОУ Школа № 10", Quarter: "2022Q1",
		Generated: time.Date(2022, 2, 15, 10, 0, 0, 0, time.FixedZone("MSK", 3*3600)), Tool: "roadmap dev"}
	m.Signature = m.Sign(key)
	if !m.Verify(key) {
		t.Fatal("a fresh signature does not verify")
	}
	if m.Verify([]byte("another key")) || m.Verify(nil) {
		t.Error("verifies under another key")
	}
	edits := map[string]func(*Manifest){
		"kind":      func(m *Manifest) { m.Kind = "tracker" },
		"plan":      func(m *Manifest) { m.PlanHash = "abd" },
		"org":       func(m *Manifest) { m.Org = "МБОУ Школа № 17" },
		"quarter":   func(m *Manifest) { m.Quarter = "2022Q2" },
		"generated": func(m *Manifest) { m.Generated = m.Generated.Add(time.Second) },
		"signature": func(m *Manifest) { m.Signature = m.Signature[:10] + "0" + m.Signature[11:] },
		"garbage":   func(m *Manifest) { m.Signature = "не подпись" },
		"org split": func(m *Manifest) { m.Org, m.Quarter = "МБОУ Школа № 10\x002022Q1", "" },
	}
	for name, edit := range edits {
		e := m
		edit(&e)
		if e.Verify(key) {
			t.Errorf("%s changed, the signature still verifies", name)
		}
	}
	e := m
	e.PlanTitle, e.Tool, e.Columns = "Другое", "x", map[string]string{"id": "X"}
	e.Generated = e.Generated.UTC() // the same instant written in another zone
	if !e.Verify(key) {
		t.Error("a change of the title or tool breaks the signature")
	}
}

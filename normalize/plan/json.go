package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// Write encodes the plan as indented JSON (schema version 1).
func Write(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

// Read decodes a plan written by Write.
func Read(r io.Reader) (*Plan, error) {
	dec := json.NewDecoder(r)
	var p Plan
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("план JSON: %w", err)
	}
	if p.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("план JSON: версия схемы %d, ожидается %d", p.SchemaVersion, SchemaVersion)
	}
	return &p, nil
}

// LooksLikeJSON reports whether data starts (after white space and a BOM)
// with '{', i.e. is a plan JSON rather than an original export.
func LooksLikeJSON(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// Hash is a content hash of the plan: title, period, sections and items,
// but not the source path or diagnostics, so the same roadmap read from a
// copy elsewhere hashes the same. Hex, 16 characters.
func (p *Plan) Hash() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	_ = enc.Encode(struct {
		Title    string
		Period   Period
		Columns  []Column
		Sections []Section
		Items    []Item
	}{p.Title, p.Period, p.Columns, p.Sections, p.Items})
	return hex.EncodeToString(h.Sum(nil))[:16]
}

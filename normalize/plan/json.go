package plan

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"sort"
	"unicode/utf8"
)

// Write encodes the plan as indented JSON (schema version 1): the bytes
// of encoding/json's Encoder with two-space indentation and without HTML
// escaping, written by planWriter as it goes.
func Write(w io.Writer, p *Plan) error {
	bp := writeBufs.Get().(*[]byte)
	e := planWriter{w: w, buf: (*bp)[:0]}
	e.plan(p)
	e.flush()
	if cap(e.buf) <= 4*flushAt { // a text of megabytes leaves its buffer to the collector
		*bp = e.buf[:0]
		writeBufs.Put(bp)
	}
	return e.err
}

// MaxJSONBytes is the largest plan JSON Read accepts: ten times the JSON
// of the largest benchmark roadmap (5,000 activities, 12 MB), and far
// more than any real plan.
const MaxJSONBytes = 128 << 20

// Read decodes a plan written by Write, reading at most MaxJSONBytes. The
// whole input is read first: json.Decoder's buffer refills cost more than
// the decoding on large plans.
func Read(r io.Reader) (*Plan, error) {
	var data []byte
	var err error
	if br, ok := r.(*bytes.Reader); ok && br.Len() <= MaxJSONBytes {
		data = make([]byte, br.Len())
		_, err = io.ReadFull(br, data)
	} else {
		data, err = io.ReadAll(io.LimitReader(r, MaxJSONBytes+1))
	}
	if err != nil {
		return nil, fmt.Errorf("план JSON: %w", err)
	}
	if len(data) > MaxJSONBytes {
		return nil, fmt.Errorf("план JSON: больше %d МБ, а допускается не более %d МБ", MaxJSONBytes>>20, MaxJSONBytes>>20)
	}
	return Decode(data)
}

// Decode decodes a plan JSON held in memory and validates it (see
// Validate). Errors are *JSONError, in Russian, with the line and column
// in the JSON where they are known: the syntax or the value that is
// wrong, or the section or item a problem is about.
func Decode(data []byte) (*Plan, error) { return DecodeNamed("", data) }

// DecodeNamed is Decode for the file name: errors start with
// "name:line:col:".
func DecodeNamed(name string, data []byte) (*Plan, error) {
	if e := NotPlanJSON(name, data); e != nil {
		return nil, e
	}
	// A plan saved again by Notepad starts with a BOM, which
	// encoding/json refuses; positions stay those of the file.
	body, bom := bytes.CutPrefix(data, utf8BOM)
	p, err := decode(body)
	if err != nil {
		err.File = name
		if bom && err.Line == 1 {
			err.Col += len(utf8BOM)
		}
		return nil, err
	}
	return p, nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

func decode(data []byte) (*Plan, *JSONError) {
	var p Plan
	if err := unmarshal(data, &p); err != nil {
		// Another schema's fields give misleading type errors: say
		// that first.
		var head struct {
			SchemaVersion *int `json:"schema_version"`
		}
		if json.Unmarshal(data, &head) == nil {
			if e := checkVersion(head.SchemaVersion); e != nil {
				return nil, e
			}
		}
		return nil, jsonError(data, err)
	}
	v := p.SchemaVersion
	if e := checkVersion(&v); e != nil {
		if !bytes.Contains(data, []byte(`"schema_version"`)) {
			e = checkVersion(nil)
		}
		return nil, e
	}
	errs := p.validate()
	if len(errs) == 0 {
		return &p, nil
	}
	e := &JSONError{Where: errs[0].what, Msg: errs[0].msg, More: len(errs) - 1}
	if r := errs[0].ref; r.array != "" {
		if off, ok := elementOffset(data, r.array, r.index); ok {
			e.Line, e.Col = lineCol(data, off)
		}
	} else if i := bytes.Index(data, []byte(`"`+cmp.Or(r.key, "period")+`"`)); i >= 0 {
		e.Line, e.Col = lineCol(data, i)
	}
	return nil, e
}

// unmarshal decodes data into p through planReader, or through
// encoding/json where planReader gives up (its result and errors are the
// reference).
func unmarshal(data []byte, p *Plan) error {
	ok, dup := decodeFast(data, p)
	if ok {
		return nil
	}
	if dup != nil {
		return dup
	}
	// encoding/json would turn invalid UTF-8 into U+FFFD silently (the
	// fast path checks its strings itself).
	if !utf8.Valid(data) {
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return &badUTF8{off: i, b: data[i]}
			}
			i += size
		}
	}
	*p = Plan{}
	return json.Unmarshal(data, p)
}

// dupKey is a key written twice in one object of the plan JSON.
type dupKey struct {
	off int
	key string
}

func (e *dupKey) Error() string {
	return fmt.Sprintf("поле %s повторяется в одном объекте: ожидается план JSON, записанный командой roadmap ingest, где у каждого поля одно значение", e.key)
}

// badUTF8 is a byte of the plan JSON that is not UTF-8.
type badUTF8 struct {
	off int
	b   byte
}

func (e *badUTF8) Error() string {
	return fmt.Sprintf("неверная последовательность UTF-8 (байт 0x%02X): ожидается план JSON в UTF-8, как его пишет roadmap ingest", e.b)
}

func checkVersion(v *int) *JSONError {
	switch {
	case v == nil:
		return &JSONError{Msg: "нет поля schema_version: ожидается план JSON, записанный командой roadmap ingest"}
	case *v != SchemaVersion:
		return &JSONError{Msg: fmt.Sprintf("версия схемы %d, ожидается %d", *v, SchemaVersion)}
	}
	return nil
}

// LooksLikeJSON reports whether data starts (after white space and a BOM)
// with '{', i.e. is a plan JSON rather than an original export.
func LooksLikeJSON(data []byte) bool {
	data = bytes.TrimPrefix(data, utf8BOM)
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// Hash is a content hash of the plan: title, period, columns, sections and
// items, but not the source path or diagnostics, so the same roadmap read
// from a copy elsewhere hashes the same. Hex, 16 characters. Fields are
// fed to SHA-256 length-prefixed, without a JSON encoding in between (that
// took most of the time of writing a large tracker).
func (p *Plan) Hash() string {
	h := hasher{h: sha256.New(), buf: make([]byte, 0, hashChunk+256)}
	h.str("roadmap-plan-v1")
	h.str(p.Title)
	h.num(int(p.Period.From))
	h.num(int(p.Period.To))
	h.num(len(p.Columns))
	for _, c := range p.Columns {
		h.str(c.Header)
		h.str(string(c.Role))
		h.str(c.Field)
	}
	h.num(len(p.Sections))
	for i := range p.Sections {
		s := &p.Sections[i]
		h.str(s.ID)
		h.str(s.Num())
		h.str(s.Title)
		h.str(s.Parent)
		h.num(s.Level)
	}
	h.num(len(p.Items))
	for i := range p.Items {
		it := &p.Items[i]
		h.str(it.ID)
		h.str(it.Num())
		h.str(it.Section)
		h.str(it.Parent)
		h.num(it.Level)
		h.str(it.Activity.Text)
		d := &it.Deadline
		h.str(d.Text)
		h.str(string(d.Kind))
		h.num(len(d.Months))
		for _, m := range d.Months {
			h.num(int(m))
		}
		h.str(d.Recurrence)
		h.str(d.Due)
		h.str(d.Note)
		h.num(len(it.Responsible))
		for _, e := range it.Responsible {
			h.str(e.Text)
			h.str(e.Org)
			h.flag(e.Group)
			h.flag(e.Co)
		}
		h.str(it.Result.Text)
		h.str(it.ReportForm.Text)
		keys := make([]string, 0, len(it.Extra))
		for k := range it.Extra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		h.num(len(keys))
		for _, k := range keys {
			h.str(k)
			h.str(it.Extra[k])
		}
		h.flag(it.HasChildren)
	}
	p.hashLayout(&h)
	return hex.EncodeToString(h.sum())[:16]
}

// hasher feeds length-prefixed fields to a hash, so that no two different
// field sequences give the same byte stream. The fields are gathered in
// buf and handed to the hash hashChunk bytes at a time: a write per field
// (a large plan has about a million) cost more than SHA-256 itself, and
// each string was copied to a new []byte on the way.
type hasher struct {
	h   hash.Hash
	buf []byte
}

// hashChunk is how many bytes the hasher gathers before it hashes them.
const hashChunk = 32 << 10

func (h *hasher) num(n int) {
	h.buf = binary.AppendVarint(h.buf, int64(n))
	h.spill()
}

func (h *hasher) str(s string) {
	h.buf = binary.AppendVarint(h.buf, int64(len(s)))
	h.buf = append(h.buf, s...)
	h.spill()
}

// spill hashes what was gathered once it is a chunk.
func (h *hasher) spill() {
	if len(h.buf) >= hashChunk {
		h.h.Write(h.buf)
		h.buf = h.buf[:0]
	}
}

// sum hashes the rest and returns the digest.
func (h *hasher) sum() []byte {
	h.h.Write(h.buf)
	h.buf = h.buf[:0]
	return h.h.Sum(nil)
}

func (h *hasher) flag(b bool) {
	if b {
		h.num(1)
	} else {
		h.num(0)
	}
}

package orgs

import (
	"slices"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// The memo of Resolve. A document repeats a few hundred responsible cells
// over thousands of rows, while the resolver keeps learning (organisations
// met for the first time, stems, definitions): a memo dropped at every
// change would resolve the same texts again and again. So a result records
// which entries of the resolver's changing state it read, and a change of
// an entry forgets only the results that read it.
//
// This gives the same results as resolving every time because:
//   - resolution is a function of the cell and the state it reads, and
//     every read of the changing state (defs, expands, defFull, stems,
//     byKey and the organisations) goes through Resolver.read while a
//     result is computed; the alias table never changes (see table);
//   - a result is kept only when computing it changed nothing (and only
//     from the second time its cell comes: a result not kept is one more
//     resolution, never a different answer), so that
//     returning it again changes nothing either;
//   - every change of the state goes through Resolver.changed, which
//     forgets the results that read the changed entry; a result kept is
//     thus computed from entries that still hold what it read, and
//     resolving again would read the same and return the same.
//
// A read names an entry whether or not it was there: a result that found
// no definition of "цппп" is forgotten when the document defines it.

// depKind is a part of the resolver's changing state.
type depKind uint8

const (
	depName    depKind = iota // defs and expands, by key (of an abbreviation or an expansion)
	depDefFull                // defFull, by abbreviation
	depStem                   // stems, by stem
	depOrg                    // byKey and the organisation there, by key(name)
)

// dep names one entry of the resolver's changing state.
type dep struct {
	kind depKind
	key  string
}

// memoResult is what Resolve returned for a cell, computed at generation
// gen (which tells a result from a later one of the same cell).
type memoResult struct {
	gen   uint64
	execs []plan.Executor
	finds []Finding
}

// reader is a memo entry that read a dep: the cell and the generation of
// its result.
type reader struct {
	text string
	gen  uint64
}

// Resolve splits a responsible cell into executors: on line breaks,
// semicolons and commas outside «quotes» and parentheses (a comma before a
// number continues "№№ 10, 17"), before "совместно с"/"при участии"
// (co-executors), and on " и " where both sides are organisations of their
// own. Each part is resolved to a canonical organisation; see the package
// documentation for the order.
//
// Results are remembered per cell text, from the second time a text comes,
// while what they read stays the same (see memo.go). Callers get their own
// copies.
func (r *Resolver) Resolve(text string) ([]plan.Executor, []Finding) {
	if m, ok := r.memo[text]; ok {
		return slices.Clone(m.execs), slices.Clone(m.finds)
	}
	if _, again := r.seen[text]; !again {
		// Most texts of a document with many different cells come once:
		// remembering them would cost more than it saves.
		if r.seen == nil {
			r.seen = map[string]struct{}{}
		}
		r.seen[text] = struct{}{}
		return r.resolve(text)
	}
	gen := r.gen
	r.reads, r.recording = r.reads[:0], true
	execs, finds := r.resolve(text)
	r.recording = false
	if r.gen == gen {
		r.remember(text, execs, finds)
	}
	return execs, finds
}

// remember keeps a result computed without a change, and indexes it under
// every entry it read.
func (r *Resolver) remember(text string, execs []plan.Executor, finds []Finding) {
	if r.memo == nil {
		r.memo = map[string]memoResult{}
		r.readers = map[dep][]reader{}
	}
	r.memo[text] = memoResult{gen: r.gen, execs: slices.Clone(execs), finds: slices.Clone(finds)}
	for i, d := range r.reads {
		if !slices.Contains(r.reads[:i], d) {
			r.readers[d] = append(r.readers[d], reader{text, r.gen})
		}
	}
}

// read notes that the result being computed read an entry of the state.
func (r *Resolver) read(kind depKind, key string) {
	if r.recording {
		r.reads = append(r.reads, dep{kind, key})
	}
}

// changed records a change of an entry of the state: a new generation,
// and the results that read the entry forgotten.
func (r *Resolver) changed(kind depKind, key string) {
	r.gen++
	d := dep{kind, key}
	for _, rd := range r.readers[d] {
		if m, ok := r.memo[rd.text]; ok && m.gen == rd.gen {
			delete(r.memo, rd.text)
		}
	}
	delete(r.readers, d)
}

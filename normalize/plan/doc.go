// Package plan is the normalized roadmap model: sections, items, parsed
// deadlines, resolved executors and the diagnostics found on the way.
//
// It is the centre of the project. Readers (package ingest) and the
// normalizer (package normalize) produce a *Plan; renderers (package render
// and its subpackages), the status store and the CLI consume it. The package
// imports only the standard library so that writers never drag in parsing,
// in the way go/ast sits between go/parser and go/printer.
//
// The JSON encoding of a Plan (schema version 1) is the tool's interchange
// format: `roadmap ingest` writes it and every other command accepts it in
// place of an original export.
package plan

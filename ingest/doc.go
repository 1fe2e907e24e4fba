// Package ingest reads exported roadmap documents into raw tables: title
// lines, rows of cells with their source positions, and cell content parsed
// from its HTML markup into plain text with structure (paragraphs and list
// items on their own lines).
//
// Readers know nothing of column meanings; package normalize turns a Table
// into a plan. Doubtful input becomes a plan.Diagnostic and reading goes on;
// input that is not a table at all is a *ParseError.
package ingest

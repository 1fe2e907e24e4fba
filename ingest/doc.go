// Package ingest reads exported roadmap documents into raw tables: title
// lines, rows of cells with their source positions, and cell content parsed
// from its HTML markup into plain text with structure (paragraphs and list
// items on their own lines).
//
// Readers know nothing of column meanings; package normalize turns a Table
// into a plan. Doubtful input becomes a plan.Diagnostic and reading goes on;
// input that is not a table at all is a *ParseError.
//
// Two formats are read, told apart by content, never by file name:
//
//   - the document converter's text export (tsv.go): title lines, then one
//     line per table row with tab-separated cells holding HTML fragments;
//     blank lines are page breaks, counted in Row.BlankBefore;
//   - a document saved as HTML by Word or LibreOffice (html.go): the first
//     real <table>, with rowspan and colspan expanded, tables that continue
//     it joined, and the paragraphs above it as the title.
//
// Word (.docx) and OpenDocument (.odt) documents are read directly
// (office.go, with package document): list numbers computed, merged cells
// on the grid, revisions accepted; their cells go through the same cell
// parser as HTML fragments.
//
// The encoding is detected from the bytes (decode.go): a BOM, UTF-16, valid
// UTF-8, an HTML charset declaration, or the Cyrillic single-byte code page
// whose decoding reads as Russian. Both formats share one cell parser
// (cell.go), which leaves plain cells to a fast path and parses the rest
// with goquery. Dump prints a Table for golden tests.
package ingest

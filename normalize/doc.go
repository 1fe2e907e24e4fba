// Package normalize turns a raw ingest.Table into the plan model: column
// roles from header synonyms, title and period, the section and item tree
// from the numbering, continuation rows merged, deadlines parsed into
// schedules, executors resolved, and a diagnostic for every defect.
//
// # Columns
//
// The header row is the first of the first 15 rows where at least two
// cells name a role and one names the activity. Synonyms live in data
// (columns.txt). A second header row that subdivides a header cell ("Срок"
// over "начало" | "окончание") gives headers "Срок: начало"; a row of
// column numbers under the header is skipped with a diagnostic.
//
// A header a person reads through a typo is read too, never silently
// (an Info "header-typo"): when no exact or whole-word synonym matches,
// each header word may differ from a synonym word by a Damerau-Levenshtein
// distance of 1 (5-7 letters) or 2 (8 or more), at most 2 edits per
// synonym, none in short words or numbers; a word doubled in a row counts
// as one edit; the parenthesised part ("(содержание деятельности)") is
// read as further evidence. Such readings find a header row only when no
// row qualifies exactly, and then only a row without item numbers where
// most cells name a role.
//
// A header over three or more rows ("Объемы финансирования (тыс. руб.)"
// over "всего | в том числе по годам:" over "2010 г. | ..."), with or
// without a row of column numbers under it, names each column by the
// path of its header cells ("... / в том числе по годам: / 2010 г.",
// header.go); a per-year column carries its year. Of several columns that
// could be the activity, the one naming the measure is; a description
// ("Содержание деятельности", "Форма проведения") is kept beside it, and
// stands in for it only when no column names the measure. A grouping
// column ("Этап", "Направление", "Задача") is a level of sections. Of
// several executor columns, the responsible's keeps the field and the
// others ("Соисполнители", "Участники") add co-executors. Deadline
// columns per year ("Сроки исполнения / 2024 | 2025", or "2024 г. |
// 2025 г." ticked with marks) read a mark ("+", "х") as its year and date
// a yearless text in it; a date it was done ("Фактический срок") is no
// deadline. A table without a deadline or executor column says so once.
//
// # Rows
//
// Under the table, a footnote ("* ...", "Примечание: ...") and a
// signature are notes, not headings or items, and a list of the
// abbreviations used ("Используемые сокращения: ОО – ...; ИМЦ – ...")
// defines them for the executors.
//
// A row one cell off (a tab typed inside a cell, an empty cell dropped)
// is read by content when exactly one shift fits every text to its
// column, with a diagnostic naming both readings (realign.go).
//
// A row after blank lines (a page break) or after the header repeated
// whose number cell is empty continues the row before it, cell by cell,
// unless it has a deadline and an executor of its own; without a page
// break, only a row that cannot stand alone does (its texts in columns
// the row above has, no deadline, no executor, no activity or one going
// on mid-sentence).
//
// A value of a grouping column, printed on the first row of its group,
// opens a section that the rows below belong to until the next value; a
// number column that numbers only those first rows numbers the groups.
// "Итого", "Всего по подпрограмме", "ВСЕГО" rows are totals, not items,
// kept with their figures, attached to the section they name or sum or
// to the plan, and checked against the figures they sum (totals.go); a
// numbered row with figures only in funding or indicator columns and
// items numbered under it is a section with its own totals. A row with a single text in
// the number or activity column is a heading: "1. Меры ...", "II. ...",
// "Раздел 2. ...", "Б. ..." or unnumbered. A numbered row with nothing but
// its title and items numbered under it is a group section (Derbent
// "1.1 Система оценки ..."); a numbered row with a deadline, executor or
// result is an item even when items are numbered under it. Items are
// placed by their numbering where they stand: a wrong prefix, a gap, a
// repeated number or an inconsistent trailing dot is a warning, never a
// move or a fix.
//
// # Identifiers
//
// Ids are derived from the source numbering so that they survive edits
// elsewhere in the document (never from line numbers):
//
//   - an item: its number without the trailing dot, "1.1", "2.5.6"; a
//     letter after it is kept: "1.1а." (an item inserted after 1.1, its
//     sibling) is "1.1а", "2.3.б" (sub-item б of 2.3) is "2.3.б";
//   - a heading or group section: "S-" and its number, "S-3", "S-II",
//     "S-1.2", "S-Б" (for "Раздел 2": "S-2");
//   - an unnumbered section: "S-u1", "S-u2"... in order of appearance;
//   - an item of a sub-list ("а)", "1)") under a numbered title ending
//     with a colon: the title's number and the marker, "1.2.а";
//   - an unnumbered item: the id of the numbered item before it in the
//     same section and "+1", "+2"... ("1.2.6+1"); at the start of a
//     section, the section's id ("S-u1+1"); before any section, "u+1";
//   - in a document that numbers each section's rows anew (a section
//     after one with numbered items opens with item 1), an item's id is
//     its section's number and its own: "2.1" for item 1 of section "2."
//     or "II.", "Б.1" of section "Б.", "1.2.3" of section "1.2."; an
//     unnumbered section counts by its place among its siblings ("3.1"
//     in the third), which an Info says once;
//   - a number met again in the same section gets "-2", "-3"... ("5-2"),
//     with a duplicate warning.
package normalize

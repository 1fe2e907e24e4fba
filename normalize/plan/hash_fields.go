package plan

// HashExcluded lists the fields of the model that do not count in Hash,
// each with the reason, by path ("Items[].Line": the Line of every item).
// Every other field counts. Collection matches returned workbooks to a
// plan by the hash, so a field left out by mistake would let two
// different plans pass for one, and a field counted by mistake would make
// a copy of the same roadmap read elsewhere a different plan.
// TestHashCoversModel fails when a field of the model is neither hashed
// nor listed here, or when Hash disagrees with this list: a new field must
// be decided for.
var HashExcluded = map[string]string{
	"SchemaVersion":   "the version of the JSON encoding, not of the roadmap",
	"Source":          "where and how the file was read: the same roadmap read from a copy elsewhere, or saved in another encoding, is the same plan",
	"Municipality":    "read from the title or an approval stamp and shown in headings only; it decides no row of a workbook",
	"Sections[].Line": "a position in the source file: a blank line added above changes it, not the plan",
	"Items[].Line":    "a position in the source file, as Sections[].Line",
	"Totals[].Line":   "a position in the source file, as Sections[].Line",
	"Organizations":   "derived from the executors of the items, which count (Items[].Responsible)",
	"Reading":         "how the source table was read (header rows, column numbers), kept for explaining the reading and not written to JSON",
	"Diagnostics":     "what the reader noticed about the source, not the plan; a better reader must not orphan issued workbooks",
}

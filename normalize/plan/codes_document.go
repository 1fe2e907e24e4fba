package plan

// Diagnostic codes of documents read directly (.docx, .odt).
const (
	// CodeTrackedChanges: the document has tracked changes; it was read
	// as if all were accepted.
	CodeTrackedChanges = "tracked-changes"
	// CodeComments: the document has comments, which were not read.
	CodeComments = "comments"
	// CodeOtherTable: a table of the document that is not the roadmap
	// (no roadmap header row) was left out; its text is kept here.
	CodeOtherTable = "other-table"
)

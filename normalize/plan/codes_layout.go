package plan

// Diagnostic codes of the table layouts other municipalities use.
const (
	// CodeRowRealigned marks a row with one cell too many or too few read
	// with its cells shifted, because only that reading fits the columns.
	CodeRowRealigned = "row-realigned"
	// CodeTotalMismatch marks a total whose figure in a column differs
	// from the sum of the figures it totals.
	CodeTotalMismatch = "total-mismatch"
	// CodeTotalRow marks a row read as a total, not an activity.
	CodeTotalRow = "total-row"
	// CodeMunicipality marks a municipality kept as written, because its
	// case could not be undone reliably.
	CodeMunicipality = "municipality"
)

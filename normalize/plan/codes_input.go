package plan

// Codes of careless or hostile input that is still read.
const (
	// CodeNoItems is an error: the table has a header and no activity
	// (an empty template, a file cut after the header).
	CodeNoItems = "no-items"
	// CodeCellTooLong marks a cell longer than an Excel cell holds (32,767
	// characters): the workbooks show it cut, the plan keeps it whole.
	CodeCellTooLong = "cell-too-long"
	// CodeDateImpossible marks a date or range that cannot be: "31
	// февраля", "с 2022 по 2021".
	CodeDateImpossible = "date-impossible"
	// CodeExecutorNoName marks an executor written as punctuation only
	// ("..", "-"), which names nobody.
	CodeExecutorNoName = "executor-no-name"
)

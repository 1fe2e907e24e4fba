package pdf

import "github.com/roadmap-tool/roadmap/templates"

// tmpl are the words of the report (templates/report.yaml, with the
// status words of common.yaml), loaded by the caller and passed in with
// the options.
type tmpl = templates.Report

// column is one column of a report table as configured.
type column = templates.Column

// labelsOf returns l, or the embedded templates when l is nil.
func labelsOf(l *templates.Labels) *templates.Labels {
	if l == nil {
		return templates.Default()
	}
	return l
}

// fill substitutes {quarter}, {page}, {pages}.
func fill(s string, kv ...string) string { return templates.Fill(s, kv...) }

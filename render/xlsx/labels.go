package xlsx

import "github.com/roadmap-tool/roadmap/templates"

// labels are the words of the tracker and the checklists
// (templates/tracker.yaml, with the status words of common.yaml), loaded
// by the caller and passed in with the options.
type labels = templates.Tracker

// labelsOf returns the tracker words of l, or of the embedded templates
// when l is nil.
func labelsOf(l *templates.Labels) *labels {
	if l == nil {
		l = templates.Default()
	}
	return &l.Tracker
}

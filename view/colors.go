package view

import (
	"fmt"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// RGB is a colour of the charts and status marks.
type RGB struct{ R, G, B uint8 }

// Hex is the colour as CSS and SVG write it: "#4ca050".
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// statusColors are the colours of the statuses wherever a chart or a mark
// shows them (the quarterly PDF, the web dashboard), so that a status
// reads the same in every document: green done, blue in progress, grey
// not started, red not done, amber postponed, light grey no data.
var statusColors = map[plan.Status]RGB{
	plan.StatusDone:       {76, 160, 80},
	plan.StatusInProgress: {66, 133, 214},
	plan.StatusNotStarted: {150, 165, 180},
	plan.StatusNotDone:    {214, 60, 55},
	plan.StatusPostponed:  {240, 170, 20},
	plan.StatusNone:       {215, 215, 215},
}

// StatusColor is the colour of a status (that of "no data" for an
// unknown key).
func StatusColor(s plan.Status) RGB {
	if c, ok := statusColors[s]; ok {
		return c
	}
	return statusColors[plan.StatusNone]
}

// DarkOnColor reports whether text on the status's colour should be dark
// (the light colours: postponed, no data) rather than white.
func DarkOnColor(s plan.Status) bool {
	return s == plan.StatusNone || s == plan.StatusPostponed
}

// Command roadmap imports municipal education roadmaps (дорожные карты)
// and produces Excel trackers, school checklists, status collections,
// quarterly PDF reports and summary matrices.
package main

import (
	"github.com/roadmap-tool/roadmap/internal/firstgc"
	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	firstgc.Delay(150) // a short command (one seed's import) ends before its first collection
	// Whatever is still being written when an interrupted command is
	// stopped is removed: the outputs stay as they were, and SQLite rolls
	// back an open transaction on the next open, so the store stays as it
	// was too.
	ruscli.Main(newApp(), func() { produce.RemoveUnfinished() })
}

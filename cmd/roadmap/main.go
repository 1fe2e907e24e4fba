// Command roadmap imports municipal education roadmaps (дорожные карты)
// and produces Excel trackers, school checklists, status collections,
// quarterly PDF reports and summary matrices.
package main

import (
	"fmt"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	app := newApp()
	if err := app.Run(permuteArgs(app, os.Args)); err != nil {
		fmt.Fprintln(app.ErrWriter, "roadmap:", err)
		os.Exit(exitCode(err))
	}
}

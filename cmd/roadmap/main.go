// Command roadmap imports municipal education roadmaps (дорожные карты)
// and produces Excel trackers, school checklists, status collections,
// quarterly PDF reports and summary matrices.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	app := newApp()
	// Ctrl-C cancels the command's context: a build stops starting files,
	// a collection rolls its transaction back, outputs stay whole.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := app.RunContext(ctx, ruscli.Permute(app, os.Args))
	stop()
	if err != nil {
		fmt.Fprintln(app.ErrWriter, "roadmap:", err)
		os.Exit(ruscli.ExitCode(err))
	}
}

package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
)

// commands is filled by each command's file through register, so that a
// new command is one new file and app.go stays untouched.
var commands []*cli.Command

func register(c *cli.Command) { commands = append(commands, c) }

// exitWarnings is the exit code of lint --strict when warnings were
// found, exitDiffers that of diff when the versions differ (diff(1)'s 1,
// which would read as a failure here); 1 (any other error) and 2
// (ruscli.Usagef) are ruscli's. The README documents them.
const (
	exitWarnings = 3
	exitDiffers  = 4
)

func newApp() *cli.App {
	app := ruscli.NewApp("roadmap", version, commands)
	applyHelp(app)
	return app
}

// wrapf adds a hint after err's text, keeping err for errors.Is.
func wrapf(err error, format string, args ...any) error {
	return fmt.Errorf("%w"+format, append([]any{err}, args...)...)
}

package main

import (
	"fmt"
	"os"
	"sort"

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
	ruscli.Setup()
	cmds := append([]*cli.Command(nil), commands...)
	cmds = append(cmds, helpCommand())
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
	app := &cli.App{
		Name:     "roadmap",
		Version:  version,
		Commands: cmds,
		// urfave/cli adds --help only when it adds its own help command.
		Flags:                []cli.Flag{cli.HelpFlag},
		Reader:               os.Stdin,
		Writer:               os.Stdout,
		ErrWriter:            os.Stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true, // our own help command (helpCommand) is in Russian
		// Run must always return so that main maps errors to exit codes
		// and deferred cleanup runs; cli.Exit would exit inside Run.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return ruscli.Usagef("%s", ruscli.UsageError(c, err))
		},
		CommandNotFound: func(c *cli.Context, name string) {
			// In a command with subcommands (users), c.Command is that
			// command: its own list of subcommands is what to show.
			where := "roadmap"
			if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name && len(c.Command.Subcommands) > 0 {
				where += " " + c.Command.Name
			}
			fmt.Fprintf(c.App.ErrWriter, "roadmap: неизвестная команда %q; список команд: %s --help\n", name, where)
			cli.OsExiter(ruscli.ExitUsage)
		},
	}
	applyHelp(app)
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = app.OnUsageError
		}
	}
	return app
}

// helpCommand is "roadmap help [COMMAND]": the same text as --help, an
// unknown command being a usage error.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name: "help",
		Action: func(c *cli.Context) error {
			switch c.NArg() {
			case 0:
				return cli.ShowAppHelp(c)
			case 1:
				name := c.Args().First()
				if c.App.Command(name) == nil {
					return ruscli.Usagef("help: неизвестная команда %q; список команд: roadmap --help", name)
				}
				return cli.ShowCommandHelp(c.Lineage()[1], name)
			}
			return ruscli.Usagef("help: ожидается одна команда, указано %d", c.NArg())
		},
	}
}

// wrapf adds a hint after err's text, keeping err for errors.Is.
func wrapf(err error, format string, args ...any) error {
	return fmt.Errorf("%w"+format, append([]any{err}, args...)...)
}

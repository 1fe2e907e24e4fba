package ruscli

import (
	"fmt"
	"os"
	"sort"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/usage"
)

// NewApp is an app of commands as Russian users meet it (Setup): the
// commands sorted by name, a help command in Russian (HelpCommand), a
// usage error and an unknown command told in one line with exit code 2,
// and Run always returning, so that the caller maps errors to exit codes
// (ExitCode) and deferred cleanup runs (cli.Exit would exit inside Run).
func NewApp(name, version string, commands []*cli.Command) *cli.App {
	Setup()
	cmds := append(append([]*cli.Command(nil), commands...), HelpCommand(name))
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
	app := &cli.App{
		Name:     name,
		Version:  version,
		Commands: cmds,
		// urfave/cli adds --help only when it adds its own help command.
		Flags:                []cli.Flag{cli.HelpFlag},
		Reader:               os.Stdin,
		Writer:               os.Stdout,
		ErrWriter:            os.Stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true, // HelpCommand is in Russian
		ExitErrHandler:       func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usage.Errorf("%s", UsageError(c, err))
		},
		CommandNotFound: func(c *cli.Context, cmd string) {
			// In a command with subcommands (users), c.Command is that
			// command: its own list of subcommands is what to show.
			where := name
			if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name && len(c.Command.Subcommands) > 0 {
				where += " " + c.Command.Name
			}
			fmt.Fprintf(c.App.ErrWriter, "%s: неизвестная команда %q; список команд: %s --help\n", name, cmd, where)
			cli.OsExiter(ExitUsage)
		},
	}
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = app.OnUsageError
		}
	}
	return app
}

// HelpCommand is "APP help [COMMAND]": the same text as --help, an
// unknown command being a usage error.
func HelpCommand(app string) *cli.Command {
	return &cli.Command{
		Name: "help",
		Action: func(c *cli.Context) error {
			switch c.NArg() {
			case 0:
				return cli.ShowAppHelp(c)
			case 1:
				name := c.Args().First()
				if c.App.Command(name) == nil {
					return usage.Errorf("help: неизвестная команда %q; список команд: %s --help", name, app)
				}
				return cli.ShowCommandHelp(c.Lineage()[1], name)
			}
			return usage.Errorf("help: ожидается одна команда, указано %d", c.NArg())
		},
	}
}

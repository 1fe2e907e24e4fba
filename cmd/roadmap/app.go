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
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
	app := &cli.App{
		Name:    "roadmap",
		Usage:   "дорожные карты образования: импорт, Excel, сбор отчетов школ, PDF",
		Version: version,
		Description: "Читает дорожную карту (экспорт документа в текст с табуляциями или HTML)\n" +
			"и строит из нее трекер Excel, чек-листы для школ, квартальный отчет PDF и матрицы.\n\n" +
			"Пример:\n   roadmap build -o out            # все результаты для встроенных примеров\n" +
			"   roadmap ingest plan.txt -o plan.json",
		Commands:             cmds,
		Writer:               os.Stdout,
		ErrWriter:            os.Stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true, // "roadmap help CMD" still works; --help is the documented way
		// Run must always return so that main maps errors to exit codes
		// and deferred cleanup runs; cli.Exit would exit inside Run.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return ruscli.Usagef("%s", ruscli.UsageError(c, err))
		},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(c.App.ErrWriter, "roadmap: неизвестная команда %q; список команд: roadmap --help\n", name)
			cli.OsExiter(ruscli.ExitUsage)
		},
	}
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = app.OnUsageError
		}
	}
	return app
}

// wrapf adds a hint after err's text, keeping err for errors.Is.
func wrapf(err error, format string, args ...any) error {
	return fmt.Errorf("%w"+format, append([]any{err}, args...)...)
}

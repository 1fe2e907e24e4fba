package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
)

// commands is filled by each command's file through register, so that a
// new command is one new file and app.go stays untouched.
var commands []*cli.Command

func register(c *cli.Command) { commands = append(commands, c) }

// Exit codes, documented in the README.
const (
	exitOK       = 0
	exitFailure  = 1 // input unreadable, outputs not written, errors found
	exitUsage    = 2 // wrong flags or arguments
	exitWarnings = 3 // --strict and warnings were found
)

// usageError marks a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitError carries a specific exit code with an optional message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// exitCode maps an error returned by app.Run to the process exit code.
func exitCode(err error) int {
	var u usageError
	var x exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &x):
		return x.code
	case errors.As(err, &u):
		return exitUsage
	default:
		return exitFailure
	}
}

// russianUsage rewords the flag package's English usage errors.
func russianUsage(c *cli.Context, err error) string {
	msg := err.Error()
	where := "roadmap"
	if c != nil && c.Command != nil && c.Command.Name != "" {
		where = "roadmap " + c.Command.Name
	}
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return fmt.Sprintf("неизвестный флаг %s; список флагов: %s --help",
			strings.TrimPrefix(msg, "flag provided but not defined: "), where)
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return fmt.Sprintf("флагу %s нужно значение; см. %s --help",
			strings.TrimPrefix(msg, "flag needs an argument: "), where)
	case strings.HasPrefix(msg, "invalid value "):
		return fmt.Sprintf("неверное значение флага: %s; см. %s --help", strings.TrimPrefix(msg, "invalid value "), where)
	}
	return msg
}

func init() {
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "показать справку"}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "показать версию"}
	// Flag help in Russian: no "(default: false)" after switches, and
	// "по умолчанию" for the other defaults.
	stringer := cli.FlagStringer
	cli.FlagStringer = func(f cli.Flag) string {
		s := stringer(f)
		s = strings.Replace(s, " (default: false)", "", 1)
		s = strings.Replace(s, " (default: 0)", "", 1)
		return strings.Replace(s, "(default: ", "(по умолчанию: ", 1)
	}
}

func newApp() *cli.App {
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
			return usageError{russianUsage(c, err)}
		},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(c.App.ErrWriter, "roadmap: неизвестная команда %q; список команд: roadmap --help\n", name)
			cli.OsExiter(exitUsage)
		},
	}
	for _, c := range app.Commands {
		if c.OnUsageError == nil {
			c.OnUsageError = app.OnUsageError
		}
	}
	return app
}

// permuteArgs moves a command's flags ahead of its positional arguments,
// so that `roadmap report plan.json --quarter 2022Q1 -o r.pdf` works as
// people write it: urfave/cli v2, like the flag package, stops reading
// flags at the first positional argument. A flag takes the next argument
// as its value unless it is a boolean or is written as --name=value;
// everything after "--" stays positional.
func permuteArgs(app *cli.App, args []string) []string {
	if len(args) < 3 {
		return args
	}
	ci := -1
	for i := 1; i < len(args); i++ {
		if !strings.HasPrefix(args[i], "-") {
			ci = i
			break
		}
	}
	if ci < 0 {
		return args
	}
	cmd := app.Command(args[ci])
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	out := append([]string(nil), args[:ci+1]...)
	var pos []string
	rest := args[ci+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			pos = append(pos, rest[i+1:]...)
			i = len(rest)
		case len(a) > 1 && strings.HasPrefix(a, "-"):
			out = append(out, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
				i++
				out = append(out, rest[i])
			}
		default:
			pos = append(pos, a)
		}
	}
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out
}

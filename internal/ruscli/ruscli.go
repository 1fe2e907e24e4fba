// Package ruscli is urfave/cli/v2 as Russian users of a command line
// meet it: usage errors and flag help in Russian, and flags accepted after
// the arguments (`roadmap report plan.json --quarter 2022Q1 -o r.pdf`),
// as people write them. It holds no command of its own: cmd/roadmap's
// commands stay in cmd/roadmap.
package ruscli

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"
)

// UsageError rewords the flag package's English usage errors in Russian,
// naming the command's --help.
func UsageError(c *cli.Context, err error) string {
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

// Setup puts urfave/cli's own words in Russian: the help and version
// flags, and the defaults in flag help ("по умолчанию", none after
// switches). It changes the package's globals, once.
func Setup() { setup.Do(setupOnce) }

var setup sync.Once

func setupOnce() {
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

// Permute moves a command's flags ahead of its positional arguments,
// so that `roadmap report plan.json --quarter 2022Q1 -o r.pdf` works as
// people write it: urfave/cli v2, like the flag package, stops reading
// flags at the first positional argument. A flag takes the next argument
// as its value unless it is a boolean or is written as --name=value;
// everything after "--" stays positional.
func Permute(app *cli.App, args []string) []string {
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
	// A command with subcommands (roadmap users add LOGIN --name N): the
	// flags to move are the subcommand's.
	for hasSubcommands(cmd) && ci+1 < len(args) {
		sub := cmd.Command(args[ci+1])
		if sub == nil {
			return args // urfave says the subcommand is unknown
		}
		ci, cmd = ci+1, sub
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

// hasSubcommands reports whether a command has subcommands of its own
// (urfave adds a "help" one to every command it has run).
func hasSubcommands(c *cli.Command) bool {
	for _, s := range c.Subcommands {
		if s.Name != "help" {
			return true
		}
	}
	return false
}

// Exit codes every command shares: 0 success, 1 failure, 2 wrong usage.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// usageError marks a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Usagef is an error in how the command was called (exit code 2).
func Usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// ExitError carries a specific exit code with its message.
type ExitError struct {
	Code int
	Msg  string
}

func (e ExitError) Error() string { return e.Msg }

// ExitCode maps an error returned by App.Run to the process exit code.
func ExitCode(err error) int {
	var u usageError
	var x ExitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &x):
		return x.Code
	case errors.As(err, &u):
		return ExitUsage
	default:
		return ExitFailure
	}
}

// Package ruscli is urfave/cli/v2 as Russian users of a command line
// meet it: usage errors and flag help in Russian, and flags accepted after
// the arguments (`roadmap report plan.json --quarter 2022Q1 -o r.pdf`),
// as people write them, and the help's words read from a file (Help). It
// holds no command of its own: cmd/roadmap's commands stay in
// cmd/roadmap.
package ruscli

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/usage"
)

// UsageError rewords the flag package's English usage errors in Russian,
// naming the command's --help.
func UsageError(c *cli.Context, err error) string {
	msg := err.Error()
	where := "roadmap"
	if c != nil && c.App != nil {
		where = c.App.Name
	}
	if c != nil && c.Command != nil && c.Command.Name != "" && (c.App == nil || c.Command.Name != c.App.Name) {
		where += " " + c.Command.Name
	}
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return fmt.Sprintf("неизвестный флаг %s; список флагов: %s --help",
			dashes(strings.TrimLeft(strings.TrimPrefix(msg, "flag provided but not defined: "), "-")), where)
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return fmt.Sprintf("флагу %s нужно значение; см. %s --help",
			strings.TrimPrefix(msg, "flag needs an argument: "), where)
	}
	if m := badValueRE().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("флаг %s: неверное значение «%s»%s; см. %s --help", dashes(m[2]), m[1], expected(c, m[2]), where)
	}
	return msg
}

// dashes writes a flag's name as it is typed: -o, --max-size (the flag
// package says -max-size).
func dashes(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

// badValueRE is the flag package's "invalid value" and "invalid boolean
// value" errors: the value and the flag's name. Compiled on first use, as
// numberRE: every command starts through this package.
var badValueRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-(\S+): `)
})

// expected says what a flag's value should be, by its type.
func expected(c *cli.Context, name string) string {
	if c == nil || c.Command == nil {
		return ""
	}
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n != name {
				continue
			}
			switch f.(type) {
			case *cli.IntFlag, *cli.Int64Flag, *cli.UintFlag:
				return ": ожидается целое число"
			case *cli.BoolFlag:
				return ": это переключатель, он пишется без значения"
			case *cli.Float64Flag:
				return ": ожидается число"
			}
		}
	}
	return ""
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
		s = strings.ReplaceAll(s, " value\t", " ЗНАЧЕНИЕ\t")
		s = strings.ReplaceAll(s, " value, ", " ЗНАЧЕНИЕ, ")
		return strings.Replace(s, "(default: ", "(по умолчанию: ", 1)
	}
	cli.AppHelpTemplate = helpWords.Replace(cli.AppHelpTemplate)
	cli.CommandHelpTemplate = helpWords.Replace(cli.CommandHelpTemplate)
	cli.SubcommandHelpTemplate = helpWords.Replace(cli.SubcommandHelpTemplate)
}

// helpWords are the headings and placeholders of urfave/cli's help
// templates, in Russian.
var helpWords = strings.NewReplacer(
	"NAME:", "НАЗВАНИЕ:",
	"USAGE:", "ВЫЗОВ:",
	"VERSION:", "ВЕРСИЯ:",
	"DESCRIPTION:", "ОПИСАНИЕ:",
	"GLOBAL OPTIONS:", "ОБЩИЕ ФЛАГИ:",
	"OPTIONS:", "ФЛАГИ:",
	"COMMANDS:", "КОМАНДЫ:",
	"CATEGORY:", "РАЗДЕЛ:",
	"COPYRIGHT:", "АВТОРСКИЕ ПРАВА:",
	"[global options]", "[флаги]",
	" command [command options]", " КОМАНДА [флаги команды]",
	"[command options]", "[флаги]",
	"[arguments...]", "[аргументы...]",
)

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
	ci, cmd := command(app, args)
	if cmd == nil {
		return args
	}
	takesValue := valueFlags(cmd)
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

// Run runs app on the command line args as people write it: flags after
// the arguments (Permute), and a flag that takes a value but has none
// refused as a usage error before anything runs (MissingValue).
func Run(ctx context.Context, app *cli.App, args []string) error {
	if err := MissingValue(app, args); err != nil {
		return err
	}
	return app.RunContext(ctx, Permute(app, args))
}

// numberRE is a value that may start with '-': a negative number, which a
// flag like --jobs refuses itself with a better message.
var numberRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-\d+$`) })

// MissingValue finds, among a command's arguments, a flag that takes a
// value (-o FILE) written without one: at the end of the line, or followed
// by another flag or "--". The flag package would take the next word as
// the value, so `roadmap report plan.json -o` wrote a file named "--".
// A value that starts with '-' is written --flag=value; "-" itself (the
// standard streams) is a value.
func MissingValue(app *cli.App, args []string) error {
	ci, cmd := command(app, args)
	if cmd == nil {
		return nil
	}
	takesValue := valueFlags(cmd)
	rest := args[ci+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			return nil
		}
		if len(a) < 2 || !strings.HasPrefix(a, "-") || strings.Contains(a, "=") {
			continue
		}
		if !takesValue[strings.TrimLeft(a, "-")] {
			continue
		}
		if i+1 == len(rest) {
			return usage.Errorf("флагу %s нужно значение; см. roadmap %s --help", a, cmd.Name)
		}
		next := rest[i+1]
		if len(next) > 1 && strings.HasPrefix(next, "-") && !numberRE().MatchString(next) {
			return usage.Errorf("флагу %s нужно значение, а за ним %s; значение, которое начинается с «-», пишется так: %s=ЗНАЧЕНИЕ; см. roadmap %s --help",
				a, next, a, cmd.Name)
		}
		i++
	}
	return nil
}

// command finds the command in args, the first argument after the
// program's name that is not a flag, and its index; nil when there is
// none or it is unknown.
func command(app *cli.App, args []string) (int, *cli.Command) {
	for i := 1; i < len(args); i++ {
		if !strings.HasPrefix(args[i], "-") {
			cmd := app.Command(args[i])
			// A command with subcommands (roadmap users add LOGIN --name
			// N): the command is the subcommand.
			for cmd != nil && hasSubcommands(cmd) && i+1 < len(args) {
				if cmd = cmd.Command(args[i+1]); cmd == nil {
					return -1, nil // urfave says the subcommand is unknown
				}
				i++
			}
			return i, cmd
		}
	}
	return -1, nil
}

// valueFlags are the names of cmd's flags that take a value.
func valueFlags(cmd *cli.Command) map[string]bool {
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	return takesValue
}

// Exit codes every command shares: 0 success, 1 failure, 2 wrong usage,
// 130 interrupted (Ctrl-C or SIGTERM; 128 + SIGINT, as shells report it).
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// ExitError carries a specific exit code with its message.
type ExitError struct {
	Code int
	Msg  string
}

func (e ExitError) Error() string { return e.Msg }

// ExitCode maps an error returned by App.Run to the process exit code: a
// usage error (usage.Errorf, from this package, the commands or the
// core) is 2, an error that wraps context.Canceled an interruption.
func ExitCode(err error) int {
	var x ExitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &x):
		return x.Code
	case usage.Is(err):
		return ExitUsage
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	default:
		return ExitFailure
	}
}

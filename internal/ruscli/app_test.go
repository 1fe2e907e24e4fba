package ruscli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

func TestNewApp(t *testing.T) {
	for _, c := range []struct {
		name       string
		args       []string
		code       int
		out, errs  string // substrings; errs "" = nothing on stderr
		errMessage string
	}{
		{name: "help", args: []string{"help"}, out: "КОМАНДЫ:\n   help"},
		{name: "help of a command", args: []string{"help", "report"}, out: "отчет за квартал"},
		{name: "help of a command with subcommands", args: []string{"help", "users"}, out: "tool users"},
		{name: "help of an unknown command", args: []string{"help", "nosuch"}, code: ExitUsage,
			errMessage: `help: неизвестная команда "nosuch"; список команд: tool --help`},
		{name: "help of two", args: []string{"help", "a", "b"}, code: ExitUsage, errMessage: "help: ожидается одна команда, указано 2"},
		{name: "unknown command", args: []string{"nosuch"}, code: ExitUsage,
			errs: `tool: неизвестная команда "nosuch"; список команд: tool --help`},
		{name: "unknown subcommand", args: []string{"users", "nosuch"}, code: ExitUsage,
			errs: `tool: неизвестная команда "nosuch"; список команд: tool users --help`},
		{name: "unknown flag of a command", args: []string{"report", "--bogus"}, code: ExitUsage,
			errMessage: "неизвестный флаг --bogus; список флагов: tool report --help"},
		{name: "a command's error is returned", args: []string{"report"}, code: ExitFailure, errMessage: "не вышло"},
	} {
		t.Run(c.name, func(t *testing.T) {
			app := NewApp("tool", "1.0", []*cli.Command{
				{Name: "report", Usage: "отчет за квартал", Action: func(*cli.Context) error { return errFailed }},
				{Name: "users", Subcommands: []*cli.Command{{Name: "add"}}},
			})
			var out, errs bytes.Buffer
			app.Writer, app.ErrWriter = &out, &errs
			code := -1
			exiter := cli.OsExiter
			cli.OsExiter = func(c int) { code = c }
			defer func() { cli.OsExiter = exiter }()
			err := Run(context.Background(), app, append([]string{"tool"}, c.args...))
			if code == -1 {
				code = ExitCode(err)
			}
			if code != c.code {
				t.Errorf("exit %d, want %d (%v)", code, c.code, err)
			}
			if !strings.Contains(out.String(), c.out) {
				t.Errorf("stdout %q, want %q", out.String(), c.out)
			}
			if c.errs == "" && errs.Len() > 0 || !strings.Contains(errs.String(), c.errs) {
				t.Errorf("stderr %q, want %q", errs.String(), c.errs)
			}
			if c.errMessage != "" && (err == nil || !strings.Contains(err.Error(), c.errMessage)) {
				t.Errorf("error %v, want %q", err, c.errMessage)
			}
		})
	}
}

var errFailed = errorString("не вышло")

type errorString string

func (e errorString) Error() string { return string(e) }

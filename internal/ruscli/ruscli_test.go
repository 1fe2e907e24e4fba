package ruscli

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/usage"
)

func TestPermuteArgs(t *testing.T) {
	app := &cli.App{Name: "roadmap", Commands: []*cli.Command{
		{Name: "report", Flags: []cli.Flag{&cli.StringFlag{Name: "quarter"}, &cli.StringFlag{Name: "output", Aliases: []string{"o"}}}},
		{Name: "build", Flags: []cli.Flag{&cli.BoolFlag{Name: "quiet"}, &cli.StringFlag{Name: "output", Aliases: []string{"o"}}}},
		// urfave gives every command it has run a "help" subcommand.
		{Name: "lint", Flags: []cli.Flag{&cli.BoolFlag{Name: "strict"}}, Subcommands: []*cli.Command{{Name: "help"}}},
		{Name: "users", Subcommands: []*cli.Command{{Name: "add", Flags: []cli.Flag{&cli.StringFlag{Name: "name"}, &cli.StringFlag{Name: "db"}}}}},
	}}
	cases := []struct{ in, want []string }{
		{[]string{"roadmap", "report", "plan.json", "--quarter", "2022Q1", "-o", "r.pdf"},
			[]string{"roadmap", "report", "--quarter", "2022Q1", "-o", "r.pdf", "--", "plan.json"}},
		{[]string{"roadmap", "report", "--quarter=2022Q1", "plan.json"},
			[]string{"roadmap", "report", "--quarter=2022Q1", "--", "plan.json"}},
		{[]string{"roadmap", "build", "a", "--quiet", "b", "-o", "out"},
			[]string{"roadmap", "build", "--quiet", "-o", "out", "--", "a", "b"}},
		{[]string{"roadmap", "build", "--", "-odd-name"},
			[]string{"roadmap", "build", "--", "-odd-name"}},
		{[]string{"roadmap", "--help"}, []string{"roadmap", "--help"}},
		{[]string{"roadmap", "nosuch", "x", "-y"}, []string{"roadmap", "nosuch", "x", "-y"}},
		{[]string{"roadmap", "users", "add", "ivanova", "--name", "Иванова И.", "--db", "t.db"},
			[]string{"roadmap", "users", "add", "--name", "Иванова И.", "--db", "t.db", "--", "ivanova"}},
		{[]string{"roadmap", "users", "nosuch", "x", "--db", "t.db"}, []string{"roadmap", "users", "nosuch", "x", "--db", "t.db"}},
		{[]string{"roadmap", "lint", "plan.txt", "--strict"}, []string{"roadmap", "lint", "--strict", "--", "plan.txt"}},
	}
	for _, c := range cases {
		if got := Permute(app, c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Permute(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMissingValue: a flag that takes a value, written without one, is a
// usage error naming it; never is the next flag or "--" taken as a file.
func TestMissingValue(t *testing.T) {
	app := &cli.App{Name: "roadmap", Commands: []*cli.Command{
		{Name: "report", Flags: []cli.Flag{&cli.StringFlag{Name: "quarter", Aliases: []string{"q"}},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}}, &cli.IntFlag{Name: "jobs"}, &cli.BoolFlag{Name: "quiet"}}},
	}}
	for _, tc := range []struct {
		args []string
		bad  string // "" = no error; else the flag named
	}{
		{[]string{"roadmap", "report", "plan.json", "-o"}, "-o"},
		{[]string{"roadmap", "report", "-o", "--", "plan.json"}, "-o"},
		{[]string{"roadmap", "report", "-o", "--quarter", "2022Q1", "plan.json"}, "-o"},
		{[]string{"roadmap", "report", "plan.json", "--quarter"}, "--quarter"},
		{[]string{"roadmap", "report", "-o", "-", "plan.json"}, ""},
		{[]string{"roadmap", "report", "-o=-x.pdf", "plan.json"}, ""},
		{[]string{"roadmap", "report", "--jobs", "-1", "plan.json"}, ""},
		{[]string{"roadmap", "report", "--quiet", "plan.json"}, ""},
		{[]string{"roadmap", "report", "plan.json", "--", "-o"}, ""},
		{[]string{"roadmap", "--help"}, ""},
	} {
		err := MissingValue(app, tc.args)
		switch {
		case tc.bad == "" && err != nil:
			t.Errorf("%q: %v", tc.args, err)
		case tc.bad != "" && (err == nil || !strings.Contains(err.Error(), "флагу "+tc.bad+" нужно значение")):
			t.Errorf("%q: err = %v, want one naming %s", tc.args, err, tc.bad)
		case err != nil && ExitCode(err) != ExitUsage:
			t.Errorf("%q: exit %d", tc.args, ExitCode(err))
		}
	}
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{errors.New("x"), ExitFailure},
		{usage.Errorf("x"), ExitUsage},
		{fmt.Errorf("сбор: %w", context.Canceled), ExitInterrupted},
		{ExitError{Code: 3}, 3},
	} {
		if got := ExitCode(tc.err); got != tc.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

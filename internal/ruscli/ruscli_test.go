package ruscli

import (
	"reflect"
	"testing"

	"github.com/urfave/cli/v2"
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

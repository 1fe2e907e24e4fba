package main

import (
	"strings"
	"testing"
)

// TestShortFlagsOneMeaning: a one-letter flag means the same long flag in
// every command, and none takes -h or -v, which are help and version.
func TestShortFlagsOneMeaning(t *testing.T) {
	app := newApp()
	meaning := map[string]string{"h": "help", "v": "version"}
	where := map[string]string{"h": "roadmap", "v": "roadmap"}
	for _, c := range app.Commands {
		for _, f := range c.Flags {
			names := f.Names()
			long := names[0]
			for _, n := range names[1:] {
				if len(n) != 1 {
					continue
				}
				if m, ok := meaning[n]; ok && m != long {
					t.Errorf("-%s is --%s in %s and --%s in %s", n, m, where[n], long, c.Name)
					continue
				}
				meaning[n], where[n] = long, c.Name
			}
		}
	}
	if meaning["q"] != "quarter" || meaning["o"] != "output" {
		t.Errorf("short flags: %v", meaning)
	}
}

// TestHelpInRussian: the help of the tool and of every command has no
// English heading or placeholder of urfave/cli left.
func TestHelpInRussian(t *testing.T) {
	pages := [][]string{{"--help"}, {"help"}}
	for _, c := range newApp().Commands {
		pages = append(pages, []string{c.Name, "--help"}, []string{"help", c.Name})
		for _, sub := range c.Subcommands {
			if sub.Name != "help" { // added by urfave to a command it has run
				pages = append(pages, []string{c.Name, sub.Name, "--help"})
			}
		}
	}
	for _, args := range pages {
		out, errs, code := run(t, args...)
		if code != 0 || errs != "" {
			t.Errorf("%v: exit %d, %s", args, code, errs)
		}
		for _, w := range []string{"NAME:", "USAGE:", "OPTIONS:", "COMMANDS:", "DESCRIPTION:", "value", "command options", "arguments...", "(default:"} {
			if strings.Contains(out, w) {
				t.Errorf("%v: %q left in the help", args, w)
			}
		}
	}
}

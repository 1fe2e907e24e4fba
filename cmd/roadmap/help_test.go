package main

import (
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
)

// TestHelpComplete: help.txt and the code agree. Every command and flag
// has its words, and every section and line of help.txt belongs to a
// command or flag there is: a flag renamed in the code without its help
// fails here rather than showing an empty line.
func TestHelpComplete(t *testing.T) {
	h := ruscli.ParseHelp(helpFile)
	used := map[string]bool{"roadmap": true, "roadmap.description": true, "flags": true}
	shared := map[string]bool{}
	var check func(name string, c *cli.Command)
	check = func(name string, c *cli.Command) {
		used[name], used[name+".synopsis"], used[name+".description"] = true, true, true
		if c.Usage == "" {
			t.Errorf("%s: no usage line in help.txt", name)
		}
		keys := map[string]bool{"usage": true, "args": true}
		for _, f := range c.Flags {
			if f == cli.HelpFlag {
				continue
			}
			flag := "--" + f.Names()[0]
			keys[flag] = true
			if h.Field(name, flag) == "" {
				shared[flag] = true
			}
			if f.(cli.DocGenerationFlag).GetUsage() == "" {
				t.Errorf("%s %s: no description in help.txt", name, flag)
			}
		}
		for _, line := range strings.Split(h[name], "\n") {
			if key, _, ok := strings.Cut(line, ": "); !ok || !keys[key] {
				t.Errorf("help.txt, section %s: %q is no field of the command", name, line)
			}
		}
		for _, s := range c.Subcommands {
			if s.Name != "help" {
				check(name+" "+s.Name, s)
			}
		}
	}
	for _, c := range newApp().Commands {
		check(c.Name, c)
	}
	for name := range h {
		if !used[name] {
			t.Errorf("help.txt: section %s belongs to no command", name)
		}
	}
	for _, line := range strings.Split(h["flags"], "\n") {
		if key, _, _ := strings.Cut(line, ": "); !shared[key] {
			t.Errorf("help.txt, section flags: %s is described by every command that has it", key)
		}
	}
}

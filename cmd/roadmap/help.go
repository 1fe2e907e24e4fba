package main

import (
	_ "embed"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/urfave/cli/v2"
)

// helpFile holds every word of the help (--help, roadmap help): the
// commands' one-line usage, arguments, synopses with examples and
// descriptions, and each flag's description. They are prose for people
// to read and correct, kept out of the code as pandoc keeps its MANUAL;
// the code says only which commands and flags there are.
//
//go:embed help.txt
var helpFile []byte

// helpText is helpFile by section: "collect" (its key: value lines),
// "collect.synopsis", "collect.description", "flags" (the descriptions
// of flags every command shares).
type helpText map[string]string

func parseHelp() helpText {
	h := helpText{}
	for _, f := range txtar.Parse(helpFile).Files {
		h[f.Name] = strings.TrimSuffix(string(f.Data), "\n")
	}
	return h
}

// field is the value of "key: value" in section ("" when there is none).
func (h helpText) field(section, key string) string {
	for _, line := range strings.Split(h[section], "\n") {
		if v, ok := strings.CutPrefix(line, key+": "); ok {
			return v
		}
	}
	return ""
}

// applyHelp gives the app, its commands, their subcommands and their
// flags the words of helpFile.
func applyHelp(app *cli.App) {
	h := parseHelp()
	app.Usage, app.Description = h.field("roadmap", "usage"), h["roadmap.description"]
	var apply func(name string, c *cli.Command)
	apply = func(name string, c *cli.Command) {
		c.Usage, c.ArgsUsage = h.field(name, "usage"), h.field(name, "args")
		c.UsageText, c.Description = h[name+".synopsis"], h[name+".description"]
		for _, f := range c.Flags {
			usage := h.field(name, "--"+f.Names()[0])
			if usage == "" {
				usage = h.field("flags", "--"+f.Names()[0])
			}
			if usage != "" {
				setUsage(f, usage)
			}
		}
		for _, s := range c.Subcommands {
			if s.Name != "help" { // urfave's own, added to a command it has run
				apply(name+" "+s.Name, s)
			}
		}
	}
	for _, c := range app.Commands {
		apply(c.Name, c)
	}
}

// setUsage sets the description of a flag of any kind the commands use;
// urfave's own (--help) keeps its.
func setUsage(f cli.Flag, usage string) {
	switch f := f.(type) {
	case *cli.StringFlag:
		f.Usage = usage
	case *cli.IntFlag:
		f.Usage = usage
	case *cli.BoolFlag:
		f.Usage = usage
	case *cli.StringSliceFlag:
		f.Usage = usage
	}
}

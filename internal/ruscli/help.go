package ruscli

import (
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/urfave/cli/v2"
)

// Help is every word of an app's help (--help, APP help): the commands'
// one-line usage, arguments, synopses with examples and descriptions,
// and each flag's description. They are prose for people to read and
// correct, kept out of the code in a txtar file as pandoc keeps its
// MANUAL; the code says only which commands and flags there are.
//
// By section: "collect" holds the command's "key: value" lines (usage,
// args, --flag), "collect.synopsis" and "collect.description" its text,
// "users add" a subcommand's lines, "flags" the descriptions of flags
// every command shares, "APP" and "APP.description" the app's own.
type Help map[string]string

// ParseHelp reads the txtar file of an app's help.
func ParseHelp(data []byte) Help {
	h := Help{}
	for _, f := range txtar.Parse(data).Files {
		h[f.Name] = strings.TrimSuffix(string(f.Data), "\n")
	}
	return h
}

// Field is the value of "key: value" in section ("" when there is none).
// The lines are walked, not split into a slice: Apply asks for ~800
// fields at every start.
func (h Help) Field(section, key string) string {
	prefix := key + ": "
	for line := range strings.SplitSeq(h[section], "\n") {
		if v, ok := strings.CutPrefix(line, prefix); ok {
			return v
		}
	}
	return ""
}

// Apply gives the app, its commands, their subcommands and their flags
// the words of h.
func (h Help) Apply(app *cli.App) {
	app.Usage, app.Description = h.Field(app.Name, "usage"), h[app.Name+".description"]
	var apply func(name string, c *cli.Command)
	apply = func(name string, c *cli.Command) {
		c.Usage, c.ArgsUsage = h.Field(name, "usage"), h.Field(name, "args")
		c.UsageText, c.Description = h[name+".synopsis"], h[name+".description"]
		for _, f := range c.Flags {
			flag := "--" + f.Names()[0]
			usage := h.Field(name, flag)
			if usage == "" {
				usage = h.Field("flags", flag)
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

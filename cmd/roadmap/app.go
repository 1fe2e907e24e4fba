package main

import (
	_ "embed"
	"fmt"
	"math"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/internal/usage"
	"github.com/roadmap-tool/roadmap/produce"
)

// exitWarnings is the exit code of lint --strict when warnings were
// found, exitDiffers that of diff when the versions differ (diff(1)'s 1,
// which would read as a failure here); 1 (any other error) and 2 (a
// usage error) are ruscli's. The README documents them.
const (
	exitWarnings = 3
	exitDiffers  = 4
)

// helpFile holds every word of the help (ruscli.Help); the code says
// only which commands and flags there are.
//
//go:embed help.txt
var helpFile []byte

func newApp() *cli.App {
	app := ruscli.NewApp("roadmap", version, commands)
	ruscli.ParseHelp(helpFile).Apply(app)
	return app
}

// request is the command's flags and arguments as the core takes them:
// a flag the command does not have reads as its zero value. example is
// the command line shown when an argument or -o is missing.
func request(c *cli.Context, example string) produce.Request {
	return produce.Request{Command: c.Command.Name, Example: example, Args: c.Args().Slice(),
		Output: c.String("output"), OutputGiven: c.IsSet("output"), Format: c.String("format"),
		Quarter: c.String("quarter"), DB: c.String("db"), Templates: c.String("templates"), Orgs: c.String("orgs"),
		Jobs: c.Int("jobs"), Limits: produce.Limits{MaxBytes: int64(c.Int("max-size")) << 20, MaxCells: c.Int("max-cells")},
		Version: version, Stdin: c.App.Reader, Stdout: c.App.Writer, Stderr: c.App.ErrWriter,
		Warn: func(msg string) { fmt.Fprintln(c.App.ErrWriter, "roadmap:", msg) }}
}

// Flags, each kind declared once. Short names mean one thing everywhere:
// -o output, -q quarter, -j jobs (-h help and -v version are urfave's).
func str(name, def string) cli.Flag { return &cli.StringFlag{Name: name, Value: def} }

func boolean(name string) cli.Flag { return &cli.BoolFlag{Name: name} }

// output is -o, def when not given ("" = none).
func output(def string) cli.Flag {
	return &cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: def}
}

func quarter() cli.Flag { return &cli.StringFlag{Name: "quarter", Aliases: []string{"q"}} }

// storeFlag is --db of a command that cannot do without the store: an
// empty name is a usage error (status --db "" panicked, collect said
// «: не указан файл базы», export «: файл не найден»).
func storeFlag() cli.Flag {
	return &cli.StringFlag{Name: "db", Value: "roadmap.db", Action: func(c *cli.Context, v string) error {
		if v == "" {
			return usage.Errorf("%s: --db: пустое имя базы отметок; ожидается файл, например --db roadmap.db", c.Command.Name)
		}
		return nil
	}}
}

func jobs() cli.Flag {
	return bounded("jobs", "j", 1, math.MaxInt, "ожидается число обработчиков от 1")
}

// withLimits adds the flags that raise the input limits (produce.Limits)
// to a command's flags.
func withLimits(flags ...cli.Flag) []cli.Flag {
	return append(flags,
		bounded("max-size", "", 1, 64<<10, "ожидается размер в мегабайтах от 1 до 65536"),
		bounded("max-cells", "", 1, 100_000_000, "ожидается число от 1 до 100000000"))
}

// bounded is an integer flag whose value out of [lo, hi] is a usage
// error saying want; not given, it reads 0 (--jobs: one per core; the
// limits: their defaults).
func bounded(name, short string, lo, hi int, want string) cli.Flag {
	f := &cli.IntFlag{Name: name, Action: func(c *cli.Context, n int) error {
		if n < lo || n > hi {
			return usage.Errorf("%s: --%s %d: %s", c.Command.Name, name, n, want)
		}
		return nil
	}}
	if short != "" {
		f.Aliases = []string{short}
	}
	return f
}

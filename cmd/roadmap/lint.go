package main

import (
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/normalize"
	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/pipeline"
)

func init() {
	register(&cli.Command{
		Name:      "lint",
		Usage:     "проверить дорожные карты и вывести замечания",
		ArgsUsage: "INPUT...",
		UsageText: "roadmap lint [--strict] ФАЙЛ или ПАПКА...\n\n" +
			"Пример:\n   roadmap lint plan.txt\n   roadmap lint region/                # все дорожные карты папки\n   roadmap lint --strict seeds/*.txt   # предупреждения тоже считаются ошибками\n   roadmap lint --explain plan.txt     # как прочитана таблица, со строками",
		Description: "Код выхода: 0 — ошибок нет (предупреждения допустимы), 1 — есть ошибки\n" +
			"или файл не читается как дорожная карта, 3 — с --strict найдены предупреждения.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "strict", Usage: "считать предупреждения ошибками (код выхода 3)"},
			&cli.BoolFlag{Name: "explain", Usage: "показать, как прочитана таблица: роли столбцов, строки заголовка, группировки, продолжения строк, итоги"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("lint: не указан входной файл; пример: roadmap lint plan.txt")
			}
			return runLint(lintOptions{inputs: c.Args().Slice(), strict: c.Bool("strict"), explain: c.Bool("explain")}, c.App.Writer, c.App.ErrWriter)
		},
	})
}

type lintOptions struct {
	inputs  []string
	strict  bool
	explain bool // print how each table was read before its diagnostics
}

func runLint(o lintOptions, stdout, stderr io.Writer) error {
	inputs, err := pipeline.CollectInputs(o.inputs)
	if err != nil {
		return err
	}
	// Files are read in parallel (a region's folder is a thousand of them)
	// and reported in the order given.
	type result struct {
		plan *plan.Plan
		err  error
	}
	results := make([]result, len(inputs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := inputs[i].Read()
				if err != nil {
					results[i].err = fmt.Errorf("%s: %w", inputs[i].Name, unwrapPathError(err))
					continue
				}
				p, err := planFromBytes(inputs[i].Name, data)
				if err != nil {
					results[i].err = err
					continue
				}
				results[i].plan = p
			}
		}()
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()
	var counts [3]int
	unreadable := 0
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintln(stderr, "roadmap lint:", r.err)
			unreadable++
			continue
		}
		if o.explain {
			if err := normalize.WriteExplanation(stdout, r.plan); err != nil {
				return err
			}
		}
		for _, d := range r.plan.Diagnostics {
			fmt.Fprintln(stdout, d.String())
			if d.Severity >= plan.Info && d.Severity <= plan.Error {
				counts[d.Severity]++
			}
		}
	}
	summary := fmt.Sprintf("Проверено файлов: %d; %s, %s, %s",
		len(inputs)-unreadable,
		plural(counts[plan.Error], "ошибка", "ошибки", "ошибок"),
		plural(counts[plan.Warning], "предупреждение", "предупреждения", "предупреждений"),
		plural(counts[plan.Info], "замечание", "замечания", "замечаний"))
	if unreadable > 0 {
		summary += "; " + plural(unreadable, "файл не прочитан", "файла не прочитаны", "файлов не прочитано")
	}
	fmt.Fprintln(stdout, summary)
	switch {
	case unreadable > 0 || counts[plan.Error] > 0:
		return exitError{code: exitFailure, msg: "lint: найдены ошибки"}
	case o.strict && counts[plan.Warning] > 0:
		return exitError{code: exitWarnings, msg: "lint: найдены предупреждения (--strict)"}
	}
	return nil
}

// plural picks the Russian form for n: 1 ошибка, 2 ошибки, 5 ошибок,
// 21 ошибка, 11 ошибок.
func plural(n int, one, few, many string) string {
	form := many
	switch m10, m100 := n%10, n%100; {
	case m10 == 1 && m100 != 11:
		form = one
	case m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
		form = few
	}
	return fmt.Sprintf("%d %s", n, form)
}

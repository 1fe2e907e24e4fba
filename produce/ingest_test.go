package produce

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

func TestWriteIngested(t *testing.T) {
	diags := func(sev plan.Severity) plan.Diagnostics {
		var ds plan.Diagnostics
		ds.Add(plan.Pos{File: "b.txt", Line: 3}, sev, "no-items", "в плане нет мероприятий", "")
		return ds
	}
	ok := Ingested{Input: Input{Name: "a.txt"}, File: "out/a.json"}
	warned := Ingested{Input: Input{Name: "b.txt"}, File: "out/b.json", Diagnostics: diags(plan.Warning)}
	withErrors := Ingested{Input: Input{Name: "b.txt"}, File: "out/b.json", Diagnostics: diags(plan.Error)}
	unread := Ingested{Input: Input{Name: "c.txt"}, Err: errors.New("c.txt: файл не найден")}
	stopped := Ingested{Input: Input{Name: "d.txt"}, Err: fmt.Errorf("d.txt: %w", interrupted{context.Canceled})}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name       string
		ctx        context.Context
		done       []Ingested
		out, errw  string
		err        string
		isCanceled bool
	}{
		{name: "all written", done: []Ingested{ok, warned},
			out: "Записано планов: 2 из 2 в out\n", errw: "b.txt:3: предупреждение"},
		{name: "one not read", done: []Ingested{ok, unread},
			out: "Записано планов: 1 из 2 в out\n", errw: "roadmap ingest: c.txt: файл не найден\n",
			err: "ingest: не прочитано файлов: 1 из 2 (причины выше)"},
		{name: "errors in a document", done: []Ingested{withErrors, ok},
			out: "Записано планов: 2 из 2 в out\n", errw: "b.txt:3: ошибка",
			err: "ingest: в 1 файлах есть ошибки (планы записаны); см. замечания выше"},
		{name: "interrupted", ctx: cancelled, done: []Ingested{ok, unread, stopped, stopped},
			out: "Записано планов: 1 из 4 в out\n", errw: "roadmap ingest: c.txt",
			err: "ingest: не обработано файлов: 2 из 4", isCanceled: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := c.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			var out, errw strings.Builder
			err := WriteIngested(ctx, &out, &errw, c.done, "out")
			if out.String() != c.out {
				t.Errorf("stdout %q, want %q", out.String(), c.out)
			}
			if !strings.Contains(errw.String(), c.errw) || strings.Contains(errw.String(), "d.txt") {
				t.Errorf("stderr %q, want %q and no line of the files not reached", errw.String(), c.errw)
			}
			switch {
			case c.err == "" && err != nil:
				t.Errorf("error %v", err)
			case c.err != "" && (err == nil || !strings.HasPrefix(err.Error(), c.err)):
				t.Errorf("error %v, want %q", err, c.err)
			case errors.Is(err, context.Canceled) != c.isCanceled:
				t.Errorf("error %v: context.Canceled %v", err, !c.isCanceled)
			}
		})
	}
}

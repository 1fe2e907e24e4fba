package pipeline

import (
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/atomicfile"
	"github.com/roadmap-tool/roadmap/internal/csvsafe"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// writeSummary writes summary.csv and index.html for the run.
func writeSummary(out string, results []Result, opts Options) error {
	if err := atomicfile.Write(filepath.Join(out, "summary.csv"), func(w io.Writer) error {
		return writeCSV(w, results)
	}); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(out, "index.html"), func(w io.Writer) error {
		return indexTmpl.Execute(w, indexData{Results: results, Now: opts.Now.Format("02.01.2006 15:04"), Version: opts.Version})
	})
}

// SummaryHeader is the header row of summary.csv.
var SummaryHeader = []string{"файл", "название", "папка", "квартал", "разделов", "мероприятий", "чек-листов",
	"предупреждений", "ошибок", "состояние", "результаты", "секунд"}

func writeCSV(w io.Writer, results []Result) error {
	// A BOM lets Excel open the UTF-8 file with Cyrillic intact.
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csvsafe.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(SummaryHeader)
	for _, r := range results {
		state := "готово"
		if r.Err != nil {
			state = "ошибка: " + r.Err.Error()
		}
		cw.Write([]string{r.Input, r.Title, r.Dir, r.Quarter, strconv.Itoa(r.Sections), strconv.Itoa(r.Items),
			strconv.Itoa(r.Checklists), strconv.Itoa(r.Warnings), strconv.Itoa(r.Errors), state,
			strings.Join(r.Outputs, " "), fmt.Sprintf("%.3f", r.Elapsed.Seconds())})
	}
	cw.Flush()
	return cw.Error()
}

type indexData struct {
	Results []Result
	Now     string
	Version string
}

// outputLabels name the outputs in the index in Russian.
var outputLabels = map[string]string{
	"plan.json": "план (JSON)", "diagnostics.txt": "замечания", "tracker.xlsx": "трекер Excel",
	"report.pdf": "квартальный отчет PDF", "matrix.xlsx": "матрицы Excel", "matrix.pdf": "матрицы PDF",
	"checklists": "чек-листы школ",
}

var indexTmpl = template.Must(template.New("index").Funcs(template.FuncMap{
	"quarter": func(q string) string {
		if pq, err := plan.ParseQuarter(q); err == nil {
			return pq.Label()
		}
		return q
	},
	"label": func(p string) string {
		base := filepath.Base(strings.TrimSuffix(p, "/"))
		if l, ok := outputLabels[base]; ok {
			return l
		}
		return base
	},
}).Parse(`<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Дорожные карты: результаты</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#eef}.err{color:#b00}.warn{color:#a60}details{margin:.3em 0}code{font-size:90%}
</style></head><body>
<h1>Дорожные карты: результаты сборки</h1>
<p>Сформировано {{.Now}}{{if .Version}}, roadmap {{.Version}}{{end}}. Файлов: {{len .Results}}.</p>
<table><tr><th>Файл</th><th>Дорожная карта</th><th>Мероприятий</th><th>Замечания</th><th>Результаты</th></tr>
{{range .Results}}<tr><td><code>{{.Input}}</code></td>
{{if .Err}}<td colspan="4" class="err">Ошибка: {{.Err}}</td>{{else}}<td>{{.Title}}<br><small>отчет за {{quarter .Quarter}}</small></td>
<td>{{.Items}} в {{.Sections}} разделах; чек-листов: {{.Checklists}}</td>
<td>{{if .Errors}}<span class="err">ошибок: {{.Errors}}</span> {{end}}{{if .Warnings}}<span class="warn">предупреждений: {{.Warnings}}</span>{{end}}
{{if .Diagnostics}}<details><summary>показать</summary><ul>{{range .Diagnostics}}<li><code>{{.Pos}}</code> {{.Severity.Label}}: {{.Message}}{{if .Text}} — «{{.Text}}»{{end}}</li>{{end}}</ul></details>{{else}}нет{{end}}</td>
<td>{{range .Outputs}}<a href="{{.}}">{{label .}}</a><br>{{end}}</td>{{end}}</tr>
{{end}}</table></body></html>
`))

package templates

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/internal/lazyre"
	"github.com/roadmap-tool/roadmap/internal/syserr"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Labels are the words of every generated document.
type Labels struct {
	// Statuses maps status keys (and "none") to their words (common.yaml).
	Statuses map[string]string `yaml:"statuses"`
	Tracker  Tracker           `yaml:"-"` // tracker.yaml
	Report   Report            `yaml:"-"` // report.yaml
	Matrix   Matrix            `yaml:"-"` // matrix.yaml
	Summary  StatusSummary     `yaml:"-"` // status.yaml
	Build    Build             `yaml:"-"` // build.yaml
	Changes  Changes           `yaml:"-"` // changes.yaml
	Region   Region            `yaml:"-"` // region.yaml
	Collect  Collect           `yaml:"-"` // collect.yaml
	// Index is index.html, parsed.
	Index *template.Template `yaml:"-"`
}

// Status returns the word for a status: "Выполнено", "нет данных".
func (l *Labels) Status(s plan.Status) string { return statusWord(l.Statuses, s) }

func statusWord(m map[string]string, s plan.Status) string {
	key := string(s)
	if s == plan.StatusNone {
		key = "none"
	}
	if v := m[key]; v != "" {
		return v
	}
	return s.Label()
}

// Fill substitutes placeholders: Fill("за {quarter}", "{quarter}", "I
// квартал 2022 г.").
//
// A value that ends in a period takes the place of a period right after
// its placeholder: "Сведения за {quarter}." reads "Сведения за I квартал
// 2022 г.", not "г..".
func Fill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		if strings.HasSuffix(kv[i+1], ".") {
			s = strings.ReplaceAll(s, kv[i]+".", kv[i])
		}
	}
	return strings.NewReplacer(kv...).Replace(s)
}

// Sentencef is fmt.Sprintf for a template with one %s, with Fill's rule
// for a value that ends in a period: "Ответы за %s." gives "Ответы за IV
// квартал 2022 г.".
func Sentencef(format, value string) string {
	if strings.HasSuffix(value, ".") {
		format = strings.Replace(format, "%s.", "%s", 1)
	}
	return fmt.Sprintf(format, value)
}

// Default returns the embedded labels. They are read once and shared:
// callers must not change them.
var Default = sync.OnceValue(func() *Labels {
	l, err := Load("")
	if err != nil {
		panic("templates: embedded defaults: " + err.Error()) // TestDefaults keeps this unreachable
	}
	return l
})

// Load reads every template: the embedded defaults, each overridden key by
// key by the file of the same name in dir when dir is not "" and the file
// is there. Errors name the file (and the line, for YAML) and say what is
// wrong.
func Load(dir string) (*Labels, error) {
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("шаблоны %s: папка не найдена", dir)
		}
	}
	l := &Labels{}
	for _, f := range []struct {
		name string
		v    any
	}{
		{"common.yaml", l},
		{"tracker.yaml", &l.Tracker},
		{"report.yaml", &l.Report},
		{"matrix.yaml", &l.Matrix},
		{"status.yaml", &l.Summary},
		{"build.yaml", &l.Build},
		{"changes.yaml", &l.Changes},
		{"region.yaml", &l.Region},
		{"collect.yaml", &l.Collect},
	} {
		if err := decode(f.v, dir, f.name); err != nil {
			return nil, err
		}
	}
	l.Tracker.statuses, l.Collect.statuses, l.Report.statuses = l.Statuses, l.Statuses, mergeStatuses(l.Report.Statuses, l.Statuses)
	index, where, err := read(dir, "index.html")
	if err != nil {
		return nil, err
	}
	l.Index, err = template.New("index.html").Funcs(template.FuncMap{
		"quarter": quarterLabel,
		"label":   l.Build.outputLabel,
	}).Parse(string(index))
	if err != nil {
		return nil, templateError(where, err)
	}
	for _, check := range []func() error{l.checkStatuses, l.Tracker.check, l.Report.check, l.Matrix.check, l.Summary.check, l.Build.check, l.Changes.check, l.Region.check, l.Collect.check} {
		if err := check(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// decode decodes the embedded file, then the override from dir over it.
func decode(v any, dir, name string) error {
	data, err := fs.ReadFile(files, name)
	if err != nil {
		return fmt.Errorf("шаблон %s: %w", name, err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		return yamlError(name, err)
	}
	if dir == "" {
		return nil
	}
	path := filepath.Join(dir, name)
	data, err = readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("шаблон %s: %v", path, err)
	}
	// An override names only the keys it changes; a key the document does
	// not have (a typo, a key of another file) is refused, not ignored.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && err != io.EOF {
		return yamlError(path, err)
	}
	return nil
}

var yamlUnknown = lazyre.New(`^field (\S+) not found`)

// yamlError says in Russian where a template is not the YAML expected:
// "шаблон DIR/matrix.yaml:3: неизвестный ключ «totl»".
func yamlError(path string, err error) error {
	line, rest := syserr.YAMLLine(err.Error())
	if line == 0 {
		return fmt.Errorf("шаблон %s: не читается как YAML (%s)", path, syserr.YAMLReason(rest))
	}
	if u := yamlUnknown.FindStringSubmatch(rest); u != nil {
		return fmt.Errorf("шаблон %s:%d: неизвестный ключ «%s»; ключи и их значения — во встроенном файле %s", path, line, u[1], filepath.Base(path))
	}
	return fmt.Errorf("шаблон %s:%d: не читается как YAML (%s)", path, line, syserr.YAMLReason(rest))
}

var (
	templateLine   = lazyre.New(`^template: [^:]*:(\d+):(?:\d+:)? *(.*)$`)
	templateNoFunc = lazyre.New(`^function "([^"]*)" not defined`)
)

// templateError says in Russian where index.html is not a template
// html/template parses: "шаблон DIR/index.html:3: не закрыта конструкция
// {{ … }}". Its reasons were English ("template: index.html:1: unclosed
// action"); a reason not known here is kept in parentheses.
func templateError(path string, err error) error {
	m := templateLine.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("шаблон %s: не разбирается как шаблон HTML (%s)", path, err)
	}
	reason := "ошибка в шаблоне (" + m[2] + ")"
	switch {
	case strings.HasPrefix(m[2], "unclosed action"), strings.HasPrefix(m[2], "unclosed left delim"):
		reason = "не закрыта конструкция {{ … }}"
	case strings.HasPrefix(m[2], "unexpected EOF"), strings.HasPrefix(m[2], "unexpected {{end}}"):
		reason = "непарные {{ if }}, {{ range }} и {{ end }}"
	case templateNoFunc.MatchString(m[2]):
		reason = "неизвестная функция «" + templateNoFunc.FindStringSubmatch(m[2])[1] + "»"
	}
	return fmt.Errorf("шаблон %s:%s: %s; ожидается шаблон Go (html/template), как встроенный index.html", path, m[1], reason)
}

// MaxSize is the largest template file read from DIR: the embedded ones
// are a few kilobytes, and a wrong file (/dev/zero) must not be read
// without end.
const MaxSize = 1 << 20

// readFile reads a template of the user's folder, at most MaxSize bytes,
// as every input is read (inputfile.Read): a named pipe nobody writes to
// is refused after a wait (os.Open blocked on it for ever). Its errors
// but fs.ErrNotExist say the cause only, in Russian: the caller names
// the file.
func readFile(path string) ([]byte, error) {
	b, err := inputfile.Read(path, MaxSize, nil)
	var tl *inputfile.TooLargeError
	var pe *fs.PathError
	switch {
	case err == nil || errors.Is(err, fs.ErrNotExist):
		return b, err
	case errors.As(err, &tl):
		return nil, tl
	case errors.As(err, &pe):
		return nil, errors.New(syserr.Text(pe.Err))
	}
	return nil, errors.New(syserr.Text(err))
}

// read returns the file from dir when it is there, else the embedded one,
// and the name to use in errors.
func read(dir, name string) ([]byte, string, error) {
	if dir != "" {
		path := filepath.Join(dir, name)
		b, err := readFile(path)
		if err == nil {
			return b, path, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, path, fmt.Errorf("шаблон %s: %v", path, err)
		}
	}
	b, err := fs.ReadFile(files, name)
	return b, name, err
}

func (l *Labels) checkStatuses() error {
	for _, s := range append([]plan.Status{plan.StatusNone}, plan.Statuses...) {
		key := string(s)
		if s == plan.StatusNone {
			key = "none"
		}
		if l.Statuses[key] == "" {
			return fmt.Errorf("шаблон common.yaml: не задана подпись статуса statuses.%s", key)
		}
	}
	return nil
}

// mergeStatuses is over with the keys it lacks taken from base.
func mergeStatuses(over, base map[string]string) map[string]string {
	out := make(map[string]string, len(base))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// required checks that none of the named values is empty: an empty
// heading makes a column unfindable and an empty word a blank cell.
func required(file string, values map[string]string) error {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.TrimSpace(values[k]) == "" {
			return fmt.Errorf("шаблон %s: не задано значение %s", file, k)
		}
	}
	return nil
}

// quarterLabel is "I квартал 2022 г." for "2022Q1"; other text as it is.
func quarterLabel(q string) string {
	if pq, err := plan.ParseQuarter(q); err == nil {
		return pq.Label()
	}
	return q
}

// Package lazyre is a regular expression compiled on first use, as Go's
// own cmd/go does (internal/lazyregexp): package-level patterns of the
// normalizer, the collector and the templates cost a command that never
// uses them nothing. Compiling them all at process start took more than
// a third of `roadmap --version` (GODEBUG=inittrace=1).
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regexp.Regexp compiled when a method is first called.
type Regexp struct {
	expr string
	once sync.Once
	rx   *regexp.Regexp
}

var (
	mu  sync.Mutex
	all []*Regexp
)

// New returns the pattern expr, to be compiled on first use; an invalid
// pattern panics then (CompileAll, called from a test, finds it early).
func New(expr string) *Regexp {
	r := &Regexp{expr: expr}
	mu.Lock()
	all = append(all, r)
	mu.Unlock()
	return r
}

// CompileAll compiles every pattern made by New so far and returns the
// first that does not compile, as an error.
func CompileAll() (n int, err error) {
	mu.Lock()
	list := append([]*Regexp(nil), all...)
	mu.Unlock()
	for _, r := range list {
		if _, err := regexp.Compile(r.expr); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (r *Regexp) re() *regexp.Regexp {
	r.once.Do(func() { r.rx = regexp.MustCompile(r.expr) })
	return r.rx
}

// Regexp returns the compiled pattern.
func (r *Regexp) Regexp() *regexp.Regexp { return r.re() }

func (r *Regexp) String() string                 { return r.expr }
func (r *Regexp) MatchString(s string) bool      { return r.re().MatchString(s) }
func (r *Regexp) FindString(s string) string     { return r.re().FindString(s) }
func (r *Regexp) FindStringIndex(s string) []int { return r.re().FindStringIndex(s) }
func (r *Regexp) FindStringSubmatch(s string) []string {
	return r.re().FindStringSubmatch(s)
}
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.re().FindStringSubmatchIndex(s)
}
func (r *Regexp) FindAllString(s string, n int) []string { return r.re().FindAllString(s, n) }
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.re().FindAllStringIndex(s, n)
}
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.re().FindAllStringSubmatch(s, n)
}
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.re().ReplaceAllString(src, repl)
}
func (r *Regexp) ReplaceAllStringFunc(src string, f func(string) string) string {
	return r.re().ReplaceAllStringFunc(src, f)
}
func (r *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return r.re().ReplaceAllLiteralString(src, repl)
}
func (r *Regexp) Match(b []byte) bool                { return r.re().Match(b) }
func (r *Regexp) FindIndex(b []byte) []int           { return r.re().FindIndex(b) }
func (r *Regexp) ReplaceAll(src, repl []byte) []byte { return r.re().ReplaceAll(src, repl) }
func (r *Regexp) ReplaceAllLiteral(src, repl []byte) []byte {
	return r.re().ReplaceAllLiteral(src, repl)
}
func (r *Regexp) SubexpIndex(name string) int    { return r.re().SubexpIndex(name) }
func (r *Regexp) Split(s string, n int) []string { return r.re().Split(s, n) }

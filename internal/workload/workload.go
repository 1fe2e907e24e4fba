// Package workload generates large, realistic roadmap exports from the
// embedded seeds, deterministically, for benchmarks and scale tests: the
// generated files are never committed (see cmd/roadmap-workload).
//
// The shapes follow the seeds: glued markdown title, a header row, bold
// section rows, numbered item rows with HTML-marked cells, and page breaks
// (blank lines followed by continuation rows that finish the previous row's
// cells). Cell texts are drawn from the seeds' own rows.
package workload

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"github.com/roadmap-tool/roadmap/seeds"
)

// row is one seed activity: activity, deadline, responsible, result.
type row struct{ act, deadline, resp, result string }

type pool struct {
	rows     []row
	sections []string
}

var numRE = regexp.MustCompile(`^\d+(\.\d+)*\.?$`)
var tagRE = regexp.MustCompile(`</?b>`)

// load collects the seeds' item rows and section titles. Sarov's columns
// are № | activity | deadline | responsible | result; Derbent's are
// № | activity | deadline | report form | responsible.
func load() pool {
	var p pool
	for _, name := range seeds.Names() {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		derbent := bytes.Contains(data, []byte("Форма представления отчета"))
		for _, ln := range strings.Split(string(data), "\n") {
			c := strings.Split(ln, "\t")
			if len(c) < 5 {
				continue
			}
			num := strings.TrimSpace(c[0])
			if numRE.MatchString(num) && strings.TrimSpace(c[2]) != "" && strings.TrimSpace(c[1]) != "" {
				r := row{c[1], c[2], c[3], c[4]}
				if derbent {
					r = row{c[1], c[2], c[4], c[3]}
				}
				if r.resp != "" {
					p.rows = append(p.rows, r)
				}
				continue
			}
			if strings.TrimSpace(c[1]+c[2]+c[3]+c[4]) == "" && num != "" {
				t := strings.TrimSpace(tagRE.ReplaceAllString(num, ""))
				if i := strings.Index(t, " "); i > 0 && len(t) > 20 {
					t = strings.TrimSpace(t[i+1:])
				}
				if len([]rune(t)) > 20 {
					p.sections = append(p.sections, t)
				}
			}
		}
	}
	return p
}

// Options shape a generated roadmap.
type Options struct {
	Items    int    // number of activities
	Seed     uint64 // random seed
	FromYear int    // first year of the period (default 2021)
	Years    int    // length of the period in years (default 3)
	Schools  int    // when > 0, executors name schools "МБОУ Школа № N" (1..Schools)
	// PerItem is how many schools each activity names (default 2); with
	// 5,000 items, 500 schools and PerItem 8 each school gets ~80 items,
	// the peers' checklist job.
	PerItem int
}

// Roadmap returns a TSV export with opts.Items activities in sections of
// 20-40 items, about one page break every nine rows.
func Roadmap(opts Options) []byte {
	if opts.FromYear == 0 {
		opts.FromYear = 2021
	}
	if opts.Years == 0 {
		opts.Years = 3
	}
	p := load()
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	var b bytes.Buffer
	b.Grow(opts.Items * 700)
	fmt.Fprintf(&b, "\n\n**План мероприятий («дорожная карта»)****по развитию муниципальной системы образования****на %d-%d годы**\n\n",
		opts.FromYear, opts.FromYear+opts.Years-1)
	b.WriteString("<b>№ п/п</b>\t<b>Наименование мероприятия</b>\t<b>Сроки</b>\t<b>Ответственный исполнитель</b>\t<b>Ожидаемый результат</b>\n")
	shift := opts.FromYear - 2021
	sec, inSec, left := 0, 0, 0
	for i := 0; i < opts.Items; i++ {
		if left == 0 {
			sec++
			inSec = 0
			left = 20 + rng.IntN(21)
			fmt.Fprintf(&b, "<b>%d. %s</b>\t\t\t\t\n", sec, p.sections[rng.IntN(len(p.sections))])
		}
		left--
		inSec++
		r := p.rows[rng.IntN(len(p.rows))]
		dl := shiftYears(r.deadline, shift)
		resp := r.resp
		if opts.Schools > 0 {
			resp = schools(rng, opts.Schools, opts.PerItem)
		}
		num := fmt.Sprintf("%d.%d.", sec, inSec)
		if rng.IntN(9) == 0 && !strings.Contains(r.act, "<") {
			// A page break in the middle of the activity text.
			words := strings.Fields(r.act)
			cut := len(words) / 2
			if cut > 0 {
				fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n\n\t%s\t\t\t\n", num, strings.Join(words[:cut], " "), dl, resp, r.result,
					strings.Join(words[cut:], " "))
				continue
			}
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", num, r.act, dl, resp, r.result)
	}
	return b.Bytes()
}

// schools names k distinct schools out of n, after the department.
func schools(rng *rand.Rand, n, k int) string {
	if k <= 0 {
		k = 2
	}
	if k > n {
		k = n
	}
	var b strings.Builder
	b.WriteString("Департамент образования")
	seen := map[int]bool{}
	for len(seen) < k {
		s := 1 + rng.IntN(n)
		if !seen[s] {
			seen[s] = true
			fmt.Fprintf(&b, ", МБОУ Школа № %d", s)
		}
	}
	return b.String()
}

var yearRE = regexp.MustCompile(`20[12]\d`)

// shiftYears moves every year 20xx in s by n.
func shiftYears(s string, n int) string {
	if n == 0 {
		return s
	}
	return yearRE.ReplaceAllStringFunc(s, func(y string) string {
		v, _ := strconv.Atoi(y)
		return strconv.Itoa(v + n)
	})
}

// Corpus returns n roadmaps: the seeds alternately, each with its years
// shifted by 0-3 and a few school numbers changed, structure unchanged, as
// a region's set of files would look.
func Corpus(n int, seed uint64) [][]byte {
	names := seeds.Names()
	srcs := make([]string, len(names))
	for i, name := range names {
		data, _ := fs.ReadFile(seeds.FS, name)
		srcs[i] = string(data)
	}
	rng := rand.New(rand.NewPCG(seed, 0xc0de))
	schoolRE := regexp.MustCompile(`№ ?(\d+)`)
	out := make([][]byte, n)
	for i := range out {
		s := shiftYears(srcs[i%len(srcs)], rng.IntN(4))
		s = schoolRE.ReplaceAllStringFunc(s, func(m string) string {
			return fmt.Sprintf("№ %d", 1+rng.IntN(60))
		})
		out[i] = []byte(s)
	}
	return out
}

// Schools returns n school names as a directory CSV (name,short,groups).
func Schools(n int) []byte {
	var b bytes.Buffer
	b.WriteString("name,short,groups\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "МБОУ Школа № %d,Школа № %d,ОО;ОбОО\n", i, i)
	}
	return b.Bytes()
}

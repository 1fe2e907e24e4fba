package orgs

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// memoParts are the pieces TestMemoProperty builds cells from: names of
// the table and new ones, in other cases and spellings, abbreviations
// with and without their definitions, groups and posts.
var memoParts = struct {
	names, abbrs, fulls, tails, joins []string
}{
	names: []string{"ОО", "ОбОО", "ДОО", "ОДО", "ДДТ", "ДИРО", "ОбоО", "ОбОО", "ОБОУ", "УДО",
		"образовательные организации", "Образовательные организации", "Департамент образования",
		"Департаментом образования", "Молодежный центр", "Молодежного центра", "Молодежные центры",
		"Дом детского творчества", "МБОУ Школа № 10", "МБОУ Школы №№ 10, 17", "МБОУ СОШ № 3",
		"школа № 3", "заместитель директора по УВР", "классные руководители", "руководители ОО",
		"Центр психолого-педагогической поддержки", "Центра психолого-педагогической поддержки",
		"Управление образования", "Управления образования", "отдел опеки", "Отдел опеки"},
	abbrs: []string{"ЦППП", "МЦ", "ДДТ", "УО", "ОО", "ЦДЮТ", "ОП"},
	fulls: []string{"Центр психолого-педагогической поддержки", "Молодежные центры",
		"Образовательные учреждения", "Управление образования", "Образовательные центры",
		"Центр детского и юношеского творчества", "отдел опеки"},
	tails: []string{"", "", "", " (по согласованию)", " (по согласованию)"},
	joins: []string{", ", "; ", " и ", "\n", ", совместно с ", " при участии "},
}

// memoCell makes a random responsible cell: one to three parts, each a
// name, an abbreviation, "все X" or a definition "Full (далее – X)".
func memoCell(rng *rand.Rand) string {
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	var b strings.Builder
	for i := range 1 + rng.IntN(3) {
		if i > 0 {
			b.WriteString(pick(memoParts.joins))
		}
		switch rng.IntN(6) {
		case 0:
			b.WriteString(pick(memoParts.abbrs))
		case 1:
			b.WriteString("все " + pick(memoParts.abbrs))
		case 2:
			b.WriteString(pick(memoParts.fulls) + " (далее – " + pick(memoParts.abbrs) + ")")
		default:
			b.WriteString(pick(memoParts.names))
		}
		b.WriteString(pick(memoParts.tails))
	}
	return b.String()
}

// TestMemoProperty: a random document, a random sequence of responsible
// cells drawn from a small pool (so that cells come again, and are
// remembered) with definitions given to Define between them at random,
// is resolved with the memo (Resolve) and without it (resolve, which
// never reuses a result): every result, and the organisations after
// every step, must be the same.
func TestMemoProperty(t *testing.T) {
	seeds := uint64(300)
	if testing.Short() {
		seeds = 40
	}
	reused := 0
	for seed := range seeds {
		rng := rand.New(rand.NewPCG(seed, 7))
		pool := make([]string, 4+rng.IntN(16))
		for i := range pool {
			pool[i] = memoCell(rng)
		}
		memo, plain := New(nil), New(nil)
		if seed%3 == 0 {
			memo, plain = New(map[string]string{"ЦППП": "Центр поддержки"}), New(map[string]string{"ЦППП": "Центр поддержки"})
		}
		var steps []string
		for range 20 + rng.IntN(60) {
			if rng.IntN(8) == 0 {
				def := memoParts.fulls[rng.IntN(len(memoParts.fulls))] + " (далее – " + memoParts.abbrs[rng.IntN(len(memoParts.abbrs))] + ")"
				steps = append(steps, "Define "+def)
				memo.Define(def)
				plain.Define(def)
				continue
			}
			c := pool[rng.IntN(len(pool))]
			steps = append(steps, "Resolve "+c)
			if _, ok := memo.memo[c]; ok {
				reused++
			}
			e1, f1 := memo.Resolve(c)
			e2, f2 := plain.resolve(c)
			if !reflect.DeepEqual(e1, e2) || !reflect.DeepEqual(f1, f2) {
				t.Fatalf("seed %d, after\n%s\n%q: with memo %+v %+v, without %+v %+v", seed, strings.Join(steps, "\n"), c, e1, f1, e2, f2)
			}
			if o1, o2 := memo.Organizations(), plain.Organizations(); !reflect.DeepEqual(o1, o2) {
				t.Fatalf("seed %d, after\n%s\norganisations differ:\n%+v\n%+v", seed, strings.Join(steps, "\n"), o1, o2)
			}
		}
	}
	if reused == 0 {
		t.Error("no result was reused: the memo was not tested")
	}
	t.Logf("%d results reused", reused)
}

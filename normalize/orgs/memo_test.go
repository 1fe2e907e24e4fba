package orgs

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// TestMemoChangesNothing resolves the seeds' responsible cells, repeated
// and shuffled, with extra cells that define abbreviations, name groups,
// misspell and decline names, in the middle, once through Resolve (which
// reuses results) and once through resolve (which never does): every
// result and the final organisations must be the same.
func TestMemoChangesNothing(t *testing.T) {
	all, cells := seedCells(t)
	cells = append(cells,
		"ОбоО", "Оо", "все ОО", "ОРКСЭ", "МБОУ Школы №№ 10, 17", "МБОУ Школа № 10",
		"совместно с Департаментом образования", "Молодежного центра", "Молодежный центр",
		"Центр психолого-педагогической поддержки (далее – ЦППП)", "ЦППП", "ЦППП (по согласованию)",
		"ОО и ДДТ", "ДИРО (по согласованию)", "образовательные организации", "Образовательные организации",
		"все ЦППП", "ЦППП и ДДТ", "(далее – ЦППП)", "Молодежные центры (далее – МЦ)", "Молодежных центров")
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 1))
		seq := make([]string, 3*len(cells))
		for i := range seq {
			seq[i] = cells[rng.IntN(len(cells))]
		}
		memo, plain := New(nil), New(nil)
		if seed%2 == 0 {
			for _, row := range all {
				for _, c := range row {
					memo.Define(c)
					plain.Define(c)
				}
			}
		}
		hits := 0
		for _, c := range seq {
			if _, ok := memo.memo[c]; ok {
				hits++
			}
			e1, f1 := memo.Resolve(c)
			e2, f2 := plain.resolve(c)
			if !reflect.DeepEqual(e1, e2) || !reflect.DeepEqual(f1, f2) {
				t.Fatalf("seed %d, %q: with memo %+v %+v, without %+v %+v", seed, c, e1, f1, e2, f2)
			}
		}
		if o1, o2 := memo.Organizations(), plain.Organizations(); !reflect.DeepEqual(o1, o2) {
			t.Fatalf("seed %d: organisations differ:\n%+v\n%+v", seed, o1, o2)
		}
		if hits == 0 {
			t.Errorf("seed %d: no result reused in %d cells", seed, len(seq))
		}
	}
}

// TestUserAliasesLeaveSharedTable checks that a resolver's own aliases go
// into its copy of the embedded table, never into the shared one.
func TestUserAliasesLeaveSharedTable(t *testing.T) {
	own := New(map[string]string{"ОО": "Отдел образования", "ЦДЮТ": "Центр детского и юношеского творчества"})
	if e, _ := own.Resolve("ОО"); len(e) != 1 || e[0].Org != "Отдел образования" {
		t.Fatalf("with own aliases: %+v", e)
	}
	plain := New(nil)
	if e, _ := plain.Resolve("ОО"); len(e) != 1 || e[0].Org != "ОО" || !e[0].Group {
		t.Errorf("after another resolver's aliases: %+v", e)
	}
	if _, ok := builtinTable().aliases[key("ЦДЮТ")]; ok {
		t.Error("the shared table gained a user alias")
	}
}

// TestMemoForgetsWhatChanged resolves a cell until its result is
// remembered, then lets the document teach the resolver something that
// result read, and resolves the cell again: the answer must be the new
// one, as a resolver without the memo gives it, and differ from the old
// one (else the case would not test anything).
func TestMemoForgetsWhatChanged(t *testing.T) {
	const def = "Центр психолого-педагогической поддержки (далее – ЦППП)"
	for _, tc := range []struct {
		name   string
		before []string // resolved first
		cell   string   // remembered, then resolved again after change
		change []string // what the document says in between
		define bool     // change given to Define, not Resolve
	}{
		{"an abbreviation defined after it was used", nil,
			"ЦППП", []string{def}, false},
		{"an expansion defined after it was used", nil,
			"Центр психолого-педагогической поддержки", []string{def}, false},
		{"an abbreviation defined in a definition cell", nil,
			"ЦППП", []string{"(далее – ЦППП)"}, false},
		{"two abbreviations split once one is defined", []string{"ДДТ"},
			"ЦППП и ДДТ", []string{def}, false},
		{"an organisation learned to be a group", []string{def},
			"ЦППП", []string{"все ЦППП"}, false},
		{"a stem made ambiguous by a definition", []string{"Молодежный центр"},
			"Молодежного центра", []string{"Молодежные центры (далее – МЦ)"}, false},
		{"an expansion added to a defined abbreviation", []string{"(далее – ЦППП)"},
			"ЦППП", []string{"Образовательные центры (далее – ЦППП)"}, true},
		{"the table's canonical name defined by the document", nil,
			"Дом детского творчества", []string{"Образовательные учреждения (далее – ДДТ)"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			memo, plain := New(nil), New(nil)
			resolveBoth := func(c string) ([]plan.Executor, []Finding) {
				e1, f1 := memo.Resolve(c)
				e2, f2 := plain.resolve(c)
				if !reflect.DeepEqual(e1, e2) || !reflect.DeepEqual(f1, f2) {
					t.Fatalf("%q: with memo %+v %+v, without %+v %+v", c, e1, f1, e2, f2)
				}
				return e1, f1
			}
			for _, c := range tc.before {
				resolveBoth(c)
			}
			resolveBoth(tc.cell)
			e0, f0 := resolveBoth(tc.cell)
			if _, ok := memo.memo[tc.cell]; !ok {
				t.Fatalf("%q: not remembered before the change", tc.cell)
			}
			for _, c := range tc.change {
				if tc.define {
					memo.Define(c)
					plain.Define(c)
				} else {
					resolveBoth(c)
				}
			}
			e1, f1 := resolveBoth(tc.cell)
			if reflect.DeepEqual(e0, e1) && reflect.DeepEqual(f0, f1) {
				t.Fatalf("%q: the change did not change the result %+v %+v", tc.cell, e1, f1)
			}
			if o1, o2 := memo.Organizations(), plain.Organizations(); !reflect.DeepEqual(o1, o2) {
				t.Fatalf("organisations differ:\n%+v\n%+v", o1, o2)
			}
		})
	}
}

// TestDefineAgainChangesNothing defines the seeds' cells and cells with
// definitions, repeated and shuffled, once through Define (which passes
// over a text it has read) and once forgetting every text read, so that
// each is read again: the state and every resolution must be the same.
func TestDefineAgainChangesNothing(t *testing.T) {
	all, cells := seedCells(t)
	defs := []string{"Центр психолого-педагогической поддержки (далее – ЦППП)", "(далее – ЦППП)",
		"Молодежные центры (далее – МЦ)", "Молодежный центр (далее — «МЦ»)", "Отдел образования (далее ОО)",
		"Дом детского творчества (ДАЛЕЕ - ДДТ)", "Дворец детского творчества (далее - ДДТ)"}
	for _, row := range all {
		cells = append(cells, row...)
	}
	cells = append(cells, defs...)
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 2))
		once, again := New(nil), New(nil)
		read := 0
		for range 3 * len(cells) {
			c := cells[rng.IntN(len(cells))]
			if _, ok := once.defined[c]; ok {
				read++
			}
			once.Define(c)
			again.defined = nil
			again.Define(c)
		}
		if read == 0 {
			t.Fatalf("seed %d: no text defined twice", seed)
		}
		if once.gen != again.gen || !reflect.DeepEqual(once.defs, again.defs) || !reflect.DeepEqual(once.expands, again.expands) ||
			!reflect.DeepEqual(once.defFull, again.defFull) || !reflect.DeepEqual(once.stems, again.stems) {
			t.Fatalf("seed %d: the state differs when texts are read again", seed)
		}
		for _, c := range cells {
			e1, f1 := once.resolve(c)
			e2, f2 := again.resolve(c)
			if !reflect.DeepEqual(e1, e2) || !reflect.DeepEqual(f1, f2) {
				t.Fatalf("seed %d, %q: %+v %+v, read again %+v %+v", seed, c, e1, f1, e2, f2)
			}
		}
	}
}

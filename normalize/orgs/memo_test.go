package orgs

import (
	"math/rand/v2"
	"reflect"
	"testing"
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
		"ОО и ДДТ", "ДИРО (по согласованию)", "образовательные организации", "Образовательные организации")
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
			if m, ok := memo.memo[c]; ok && m.gen == memo.gen {
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

package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// fillFirstRows types statuses into the first rows of a checklist, found
// by the header texts, as a school would.
func fillFirstRows(t *testing.T, path string, statuses ...string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	rows, _ := f.GetRows(sh)
	var ids []string
	for r, row := range rows {
		idCol, stCol, evCol := -1, -1, -1
		for c, v := range row {
			switch v {
			case "ID":
				idCol = c
			case "Статус":
				stCol = c
			case "Что сделано / подтверждение":
				evCol = c
			}
		}
		if idCol < 0 {
			continue
		}
		next := r + 1
		for _, st := range statuses {
			for next < len(rows) && (len(rows[next]) <= idCol || rows[next][idCol] == "") {
				next++ // section rows carry no ID
			}
			if next == len(rows) {
				t.Fatalf("%s: fewer item rows than answers", path)
			}
			ids = append(ids, rows[next][idCol])
			cell, _ := excelize.CoordinatesToCellName(stCol+1, next+1)
			f.SetCellValue(sh, cell, st)
			cell, _ = excelize.CoordinatesToCellName(evCol+1, next+1)
			f.SetCellValue(sh, cell, "Приказ № "+st)
			next++
		}
		break
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestQuarterlyCycle(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "roadmap.db")
	seed := "../../seeds/000_a1e155e70aa7bfd4.txt"
	cl := filepath.Join(dir, "cl")
	t.Setenv("SOURCE_DATE_EPOCH", "1646092800") // 2022-03-01
	if _, errs, code := run(t, "checklists", "-o", cl, "--db", db, seed); code != 0 {
		t.Fatal(errs)
	}
	fillFirstRows(t, filepath.Join(cl, "МБОУ_Школа_N_10.xlsx"), "Выполнено", "в работе")
	fillFirstRows(t, filepath.Join(cl, "МБОУ_Школа_N_17.xlsx"), "нет")

	collect := []string{"collect", "--db", db, "--quarter", "2022Q1", "--prefer", "schools", cl}
	out, errs, code := run(t, collect...)
	if code != 0 {
		t.Fatalf("collect: %s\n%s", errs, out)
	}
	for _, want := range []string{"МБОУ_Школа_N_10.xlsx: собрано 2 ответа, МБОУ Школа № 10", "МБОУ_Школа_N_17.xlsx: собрано 1 ответ, МБОУ Школа № 17",
		"собрано: 2 (3 ответа)"} {
		if !strings.Contains(out, want) {
			t.Errorf("collect output lacks %q:\n%s", want, out)
		}
	}
	// Collecting again changes nothing and says so, in the department's
	// words when it gives its own collect.yaml.
	tpl := filepath.Join(dir, "tpl")
	if err := os.Mkdir(tpl, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tpl, "collect.yaml"), []byte("duplicate: принят ранее\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errs, code = run(t, append(collect, "--templates", tpl)...); code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(out, "МБОУ_Школа_N_10.xlsx: принят ранее") || !strings.Contains(out, "Сбор ответов за I квартал 2022 г.") {
		t.Errorf("second collect:\n%s", out)
	}

	status := func(format string) string {
		t.Helper()
		out, errs, code := run(t, "status", seed, "--db", db, "--quarter", "2022Q1", "--format", format)
		if code != 0 {
			t.Fatal(errs)
		}
		return out
	}
	out = status("json")
	var sum struct {
		Organizations []struct {
			Org      string         `json:"org"`
			Answers  int            `json:"answers"`
			ByStatus map[string]int `json:"by_status"`
		} `json:"organizations"`
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]int{}
	for _, o := range sum.Organizations {
		got[o.Org] = o.ByStatus
	}
	if got["МБОУ Школа № 10"]["done"] != 1 || got["МБОУ Школа № 10"]["in_progress"] != 1 || got["МБОУ Школа № 17"]["not_done"] != 1 || len(got) != 2 {
		t.Errorf("status by organisation = %v", got)
	}

	out = status("csv")
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	answered := 0
	for _, rec := range recs[1:] {
		if rec[6] != "" {
			answered++
		}
	}
	if recs[0][0] != "№" || answered != 3 {
		t.Errorf("csv: header %v, %d answered rows, want 3", recs[0], answered)
	}

	out = status("table")
	for _, want := range []string{"Организация", "МБОУ Школа № 10", "Не выполнены к концу квартала:"} {
		if !strings.Contains(out, want) {
			t.Errorf("status table lacks %q:\n%s", want, out)
		}
	}
}

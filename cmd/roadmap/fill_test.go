package main

import (
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// fillCmd is the testscript command "fill FILE STATUS ID...": it types
// STATUS into the status cell of each row of a checklist whose hidden ID
// is one of the IDs, as a school would in Excel, and saves the file.
func fillCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: fill FILE STATUS ID...")
	}
	path := ts.MkAbs(args[0])
	f, err := excelize.OpenFile(path)
	ts.Check(err)
	defer f.Close()
	sh := f.GetSheetName(0)
	rows, err := f.GetRows(sh)
	ts.Check(err)
	want := map[string]bool{}
	for _, id := range args[2:] {
		want[id] = true
	}
	idCol, stCol, found := -1, -1, 0
	for r, row := range rows {
		if idCol < 0 {
			for c, v := range row {
				switch v {
				case "ID":
					idCol = c
				case "Статус":
					stCol = c
				}
			}
			continue
		}
		if len(row) > idCol && want[row[idCol]] {
			cell, _ := excelize.CoordinatesToCellName(stCol+1, r+1)
			ts.Check(f.SetCellStr(sh, cell, args[1]))
			found++
		}
	}
	if found != len(want) {
		ts.Fatalf("%s: found %d of the rows %q", args[0], found, args[2:])
	}
	ts.Check(f.Save())
}

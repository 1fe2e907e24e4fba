package workload

import (
	"fmt"
	"hash/crc32"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/templates"
)

// peerStatuses are the answers of the peers' benchmark in their order
// (shared/peers common.STATUSES: Не начато, В работе, Выполнено,
// Просрочено), as the statuses a roadmap checklist offers.
var peerStatuses = [4]plan.Status{plan.StatusNotStarted, plan.StatusInProgress, plan.StatusDone, plan.StatusNotDone}

// PeerStatus is the answer the peers' benchmark puts into a school's
// checklist for the activity numbered number (common.filled_status): the
// CRC-32 of "school|number" picks one of four statuses, and a tenth of
// the rows stay empty (""). It is given as the status's word in the
// embedded templates.
func PeerStatus(school, number string) string {
	h := crc32.ChecksumIEEE([]byte(school + "|" + number))
	if h%10 == 0 {
		return ""
	}
	return templates.Default().Status(peerStatuses[h%4])
}

// FillChecklist answers a checklist written by `roadmap checklists` as
// the peers' benchmark answers its own: in every activity row (one with
// an ID) it types PeerStatus(organisation, number) into the status
// column, the organisation and the column headers taken from the
// workbook's manifest and the number from the row's first cell, and saves
// the workbook through excelize, as a school's spreadsheet program would
// save it. It returns how many rows it answered.
func FillChecklist(path string) (int, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	man, err := f.GetRows("_manifest")
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	meta := map[string]string{}
	for _, r := range man {
		if len(r) == 2 {
			meta[r[0]] = r[1]
		}
	}
	org, idHead, stHead := meta["org"], meta["columns."+plan.ColID], meta["columns."+plan.ColStatus]
	if org == "" || idHead == "" || stHead == "" {
		return 0, fmt.Errorf("%s: не чек-лист roadmap (нет организации или столбцов в _manifest)", path)
	}
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	idCol, stCol, filled := -1, -1, 0
	for r, row := range rows {
		if idCol < 0 {
			for c, v := range row {
				switch v {
				case idHead:
					idCol = c
				case stHead:
					stCol = c
				}
			}
			continue
		}
		if stCol < 0 || len(row) <= idCol || row[idCol] == "" {
			continue
		}
		answer := PeerStatus(org, row[0])
		if answer == "" {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(stCol+1, r+1)
		if err != nil {
			return 0, err
		}
		if err := f.SetCellStr(sheet, cell, answer); err != nil {
			return 0, err
		}
		filled++
	}
	if idCol < 0 || stCol < 0 {
		return 0, fmt.Errorf("%s: нет столбцов %q и %q", path, idHead, stHead)
	}
	return filled, f.Save()
}

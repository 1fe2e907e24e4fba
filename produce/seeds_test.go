package produce

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/roadmap-tool/roadmap/orgdir"
)

var seedFiles = []string{"000_a1e155e70aa7bfd4.txt", "004_7e7c8821e6f4a4e0.txt"}

// TestTrackerSeeds writes the tracker of each real roadmap and checks
// that every imported item is in it, in order, with its ID.
func TestTrackerSeeds(t *testing.T) {
	for _, name := range seedFiles {
		t.Run(name, func(t *testing.T) {
			p, err := OpenFile(context.Background(), filepath.Join("..", "seeds", name))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Tracker(context.Background(), &buf, p, TrackerOptions{Settings: Settings{Now: time.Date(2022, 2, 15, 0, 0, 0, 0, time.UTC)}}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows("План")
			if err != nil {
				t.Fatal(err)
			}
			idCol := -1
			for i, h := range rows[2] {
				if h == "ID" {
					idCol = i
				}
			}
			if idCol < 0 {
				t.Fatalf("no ID column in %q", rows[2])
			}
			var ids []string
			for _, r := range rows[3:] {
				if len(r) > idCol && r[idCol] != "" {
					ids = append(ids, r[idCol])
				}
			}
			var want []string
			for _, it := range p.Items {
				want = append(want, it.ID)
			}
			if len(want) < 60 || strings.Join(ids, " ") != strings.Join(want, " ") {
				t.Errorf("ids in tracker (%d) differ from the plan's (%d)", len(ids), len(want))
			}
			if got := len(rows) - 3; got != len(p.Items)+len(p.Sections) {
				t.Errorf("%d table rows, want %d items + %d sections", got, len(p.Items), len(p.Sections))
			}
		})
	}
}

// TestChecklistsSeeds checks that every executor's items land in some
// checklist and that the checklists hold exactly what Recipients says.
func TestChecklistsSeeds(t *testing.T) {
	for _, name := range seedFiles {
		t.Run(name, func(t *testing.T) {
			p, err := OpenFile(context.Background(), filepath.Join("..", "seeds", name))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			all, _ := Recipients(p, nil)
			list, err := WriteChecklists(context.Background(), dir, p, all, ChecklistOptions{Settings: Settings{Now: time.Date(2022, 2, 15, 0, 0, 0, 0, time.UTC)}})
			if err != nil {
				t.Fatal(err)
			}
			var nilDir *orgdir.Directory
			recips, _ := nilDir.Recipients(p)
			if len(list) != len(recips) || len(list) < 3 {
				t.Fatalf("%d checklists, %d recipients", len(list), len(recips))
			}
			for _, c := range list {
				f, err := excelize.OpenFile(filepath.Join(dir, c.File))
				if err != nil {
					t.Fatal(err)
				}
				rows, _ := f.GetRows("Чек-лист")
				f.Close()
				var ids []string
				for _, r := range rows[5:] {
					if len(r) > 0 {
						for i, h := range rows[4] {
							if h == "ID" && i < len(r) && r[i] != "" {
								ids = append(ids, r[i])
							}
						}
					}
				}
				if strings.Join(ids, " ") != strings.Join(recips[c.Org], " ") {
					t.Errorf("%s: items %v, want %v", c.Org, ids, recips[c.Org])
				}
			}
		})
	}
}

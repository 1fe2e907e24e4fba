package store

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// FuzzReadExport feeds arbitrary files to the reader of roadmap export:
// it never panics, and refuses with one line that names the file (and,
// past the header, the line).
func FuzzReadExport(f *testing.F) {
	const head = `{"format":"roadmap-store","version":1,"schema":7}` + "\n"
	f.Add([]byte(head + `{"table":"counters","row":{"name":"a","value":1}}` + "\n"))
	f.Add([]byte("\ufeff" + head + `{"table":"answers","row":{"submission_id":1,"item_id":"1","org":"","status":"","raw":"","date":"","evidence":"","comment":"","row":"12"}}`))
	f.Add([]byte(head + `{"table":"plans","row":{"json":"eyJ4IjoxfQ==","id":1e999}}` + "\r\n" + `[{"table":null}]`))
	f.Add([]byte(head + `{"table":"municipalities","row":{"created":"","id":1,"manifest_key":"%%%","name":"\u0000"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		kept, err := ReadExport(strings.NewReader(string(data)), "x.jsonl")
		reread, err2 := ReadExportFile(strings.NewReader(string(data)), "x.jsonl")
		if fmt.Sprint(err) != fmt.Sprint(err2) {
			t.Fatalf("ReadExport: %v; ReadExportFile: %v", err, err2)
		}
		if err == nil {
			// The rows kept and the rows read again are the same.
			if a, b := allRows(t, kept), allRows(t, reread); !reflect.DeepEqual(a, b) {
				t.Fatalf("rows kept %v, read again %v", a, b)
			}
			return
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "x.jsonl") || strings.Contains(msg, "\n") {
			t.Errorf("error %q: want one line naming the file", msg)
		}
	})
}

// allRows are the rows an export yields, with their lines and tables.
func allRows(t *testing.T, f *ExportFile) []any {
	var err error
	var out []any
	for l, row := range f.rows(&err) {
		out = append(out, l.line, l.table, row)
	}
	if err != nil {
		t.Fatalf("rows: %v", err)
	}
	return out
}

package plan

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// readerPlans are plans whose JSON planReader must read itself: every
// field set, zero and empty values, strings that need escapes.
func readerPlans() map[string]*Plan {
	out := map[string]*Plan{"filled": fullPlan(), "zero": {}}
	for seed := 2; seed < 6; seed++ {
		p := &Plan{}
		fill(reflect.ValueOf(p).Elem(), seed)
		out["seed"+string(rune('0'+seed))] = p
	}
	z := fullPlan()
	clearLeaves(reflect.ValueOf(z).Elem())
	out["zero leaves"] = z
	e := fullPlan()
	emptyLists(reflect.ValueOf(e).Elem())
	out["empty lists"] = e
	esc := fullPlan()
	setStrings(reflect.ValueOf(esc).Elem(), "a\"b\\c\x00\x01\b\f\n\r\t\x1f\x7f <&> \u2028\u2029 ё 😀")
	out["escapes"] = esc
	for _, p := range out {
		for i := range p.Diagnostics {
			p.Diagnostics[i].Severity = Severity(i % 3) // fill's numbers name none
		}
	}
	return out
}

// checkReader decodes data with planReader and encoding/json: when
// planReader accepts it, both must give the same plan. It reports
// whether planReader accepted.
func checkReader(t *testing.T, name string, data []byte) bool {
	t.Helper()
	var fast Plan
	if ok, _ := decodeFast(data, &fast); !ok {
		return false
	}
	var ref Plan
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatalf("%s: planReader accepts what encoding/json refuses (%v):\n%.300s", name, err, data)
	}
	if !reflect.DeepEqual(&fast, &ref) {
		t.Fatalf("%s: planReader and encoding/json differ:\nfast %+v\njson %+v\ninput %.300s", name, fast, ref, data)
	}
	return true
}

func TestPlanReaderMatchesEncodingJSON(t *testing.T) {
	for name, p := range readerPlans() {
		var b bytes.Buffer
		if err := Write(&b, p); err != nil {
			t.Fatal(err)
		}
		if !checkReader(t, name, b.Bytes()) {
			t.Errorf("%s: planReader gives up on a plan Write wrote", name)
		}
		compact, _ := json.Marshal(p) // other white space, HTML escapes
		if !checkReader(t, name+" compact", compact) {
			t.Errorf("%s: planReader gives up on compact JSON", name)
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "render", "*.plan.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !checkReader(t, f, data) {
			t.Errorf("%s: planReader gives up", f)
		}
	}
	// A plan of an older layout ("pos" objects in diagnostics), which
	// encoding/json reads ignoring what it does not know.
	old := filepath.Join("..", "..", "collect", "testdata", "seed000.plan.json")
	data, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	if checkReader(t, old, data) {
		t.Errorf("%s: planReader reads a key the model does not have", old)
	}
}

// TestPlanReaderGivesUp lists inputs encoding/json reads differently from
// the model's own encoding, or refuses: planReader must leave them to it.
func TestPlanReaderGivesUp(t *testing.T) {
	for _, in := range []string{
		``, `{`, `[]`, `null`, "\ufeff{}", `{} x`, `{"schema_version": 1,}`,
		`{"Schema_Version": 1}`, `{"schema_version": 1, "unknown": 2}`,
		`{"schema_version": 1.0}`, `{"schema_version": 1e0}`, `{"schema_version": 01}`,
		`{"schema_version": "1"}`, `{"schema_version": 1, "schema_version": 2}`,
		`{"title": null}`, `{"title": "a` + "\xff" + `"}`, `{"title": "a` + "\n" + `"}`, `{"title": "\x"}`,
		`{"period": {"from": "2021-13", "to": "2021-01"}}`,
		`{"items": [{"deadline": {"months": ["2021\u002d01"]}}]}`,
		`{"items": [{"deadline": {"months": ["2021-01",]}}]}`,
		`{"items": [{"responsible": [{"kind": "boss"}]}]}`,
		`{"diagnostics": [{"severity": "fatal"}]}`,
		`{"items": [{"activity": null}]}`, `{"items": [{"has_children": 1}]}`,
		`{"schema_version": 99999999999999999999}`,
	} {
		var p Plan
		if ok, _ := decodeFast([]byte(in), &p); ok {
			t.Errorf("planReader accepts %q", in)
		}
	}
	// And these it reads as encoding/json does.
	for _, in := range []string{
		`{}`, ` {"schema_version": -0 } `, `{"title": "\u0041\ud83d\ude00\ud800x\u00e9\/"}`,
		`{"items": null, "sections": [], "amendments": []}`,
		`{"items": [{"number": null, "extra": {}, "deadline": {"months": null}}]}`,
		`{"items": [{"extra": {"a": "1", "a": "2"}}]}`,
	} {
		if !checkReader(t, in, []byte(in)) {
			t.Errorf("planReader gives up on %q", in)
		}
	}
}

// FuzzPlanReader: whatever planReader accepts, encoding/json decodes to
// the same plan.
func FuzzPlanReader(f *testing.F) {
	for _, p := range readerPlans() {
		var b bytes.Buffer
		Write(&b, p)
		f.Add(b.Bytes())
	}
	f.Add([]byte(`{"title": "\u0041\ud83d\ude00\ud800x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkReader(t, "fuzz", data)
	})
}

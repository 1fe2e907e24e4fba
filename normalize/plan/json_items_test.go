package plan

import (
	"bytes"
	"encoding/json"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// largePlan is a plan of n items of every field (with escapes in every
// second one), as many as make the items be read in parts.
func largePlan(n int) *Plan {
	p := fullPlan()
	base := p.Items[0]
	p.Items = make([]Item, n)
	for i := range p.Items {
		it := base
		fill(reflect.ValueOf(&it).Elem(), i)
		it.ID = "i" + strconv.Itoa(i)
		if i%2 == 1 {
			it.Activity.Text = "мероприятие \"" + strconv.Itoa(i) + "\"\n\t\\ 😀"
		}
		p.Items[i] = it
	}
	for i := range p.Diagnostics {
		p.Diagnostics[i].Severity = Warning // fill's number names none
	}
	return p
}

// TestItemsSplit: the items of a plan as Write lays it out are read in
// parts, on one goroutine or several, to what encoding/json reads; a
// layout whose lines do not split the array into its items is read in
// one pass, to the same result.
func TestItemsSplit(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, largePlan(3*minPartItems+7)); err != nil {
		t.Fatal(err)
	}
	written := b.String()
	compact, _ := json.Marshal(largePlan(minSplitItems + 1))
	at := func(i int) int { return strings.Index(written, `"id": "i`+strconv.Itoa(i)+`"`) }
	for _, tc := range []struct {
		name  string
		data  string
		split bool
	}{
		{"as written", written, true},
		{"compact", string(compact), false},
		// An item line inside an item: the tiling fails at it.
		{"object opened on an item line", written[:at(900)] + strings.Replace(written[at(900):], `"activity": {`, "\"activity\":\n    {", 1), false},
		// An array closed on the array's line inside an item: the
		// items found end early.
		{"array closed on the array's line", written[:at(10)] + strings.Replace(written[at(10):], "\n      ]", "\n  ]", 1), false},
		// Other white space between the items still splits.
		{"comma on a line of its own", written[:at(700)] + strings.Replace(written[at(700):], "\n    },\n    {", "\n    }\n ,\n    {", 1), true},
	} {
		if tc.name != "as written" && tc.data == written {
			t.Fatalf("%s: the layout was not changed", tc.name)
		}
		for _, procs := range []int{1, 2, 3} {
			t.Run(tc.name+"/GOMAXPROCS="+strconv.Itoa(procs), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				data := []byte(tc.data)
				if !checkReader(t, tc.name, data) {
					t.Fatal("planReader gives up")
				}
				i := bytes.Index(data, []byte(`"items":`)) + len(`"items":`)
				r := planReader{data: data, i: i, ok: true, strs: map[string]string{}}
				if _, split := r.itemsSplit(); split != tc.split {
					t.Errorf("read in parts: %v, want %v", split, tc.split)
				}
			})
		}
	}
	// A part that does not decode fails the fast path, as in one pass.
	for _, bad := range []string{`"level": 01`, `"level": "1"`} {
		data := []byte(written[:at(1300)] + strings.Replace(written[at(1300):], `"level": `, bad+`, "x": `, 1))
		var p Plan
		if ok, _ := decodeFast(data, &p); ok {
			t.Errorf("%s in a late part: planReader accepts it", bad)
		}
	}
}

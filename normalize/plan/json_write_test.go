package plan

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// encodingJSON is what Write wrote before planWriter, and must still
// write: encoding/json with two-space indentation, no HTML escaping.
func encodingJSON(t *testing.T, p *Plan) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func checkSameJSON(t *testing.T, name string, p *Plan) {
	t.Helper()
	want := encodingJSON(t, p)
	var got bytes.Buffer
	if err := Write(&got, p); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		g, w := got.String(), string(want)
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		line := strings.Count(w[:i], "\n") + 1
		t.Errorf("%s: Write differs from encoding/json at line %d:\nwrite: %.120q\njson:  %.120q", name, line, g[i:], w[i:])
	}
}

// TestWriteMatchesEncodingJSON compares Write with encoding/json on plans
// whose every field is set (by reflection: a field added to the model
// and not written by planWriter fails here), on the same with every
// optional field at its zero value, with lists empty rather than nil, and
// with strings that need escaping.
func TestWriteMatchesEncodingJSON(t *testing.T) {
	checkSameJSON(t, "filled", fullPlan())
	for seed := 2; seed < 9; seed++ {
		p := &Plan{}
		fill(reflect.ValueOf(p).Elem(), seed)
		checkSameJSON(t, "filled seed "+string(rune('0'+seed)), p)
	}
	checkSameJSON(t, "zero", &Plan{})
	zeroLeaves := &Plan{}
	fill(reflect.ValueOf(zeroLeaves).Elem(), 1)
	clearLeaves(reflect.ValueOf(zeroLeaves).Elem())
	checkSameJSON(t, "zero leaves", zeroLeaves)
	empty := &Plan{}
	fill(reflect.ValueOf(empty).Elem(), 1)
	emptyLists(reflect.ValueOf(empty).Elem())
	checkSameJSON(t, "empty lists", empty)

	esc := fullPlan()
	odd := "a\"b\\c\x00\x01\b\f\n\r\t\x1f\x7f <&> \u2028\u2029 \xff\xfe ё 😀 \xe2\x82"
	setStrings(reflect.ValueOf(esc).Elem(), odd)
	checkSameJSON(t, "escapes", esc)
	ex := fullPlan()
	ex.Items[0].Extra = map[string]string{"b": "2", "a": "1", "я": "3", "A": "0"}
	ex.Items[0].Responsible[0].Kind = 7
	ex.Diagnostics[0].Severity = 9
	ex.Period = Period{From: -14, To: MonthOf(12000, 3)}
	checkSameJSON(t, "odd values", ex)
}

// TestWriteMatchesEncodingJSONOnPlans compares them on the plans kept as
// test data.
func TestWriteMatchesEncodingJSONOnPlans(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*", "*.json"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*", "*", "*.json"))
	n := 0
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Decode(data)
		if err != nil {
			continue // not a plan, or a broken one kept for the tests of Decode
		}
		checkSameJSON(t, f, p)
		n++
	}
	if n < 2 {
		t.Fatalf("only %d plans found under testdata", n)
	}
}

func TestWriteMonthOutOfRange(t *testing.T) {
	p := fullPlan()
	p.Items[0].Deadline.Months = Months{MonthOf(10000, 1)}
	if err := Write(&bytes.Buffer{}, p); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("Write = %v, want the month out of range", err)
	}
	if _, err := json.Marshal(p); err == nil {
		t.Errorf("encoding/json accepts the month too")
	}
}

// clearLeaves sets every string, number and bool to its zero value,
// keeping lists, maps and pointers.
func clearLeaves(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			clearLeaves(v.Field(i))
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			clearLeaves(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			clearLeaves(v.Elem())
		}
	case reflect.Map:
	default:
		if v.CanSet() {
			v.Set(reflect.Zero(v.Type()))
		}
	}
}

// emptyLists makes every slice and map empty but not nil, and every
// pointer nil.
func emptyLists(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			emptyLists(v.Field(i))
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Struct {
			for i := 0; i < v.Len(); i++ {
				emptyLists(v.Index(i))
			}
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
	case reflect.Pointer:
		v.Set(reflect.Zero(v.Type()))
	}
}

// setStrings sets every string (map keys and values too) to s.
func setStrings(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			setStrings(v.Field(i), s)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			setStrings(v.Index(i), s)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			setStrings(v.Elem(), s)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf(s), reflect.ValueOf(s+"v"))
		v.Set(m)
	case reflect.String:
		v.SetString(s)
	}
}

// TestAppendJSONStringBytePairs compares appendJSONString with
// encoding/json on every pair of bytes, alone and between texts, so that
// the fast path for two-byte sequences sees each lead and continuation
// byte, valid or not, at the end of a string and inside it.
func TestAppendJSONStringBytePairs(t *testing.T) {
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			for _, s := range []string{string([]byte{byte(a), byte(b)}), "я" + string([]byte{byte(a)}), "ж" + string([]byte{byte(a), byte(b)}) + "\xe2\x80\xa8x"} {
				want.Reset()
				enc.Encode(s)
				w := bytes.TrimSuffix(want.Bytes(), []byte("\n"))
				if got := appendJSONString(nil, s); !bytes.Equal(got, w) {
					t.Fatalf("%q: got %s, want %s", s, got, w)
				}
			}
		}
	}
}

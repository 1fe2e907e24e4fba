package plan

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestHashCoversModel walks every field of the model: each must be
// either hashed (changing it changes Hash) or listed in HashExcluded
// (changing it leaves Hash as it was). A field added to the model and to
// neither fails here, so plan identity cannot drift silently.
func TestHashCoversModel(t *testing.T) {
	var paths []string
	leaves(reflect.TypeOf(Plan{}), "", &paths)
	if len(paths) < 40 {
		t.Fatalf("only %d fields found: %q", len(paths), paths)
	}
	used := map[string]bool{}
	for _, path := range paths {
		p := fullPlan()
		before := p.Hash()
		mutate(t, reflect.ValueOf(p).Elem(), strings.Split(path, "."))
		changed := p.Hash() != before
		excluded := ""
		for k := range HashExcluded {
			if path == k || strings.HasPrefix(path, k+".") || strings.HasPrefix(path, k+"[].") {
				excluded = k
			}
		}
		switch {
		case excluded != "":
			used[excluded] = true
			if changed {
				t.Errorf("%s changes Hash but HashExcluded says it does not count (%s)", path, HashExcluded[excluded])
			}
		case !changed:
			t.Errorf("%s does not change Hash: count it in Plan.Hash, or list it in HashExcluded with the reason it must not count", path)
		}
	}
	for k := range HashExcluded {
		if !used[k] {
			t.Errorf("HashExcluded names %s, which is no field of the model", k)
		}
	}
}

// TestHashStable pins the hash of a fixed plan: Hash is what issued
// workbooks and existing stores hold, so its encoding must not change
// without a migration (see HashExcluded). The filled plan's pin moves when
// the model gains a field (the filled plan then holds more); the pin of
// sample.plan.json, a plan written before those fields, must never move.
func TestHashStable(t *testing.T) {
	if got, want := fullPlan().Hash(), "60cf63781cb1a2e0"; got != want {
		t.Errorf("Hash of the filled plan = %s, want %s: the identity of every stored plan would change", got, want)
	}
	f, err := os.Open(filepath.Join("..", "..", "testdata", "render", "sample.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Hash(), "2735f958a961fa9c"; got != want {
		t.Errorf("Hash of testdata/render/sample.plan.json = %s, want %s: the identity of every stored plan would change", got, want)
	}
}

// TestHashStableLarge pins the hash of a plan far larger than the
// hasher's chunk (hashChunk), with one field longer than a chunk: the
// pin was taken before Hash gathered fields into chunks, so the byte
// stream hashed is the one it always was.
func TestHashStableLarge(t *testing.T) {
	p := fullPlan()
	item := p.Items[0]
	p.Items = nil
	for i := range 3000 {
		it := item
		it.ID = strconv.Itoa(i + 1)
		p.Items = append(p.Items, it)
	}
	p.Items[1500].Activity.Text = strings.Repeat("мероприятие ", 5000)
	if got, want := p.Hash(), "e6d83b8066d9e576"; got != want {
		t.Errorf("Hash of the large plan = %s, want %s: the identity of every stored plan would change", got, want)
	}
}

// leaves lists the paths of the leaf fields of t: "Items[].Deadline.Months".
func leaves(t reflect.Type, prefix string, out *[]string) {
	switch t.Kind() {
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := f.Name
			if prefix != "" {
				name = prefix + "." + f.Name
			}
			if f.Anonymous {
				name = strings.TrimSuffix(prefix+"."+f.Name, ".")
				name = strings.TrimPrefix(name, ".")
			}
			leaves(f.Type, name, out)
		}
	case reflect.Slice:
		if isStruct(t.Elem()) {
			leaves(t.Elem(), prefix+"[]", out)
			return
		}
		*out = append(*out, prefix)
	case reflect.Pointer:
		if isStruct(t.Elem()) {
			leaves(t.Elem(), prefix, out)
			return
		}
		*out = append(*out, prefix)
	default:
		*out = append(*out, prefix)
	}
}

func isStruct(t reflect.Type) bool { return t.Kind() == reflect.Struct }

// fullPlan is a plan in which every field holds a value: every slice one
// element, every pointer set, every map one key.
func fullPlan() *Plan {
	p := &Plan{}
	fill(reflect.ValueOf(p).Elem(), 1)
	return p
}

func fill(v reflect.Value, seed int) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), seed+i)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), seed)
		v.Set(s)
	case reflect.Pointer:
		e := reflect.New(v.Type().Elem())
		fill(e.Elem(), seed)
		v.Set(e)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, seed)
		fill(e, seed+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.String:
		v.SetString("v" + strings.Repeat("x", seed%7))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(24000 + seed))
	case reflect.Uint8:
		v.SetUint(1)
	case reflect.Bool:
		v.SetBool(seed%2 == 0)
	}
}

// mutate changes the leaf at path (the first element of every slice).
func mutate(t *testing.T, v reflect.Value, path []string) {
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if len(path) == 0 || len(path) == 1 && path[0] == "" {
		change(t, v)
		return
	}
	name, rest := path[0], path[1:]
	slice := strings.HasSuffix(name, "[]")
	f := v.FieldByName(strings.TrimSuffix(name, "[]"))
	if !f.IsValid() {
		t.Fatalf("no field %s in %s", name, v.Type())
	}
	if slice {
		f = f.Index(0)
	}
	mutate(t, f, rest)
}

// change gives a leaf another value.
func change(t *testing.T, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "changed")
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(v.Int() + 1)
	case reflect.Uint8:
		v.SetUint(v.Uint() ^ 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		v.Set(reflect.Append(v, v.Index(0)))
	case reflect.Map:
		k := reflect.New(v.Type().Key()).Elem()
		k.SetString("another key")
		v.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
	default:
		t.Fatalf("cannot change a %s", v.Type())
	}
}

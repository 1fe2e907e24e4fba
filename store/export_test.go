package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// fill gives a store something of everything Export writes: a plan and
// its amendment, a directory, users of both roles, tokens, links,
// workbooks superseding each other, a preferred tracker, a refiled file,
// web saves by a user and by a school, what was issued, the signing key,
// uploaded roadmaps decided and not, a named municipality.
func fill(t *testing.T, st *Store) (v1, v2 *plan.Plan) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mun, err := st.DefaultMunicipality(ctx)
	must(err)
	must(st.RenameMunicipality(ctx, mun, "г. Саров"))
	v1 = versionOf("План «Воспитание» на 2022 год", "i1", "i2", "i3")
	v2 = versionOf("План «Воспитание» на 2022 год (в ред. от 01.04.2022)", "j1", "j2", "j9")
	must(st.SavePlan(v1))
	must(st.Amend(ctx, NewAmendment{Old: v1, New: v2, Effective: "2022Q2", Carry: map[string]string{"i1": "j1", "i2": "j2"}, Diff: []byte(`{"changed":1}`), Now: t0}))
	must(st.ReplaceDirectory(ctx, []DirOrg{{Name: "МБОУ Школа № 1", Short: "Школа 1", Email: "s1@example.ru", Groups: []string{"ОбОО", "ОО"}},
		{Name: "МБОУ Школа № 2", Short: "Школа 2"}, {Name: "МБУ ДО ДДТ", Groups: []string{"ОДО"}}}, t0))
	must(st.UnlistOrg(ctx, "МБУ ДО ДДТ", t0.Add(time.Minute)))
	uid, err := st.AddUser(ctx, "ivanova", "Иванова", "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA", t0)
	must(err)
	_, err = st.AddAccount(ctx, User{Login: "minobr", Name: "Министерство", Created: t0, Role: RoleRegion}, "$argon2id$x")
	must(err)
	tok, err := st.AddToken(ctx, "tokhash1", "выгрузка", uid, t0, t0.Add(24000*time.Hour))
	must(err)
	_, err = st.AddToken(ctx, "tokhash2", "старый", uid, t0, t0.Add(24000*time.Hour))
	must(err)
	must(st.RevokeToken(ctx, tok+1, t0.Add(time.Hour)))
	ids, err := st.AddLinks(ctx, []NewLink{{Hash: "lh1", Org: "МБОУ Школа № 1", PlanHash: v1.Hash(), Quarter: "2022Q1", Created: t0, CreatedBy: uid, Expires: t0.Add(900 * time.Hour)},
		{Hash: "lh2", Org: "МБОУ Школа № 2", PlanHash: v1.Hash(), Quarter: "2022Q1", Created: t0, Expires: t0.Add(900 * time.Hour)}}, false)
	must(err)
	_, err = st.RevokeLink(ctx, ids[1], t0.Add(2*time.Hour))
	must(err)
	a := sub(v1, "f1", "МБОУ Школа № 1", "2022Q1", t0, plan.StatusInProgress, "i1", "i2")
	a.By = Actor{UserID: uid}
	b := sub(v1, "f2", "МБОУ Школа № 1", "2022Q1", t0.Add(time.Hour), plan.StatusDone, "i1")
	b.By = Actor{LinkID: ids[0]}
	tr := sub(v1, "t1", TrackerOrg, "2022Q1", t0, plan.StatusNotDone, "i3")
	tr.Prefer = true
	_, err = st.Add(ctx, []NewSubmission{a, b, tr})
	must(err)
	again := sub(v1, "f1", "МБОУ Школа № 1", "2022Q2", t0, plan.StatusInProgress, "i1", "i2")
	again.Replace = true
	_, err = st.Add(ctx, []NewSubmission{again})
	must(err)
	_, err = st.SaveEdit(ctx, Edit{PlanHash: v2.Hash(), Quarter: "2022Q2", Org: "МБОУ Школа № 2", ItemID: "j2", Status: plan.StatusDone,
		Date: "2022-05-01", Evidence: "https://example.ru/приказ", Comment: "строка 1\nстрока 2 «кавычки» \"и\" \\", At: t0.Add(3 * time.Hour), By: Actor{UserID: uid}, Key: "key-0001"})
	must(err)
	_, err = st.SaveEdit(ctx, Edit{PlanHash: v1.Hash(), Quarter: "2022Q1", Org: "МБОУ Школа № 1", ItemID: "i2", Status: plan.StatusPostponed,
		At: t0.Add(4 * time.Hour), By: Actor{LinkID: ids[0]}, Key: "key-0002"})
	must(err)
	must(st.RecordIssue(ctx, v1.Hash(), KindChecklist, "2022Q1", map[string][]string{"МБОУ Школа № 1": {"i1", "i2"}, "МБОУ Школа № 2": {"i3"}}))
	_, err = st.ManifestKey()
	must(err)
	imp, err := st.AddImport(ctx, 0, uid, "новый.txt", testPlan("Другой план", 2), "", t0)
	must(err)
	_, err = st.AddImport(ctx, 0, uid, "плохой.txt", nil, "плохой.txt:1: не таблица", t0)
	must(err)
	_, err = st.DecideImport(ctx, imp, Accepted, t0.Add(time.Hour))
	must(err)
	return v1, v2
}

func export(t *testing.T, st *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := st.Export(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func load(t *testing.T, db string, data []byte) *Store {
	t.Helper()
	st := openAt(t, db)
	if _, err := st.Load(context.Background(), bytes.NewReader(data), "выгрузка.jsonl", LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	return st
}

// SQLite → PostgreSQL → SQLite gives the same export, byte for byte,
// and each store so loaded answers as the first did.
func TestExportRoundTrip(t *testing.T) {
	sqlite, postgres := pgtest.Engines[0], pgtest.Engines[1]
	first := openAt(t, sqlite.New(t))
	v1, v2 := fill(t, first)
	// A region: a second municipality with its own plan, directory and
	// user.
	ctx := context.Background()
	m2, _, err := first.AddMunicipality(ctx, "г. Дербент", t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.SavePlanIn(ctx, m2.ID, testPlan("План Дербента", 3)); err != nil {
		t.Fatal(err)
	}
	if err := first.ReplaceDirectoryIn(ctx, m2.ID, []DirOrg{{Name: "МБОУ Школа № 1", Short: "СОШ 1 Дербент", Groups: []string{"ОбОО"}}}, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := first.AddAccount(ctx, User{Login: "petrova", Name: "Петрова", Created: t0, Role: RoleDepartment, Municipality: m2.ID}, "$argon2id$y"); err != nil {
		t.Fatal(err)
	}
	a := export(t, first)
	pg := load(t, postgres.New(t), a)
	b := export(t, pg)
	back := load(t, sqlite.New(t), b)
	c := export(t, back)
	if !bytes.Equal(a, b) {
		t.Fatalf("the export of PostgreSQL differs from SQLite's:\n%s", firstDiff(a, b))
	}
	if !bytes.Equal(a, c) {
		t.Fatalf("the export after the round trip differs:\n%s", firstDiff(a, c))
	}
	if n := bytes.Count(a, []byte(`{"table":"municipalities"`)); n != 2 {
		t.Fatalf("%d municipalities exported, want 2", n)
	}
	for _, table := range []string{"municipalities", "plans", "amendments", "carried_items", "directory", "users", "api_tokens", "links",
		"submissions", "answers", "edits", "issued", "imports", "secrets", "counters"} {
		if !bytes.Contains(a, []byte(`{"table":"`+table+`"`)) {
			t.Errorf("the export has no row of %s", table)
		}
	}
	for _, st := range []*Store{pg, back} {
		for _, p := range []*plan.Plan{v1, v2} {
			for _, q := range []Query{{Quarter: "2022Q1"}, {Quarter: "2022Q2"}, {Quarter: "2022Q2", PreferTracker: true}} {
				want, _ := first.Progress(p, q)
				got, err := st.Progress(p, q)
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Fatalf("%s, %+v: progress %v, %v; want %v", st.Engine(), q, got, err, want)
				}
			}
		}
		wantH, _ := first.History(ctx, v1.Hash(), "i1", "")
		if h, _ := st.History(ctx, v1.Hash(), "i1", ""); !reflect.DeepEqual(h, wantH) {
			t.Fatalf("%s: history %+v, want %+v", st.Engine(), h, wantH)
		}
		if u, _, err := st.TokenUser(ctx, "tokhash1", t0); err != nil || u.Login != "ivanova" {
			t.Fatalf("%s: the token: %+v %v", st.Engine(), u, err)
		}
		if _, _, err := st.TokenUser(ctx, "tokhash2", t0); !errors.Is(err, ErrTokenRevoked) {
			t.Fatalf("%s: the revoked token works: %v", st.Engine(), err)
		}
		// New rows get numbers after the loaded ones.
		id, err := st.AddUser(ctx, "petrov", "Петров", "h", t0)
		if err != nil || id != 4 {
			t.Fatalf("%s: a new user after the load: id %d, %v (want 4)", st.Engine(), id, err)
		}
		if u, _, err := st.UserByLogin(ctx, "petrova"); err != nil || u.Municipality != m2.ID {
			t.Fatalf("%s: petrova: %+v %v", st.Engine(), u, err)
		}
		if d, err := st.DirectoryIn(ctx, m2.ID); err != nil || len(d) != 1 || d[0].Short != "СОШ 1 Дербент" {
			t.Fatalf("%s: Дербент's directory: %+v %v", st.Engine(), d, err)
		}
		if k1, _ := first.ManifestKey(); !bytes.Equal(k1, must1(st.ManifestKey())) {
			t.Fatalf("%s: the signing key was not moved", st.Engine())
		}
	}
}

func must1[T any](v T, _ error) T { return v }

// firstDiff shows the first line two exports differ at.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, %d lines", len(al), len(bl))
}

// A department's store moves into a region's (not empty) as a named
// municipality: everything renumbered, its references followed, nothing
// lost; its key signs its plans' workbooks still; a login or a plan the
// region has refuses the whole file.
func TestLoadMerge(t *testing.T) { pgtest.Run(t, testLoadMerge) }

func testLoadMerge(t *testing.T, e pgtest.Engine) {
	ctx := context.Background()
	dept := openAt(t, pgtest.Engines[0].New(t))
	v1, v2 := fill(t, dept)
	data := export(t, dept)
	deptKey, _ := dept.ManifestKey()

	region := openAt(t, e.New(t))
	other := testPlan("План другого муниципалитета", 2)
	if err := region.SavePlan(other); err != nil {
		t.Fatal(err)
	}
	if _, err := region.AddUser(ctx, "kuznetsova", "Кузнецова", "h", t0); err != nil {
		t.Fatal(err)
	}
	regionKey, _ := region.ManifestKey()
	if _, err := region.Load(ctx, bytes.NewReader(data), "dept.jsonl", LoadOptions{}); err == nil || !strings.Contains(err.Error(), "--municipality") {
		t.Fatalf("a merge without a municipality: %v", err)
	}
	res, err := region.Load(ctx, bytes.NewReader(data), "dept.jsonl", LoadOptions{Municipality: "г. Дербент"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Merged || res.Rows["answers"] != 6 || res.Rows["edits"] != 2 || res.Rows["users"] != 2 {
		t.Fatalf("loaded %+v", res)
	}
	m, err := region.MunicipalityByName(ctx, "г. Дербент")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*plan.Plan{v1, v2} {
		if got, _ := region.PlanMunicipality(ctx, p.Hash()); got != m.ID {
			t.Fatalf("plan %s in municipality %d, want %d", p.Title, got, m.ID)
		}
		for _, q := range []Query{{Quarter: "2022Q1"}, {Quarter: "2022Q2"}} {
			want, _ := dept.Progress(p, q)
			if got, err := region.Progress(p, q); err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("progress %v, %v; want %v", got, err, want)
			}
		}
	}
	wantH, _ := dept.History(ctx, v1.Hash(), "i1", "")
	if h, _ := region.History(ctx, v1.Hash(), "i1", ""); len(h) != len(wantH) || h[len(h)-1].ByName != wantH[len(wantH)-1].ByName {
		t.Fatalf("history %+v, want %+v", h, wantH)
	}
	u, _, err := region.UserByLogin(ctx, "ivanova")
	if err != nil || u.Municipality != m.ID {
		t.Fatalf("ivanova: %+v %v", u, err)
	}
	if d, _ := region.DirectoryIn(ctx, m.ID); len(d) != 2 || d[0].Email != "s1@example.ru" {
		t.Fatalf("the directory moved: %+v", d)
	}
	if d, _ := region.Directory(ctx); len(d) != 0 {
		t.Fatalf("the region's own directory changed: %+v", d)
	}
	if k, _ := region.ManifestKeyFor(ctx, v1.Hash()); !bytes.Equal(k, deptKey) {
		t.Fatal("the department's plans are not signed with its key")
	}
	if k, _ := region.ManifestKeyFor(ctx, other.Hash()); !bytes.Equal(k, regionKey) {
		t.Fatal("the region's own plans lost its key")
	}
	// Loading it again: its plans are there now; nothing is written.
	var before int
	region.DB().QueryRow(`SELECT COUNT(*) FROM answers`).Scan(&before)
	if _, err := region.Load(ctx, bytes.NewReader(data), "dept.jsonl", LoadOptions{Municipality: "г. Кстово"}); err == nil || !strings.Contains(err.Error(), "уже есть в базе") {
		t.Fatalf("the same department again: %v", err)
	}
	var after int
	region.DB().QueryRow(`SELECT COUNT(*) FROM answers`).Scan(&after)
	if _, err := region.MunicipalityByName(ctx, "г. Кстово"); !errors.Is(err, ErrNotFound) || after != before {
		t.Fatalf("a refused load left something: municipality %v, answers %d → %d", err, before, after)
	}
}

// Files that are not exports are refused with the line and the reason.
func TestLoadRefusesBadFiles(t *testing.T) {
	st := openAt(t, pgtest.Engines[0].New(t))
	for _, c := range []struct{ data, want string }{
		{"", "пустой файл"},
		{"{\"format\":\"other\"}\n", "x.jsonl:1: файл не выгрузка базы roadmap"},
		{"{\"format\":\"roadmap-store\",\"version\":9,\"schema\":7}\n", "версия формата выгрузки 9"},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":99}\n", "более новой версией"},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\n{\"table\":\"nope\",\"row\":{}}\n", "x.jsonl:2: неизвестная таблица"},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\n{\"table\":\"counters\",\"row\":{\"name\":\"a\"}}\n", "x.jsonl:2: в строке таблицы counters нет столбца value"},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\n{\"table\":\"counters\",\"row\":{\"name\":1,\"value\":1}}\n", "x.jsonl:2: counters.name: ожидается строка"},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\nnot json\n", "x.jsonl:2:2: строка не читается как JSON"},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\n{\"table\":\"counters\",\"row\":{\"name\":\"a\",\"value\":1}}\n{\"table\":\"counters\" \"row\"}\n", "x.jsonl:3:21: строка не читается как JSON"},
		{"\ufeff{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\n{\"table\":\"nope\",\"row\":{}}\n", "x.jsonl:2: неизвестная таблица"},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\n{\"table\":\"municipalities\",\"row\":{\"created\":\"\",\"id\":1,\"manifest_key\":null,\"name\":\"\"}}\n{\"table\":\"municipalities\",\"row\":{\"created\":\"\",\"id\":1,\"manifest_key\":null,\"name\":\"\"}}\n",
			"x.jsonl:3: таблица municipalities: запись с таким ключом уже есть: строка повторяет другую строку выгрузки или запись базы"},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\n[1, 2]\n", "x.jsonl:2: строка не читается как JSON: ожидается {\"table\""},
		{"{\"format\":\"roadmap-store\",\"version\":1,\"schema\":7}\n{\"table\":\"answers\",\"row\":{\"submission_id\":1,\"item_id\":\"1\",\"org\":\"\",\"status\":\"\",\"raw\":\"\",\"date\":\"\",\"evidence\":\"\",\"comment\":\"\",\"row\":\"12\"}}\n", "x.jsonl:2: answers.row: ожидается число"},
	} {
		_, err := st.Load(context.Background(), strings.NewReader(c.data), "x.jsonl", LoadOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.data, err, c.want)
		}
	}
}

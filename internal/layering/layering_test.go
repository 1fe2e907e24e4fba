// Package layering guards who may import whom (STYLE.md): the plan model
// imports nothing of ours; readers and writers never import each other;
// the writers are pure (no file system helpers, no directory of
// organisations, no store); only the Excel and PDF writers import
// excelize and fpdf; the command line reaches the rest through the core.
package layering

import (
	"os/exec"
	"strings"
	"testing"
)

const mod = "github.com/roadmap-tool/roadmap/"

// list runs go list with a template over a package; it fails the test
// (never skips: a test that cannot look has not checked anything).
func list(t *testing.T, format, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", format, mod+pkg).Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += ": " + string(ee.Stderr)
		}
		t.Fatalf("go list %s: %s", pkg, msg)
	}
	return strings.Fields(string(out))
}

// deps are every package pkg depends on; imports only those it names.
func deps(t *testing.T, pkg string) []string {
	return list(t, `{{join .Deps " "}}`, pkg)
}

func imports(t *testing.T, pkg string) []string {
	return list(t, `{{join .Imports " "}}`, pkg)
}

var (
	excelize   = "github.com/xuri/excelize"
	fpdf       = "github.com/go-pdf/fpdf"
	readers    = []string{mod + "ingest", mod + "normalize/schedule", mod + "normalize/orgs"}
	sideEffect = []string{mod + "internal/atomicfile", mod + "internal/findfiles", mod + "orgdir", mod + "store", mod + "collect", mod + "produce", mod + "pipeline"}
)

func join(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func TestLayering(t *testing.T) {
	rules := []struct {
		pkg       string
		direct    bool     // check direct imports only (the package is meant to reach the rest through others)
		forbidden []string // prefixes
	}{
		{pkg: "normalize/plan", forbidden: []string{mod}},
		{pkg: "templates", forbidden: join([]string{mod + "normalize/schedule", mod + "view", mod + "render", excelize, fpdf}, readers, sideEffect)},
		{pkg: "ingest", forbidden: join([]string{mod + "normalize/schedule", mod + "normalize/orgs", mod + "render", mod + "view", excelize, fpdf}, sideEffect)},
		{pkg: "normalize", forbidden: join([]string{mod + "render", mod + "view", excelize, fpdf}, sideEffect)},
		// The views of the model are not writers: both writers use them.
		{pkg: "view", forbidden: join([]string{mod + "render", excelize, fpdf}, readers, sideEffect)},
		// Writers: a model and its words in, bytes out.
		{pkg: "render/xlsx", forbidden: join([]string{mod + "render/pdf", fpdf}, readers, sideEffect)},
		{pkg: "render/pdf", forbidden: join([]string{mod + "render/xlsx", excelize}, readers, sideEffect)},
		{pkg: "orgdir", forbidden: join([]string{mod + "ingest", mod + "render", mod + "view", mod + "store", mod + "collect", mod + "produce", mod + "pipeline", excelize, fpdf})},
		{pkg: "store", forbidden: join([]string{mod + "ingest", mod + "render", mod + "view", mod + "collect", mod + "produce", mod + "pipeline", mod + "orgdir", excelize, fpdf})},
		{pkg: "collect", forbidden: join([]string{mod + "render", mod + "view", mod + "produce", mod + "pipeline", mod + "orgdir", excelize, fpdf}, readers)},
		// The core reaches excelize and fpdf only through the writers, and
		// knows nothing of the faces that call it.
		{pkg: "produce", direct: true, forbidden: []string{excelize, fpdf, mod + "pipeline", mod + "cmd", mod + "internal/ruscli"}},
		{pkg: "produce", forbidden: []string{mod + "pipeline", mod + "cmd", mod + "internal/ruscli", "github.com/urfave/cli"}},
		{pkg: "pipeline", direct: true, forbidden: join([]string{mod + "render", mod + "view", mod + "ingest", mod + "normalize/schedule", mod + "normalize/orgs", mod + "store", excelize, fpdf})},
		// The command line parses flags, calls the core and prints.
		{pkg: "cmd/roadmap", direct: true, forbidden: join([]string{mod + "render", mod + "view", mod + "store", mod + "internal/atomicfile",
			mod + "normalize/schedule", mod + "normalize/orgs", excelize, fpdf}, readers)},
		// The web face, like the command line, reaches documents through the
		// core: no writer, excelize or fpdf, reader or file helper of its own.
		{pkg: "web", direct: true, forbidden: join([]string{mod + "render", mod + "internal/atomicfile", mod + "pipeline", mod + "cmd",
			mod + "internal/ruscli", "github.com/urfave/cli", mod + "normalize/schedule", mod + "normalize/orgs", excelize, fpdf}, readers)},
		{pkg: "web", forbidden: []string{mod + "cmd", mod + "pipeline", mod + "internal/ruscli", "github.com/urfave/cli"}},
		// Who is asking: the store and the secrets, nothing of documents.
		{pkg: "access", forbidden: join([]string{mod + "render", mod + "view", mod + "produce", mod + "collect", mod + "web", mod + "cmd",
			mod + "orgdir", excelize, fpdf}, readers)},
		{pkg: "internal/secret", forbidden: []string{mod}},
		// A usage error is shared by the core and the faces: it knows no one.
		{pkg: "internal/usage", forbidden: []string{mod}},
		// The diff engine compares two models: it reads and writes nothing.
		{pkg: "plandiff", forbidden: join([]string{mod + "render", mod + "view", excelize, fpdf}, readers, sideEffect)},
		// Documents are parsed without the rest of ingest or the model.
		{pkg: "ingest/document", forbidden: []string{mod}},
	}
	for _, r := range rules {
		ds := deps(t, r.pkg)
		if r.direct {
			ds = imports(t, r.pkg)
		}
		if len(ds) == 0 {
			t.Errorf("%s: go list found no dependencies", r.pkg)
		}
		for _, d := range ds {
			for _, f := range r.forbidden {
				if d == mod+r.pkg {
					continue
				}
				if d == strings.TrimSuffix(f, "/") || strings.HasPrefix(d, f) {
					t.Errorf("%s imports %s", r.pkg, d)
				}
			}
		}
	}
}

// TestWritersApart states the rule for every writer, present and future:
// no package under render/ imports another one.
func TestWritersApart(t *testing.T) {
	writers := list(t, `{{.ImportPath}}`, "render/...")
	if len(writers) < 2 {
		t.Fatalf("writers: %q", writers)
	}
	for _, w := range writers {
		for _, d := range list(t, `{{join .Deps " "}}`, strings.TrimPrefix(w, mod)) {
			if strings.HasPrefix(d, mod+"render/") && d != w {
				t.Errorf("%s imports the writer %s", w, d)
			}
		}
	}
}

package orgdir

import (
	"fmt"
	"strings"

	"github.com/roadmap-tool/roadmap/normalize/orgs"
	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Recipients says who receives which activities: organisation name ->
// ids of its items in plan order. Every executor, co-executors included,
// is resolved to directory organisations: by its canonical name, source
// text, or the plan's short and full names and aliases for it. A group
// executor expands to the directory's members of that group; a group the
// plan lists with members ("МБОУ Школы №№ 10, 17") expands to those
// members. What cannot be resolved keeps its own name, so its activities
// still get a checklist: an unknown group with a warning (unknown-group),
// an organisation missing from the directory with a note.
//
// A nil Directory takes the organisations from the plan itself: every
// canonical organisation and every group without listed members gets its
// own checklist.
func (d *Directory) Recipients(p *plan.Plan) (map[string][]string, plan.Diagnostics) {
	r := resolver{d: d, p: p, orgs: map[string]*plan.Organization{}, warned: map[string]bool{}, found: map[string]string{}}
	for i := range p.Organizations {
		o := &p.Organizations[i]
		r.orgs[o.Name] = o
	}
	out := map[string][]string{}
	for i := range p.Items {
		it := &p.Items[i]
		for _, e := range it.Responsible {
			for _, name := range r.resolve(it, e) {
				ids := out[name]
				if len(ids) == 0 || ids[len(ids)-1] != it.ID {
					out[name] = append(ids, it.ID)
				}
			}
		}
	}
	return out, r.diags
}

type resolver struct {
	d      *Directory
	p      *plan.Plan
	orgs   map[string]*plan.Organization
	warned map[string]bool
	diags  plan.Diagnostics
	// found caches the directory's name for each spelling looked up ("" =
	// none): a school is named on every item it is given (500 schools ×
	// 80 items), and each lookup folds the spelling into keys.
	found map[string]string
}

// lookup is the directory's name of an organisation spelled n.
func (r *resolver) lookup(n string) (string, bool) {
	name, ok := r.found[n]
	if !ok {
		if o, hit := r.d.Lookup(n); hit {
			name = o.Name
		}
		r.found[n] = name
	}
	return name, name != ""
}

func (r *resolver) pos(it *plan.Item) plan.Pos {
	return plan.Pos{File: r.p.Source.Path, Line: it.Line}
}

func (r *resolver) resolve(it *plan.Item, e plan.Executor) []string {
	name := e.Org
	if name == "" {
		name = strings.TrimSpace(e.Text)
	}
	if name == "" {
		return nil
	}
	po := r.orgs[e.Org]
	group := e.Group || po != nil && po.Group
	if group && po != nil && len(po.Members) > 0 {
		var out []string
		for _, m := range po.Members {
			out = append(out, r.single(it, m, nil))
		}
		return out
	}
	if !group {
		return []string{r.single(it, name, append([]string{e.Text}, planNames(po)...))}
	}
	if r.d != nil {
		keys := []string{orgs.GroupKey(name), orgs.GroupKey(e.Text)}
		for _, n := range planNames(po) {
			keys = append(keys, orgs.GroupKey(n))
		}
		for _, k := range keys {
			if members := r.d.inGroup[k]; len(members) > 0 {
				out := make([]string, len(members))
				for i, m := range members {
					out[i] = r.d.Orgs[m].Name
				}
				return out
			}
		}
	}
	if !r.warned["group:"+name] {
		r.warned["group:"+name] = true
		msg := fmt.Sprintf("группа исполнителей %q: состав неизвестен (нет справочника организаций), чек-лист составлен на саму группу", name)
		if r.d != nil {
			msg = fmt.Sprintf("группа исполнителей %q: в справочнике %s нет организаций этой группы, чек-лист составлен на саму группу", name, r.d.Path)
		}
		r.diags.Add(r.pos(it), plan.Warning, plan.CodeUnknownGroup, msg, e.Text)
	}
	return []string{name}
}

// single resolves one organisation through the directory, trying its
// other known spellings; without a match it keeps its own name.
func (r *resolver) single(it *plan.Item, name string, other []string) string {
	if r.d == nil {
		return name
	}
	if found, ok := r.lookup(name); ok {
		return found
	}
	for _, n := range other {
		if found, ok := r.lookup(n); ok {
			return found
		}
	}
	if !r.warned["org:"+name] {
		r.warned["org:"+name] = true
		r.diags.Add(r.pos(it), plan.Info, plan.CodeUnknownExecutor,
			fmt.Sprintf("исполнителя %q нет в справочнике %s: чек-лист составлен на это название", name, r.d.Path), name)
	}
	return name
}

// planNames are the other names the plan knows for an organisation.
func planNames(o *plan.Organization) []string {
	if o == nil {
		return nil
	}
	out := []string{o.Short, o.Full}
	return append(out, o.Aliases...)
}

// Short returns the short name to use for an organisation: the
// directory's, else the plan's, else "".
func (d *Directory) Short(p *plan.Plan, name string) string {
	if o, ok := d.Lookup(name); ok && orgs.CompactKey(o.Name) == orgs.CompactKey(name) && o.Short != "" {
		return o.Short
	}
	for _, o := range p.Organizations {
		if o.Name == name {
			return o.Short
		}
	}
	return ""
}

package produce

import (
	"context"
	"fmt"
	"os"

	"github.com/roadmap-tool/roadmap/normalize/plan"
	"github.com/roadmap-tool/roadmap/store"
)

// Store is what the operations need of a status store: to register a plan
// (so that the workbooks made from it are recognised when they come back)
// and to read the latest answers. *store.Store (SQLite) is one; another
// engine behind the same two methods serves as well.
type Store interface {
	SavePlan(p *plan.Plan) error
	Progress(p *plan.Plan, q store.Query) (*plan.Progress, error)
}

// OpenStore opens the status store --db names, creating it if needed:
// the SQLite file at path, or a region's PostgreSQL database for a URL
// postgres://... (store.Open).
func OpenStore(path string) (*store.Store, error) {
	if err := storeFile(path); err != nil {
		return nil, err
	}
	return store.Open(path)
}

// storeFile refuses a store path that names something other than a
// regular file: SQLite opened /dev/null as the database and created
// /dev/null-journal beside it (a write where nobody asked), and read a
// folder or a named pipe with an English "I/O error". A path that does
// not exist yet is created by store.Open.
func storeFile(path string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().IsRegular() {
		return nil
	}
	what := "устройство"
	switch {
	case fi.IsDir():
		what = "папка"
	case fi.Mode()&os.ModeNamedPipe != 0:
		what = "именованный канал"
	case fi.Mode()&os.ModeSocket != 0:
		what = "сокет"
	}
	return fmt.Errorf("%s: это %s, а ожидается файл базы данных (--db FILE)", path, what)
}

// OpenExistingStore opens the store at path for reading answers: a missing
// file is an error naming it, rather than a new empty database that would
// make every status read "нет данных". (A PostgreSQL database that does
// not exist is refused by the server.)
func OpenExistingStore(path string) (*store.Store, error) {
	if store.IsPostgres(path) {
		return store.Open(path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, PathError(path, err)
	}
	return OpenStore(path)
}

// Register saves p in st.
func Register(ctx context.Context, st Store, p *plan.Plan) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	if err := st.SavePlan(p); err != nil {
		return fmt.Errorf("%s: %w", storeName(st), err)
	}
	return nil
}

// Progress reads the latest answers to p up to the end of quarter ("" =
// all), school answers preferred over the department's tracker unless
// preferTracker.
func Progress(ctx context.Context, st Store, p *plan.Plan, quarter string, preferTracker bool) (*plan.Progress, error) {
	if err := stopped(ctx); err != nil {
		return nil, err
	}
	prog, err := st.Progress(p, store.Query{Quarter: quarter, PreferTracker: preferTracker})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", storeName(st), err)
	}
	return prog, nil
}

// NoAnswers returns a warning when a store holds no answers to the plan
// (another plan's database, or one nothing was collected into yet): not
// an error, but every status would read "нет данных" without a word why.
// It returns "" when there are answers or no store was read (prog nil).
func NoAnswers(st Store, quarter string, prog *plan.Progress) string {
	if prog == nil || len(prog.Answers) > 0 {
		return ""
	}
	when := ""
	if quarter != "" {
		when = " за " + quarter + " и ранее"
	}
	return fmt.Sprintf("%s: нет отметок о выполнении этого плана%s; статусы — «нет данных»", storeName(st), when)
}

// storeName names a store in messages: its path when it has one.
func storeName(st Store) string {
	if p, ok := st.(interface{ Path() string }); ok {
		return p.Path()
	}
	return "хранилище статусов"
}

// ProgressFromFile reads the answers to p from the store file at path
// (which must exist; "" = no store and nil answers), as Progress does. A
// store without answers to p is not an error: warn, when set, is told so
// (NoAnswers).
func ProgressFromFile(ctx context.Context, path string, p *plan.Plan, quarter string, preferTracker bool, warn func(string)) (*plan.Progress, error) {
	if path == "" {
		return nil, nil
	}
	st, err := OpenExistingStore(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	prog, err := Progress(ctx, st, p, quarter, preferTracker)
	if msg := NoAnswers(st, quarter, prog); msg != "" && err == nil && warn != nil {
		warn(msg)
	}
	return prog, err
}

// RegisterInFile saves plans in the store file at path, created if
// needed ("" = no store, nothing done), so that the workbooks made from
// them are recognised when they come back.
func RegisterInFile(ctx context.Context, path string, plans ...*plan.Plan) error {
	if path == "" {
		return nil
	}
	st, err := OpenStore(path)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, p := range plans {
		if err := Register(ctx, st, p); err != nil {
			return err
		}
	}
	return nil
}

// RegisterFiles reads each input (OpenFile) and saves the plans in the
// store file at path, created if needed.
func RegisterFiles(ctx context.Context, path string, inputs ...string) error {
	plans, err := Reader{}.OpenFiles(ctx, inputs)
	if err != nil || len(plans) == 0 {
		return err
	}
	return RegisterInFile(ctx, path, plans...)
}

package produce

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/store"
)

// Moving a store between engines (store.Export, store.Load): a
// department's SQLite file into the region's PostgreSQL, or back.

// ExportStore writes everything the store at db holds to w (JSON lines).
func ExportStore(ctx context.Context, db string, w io.Writer) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	st, err := OpenExistingStore(db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Export(ctx, w); err != nil {
		return fmt.Errorf("%s: %w", st.Path(), err)
	}
	return nil
}

// sqliteMagic opens every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// ImportOptions are store.LoadOptions, for the commands that call the
// core and not the store.
type ImportOptions = store.LoadOptions

// ImportStore loads src into the store at db (created if needed): src is
// an export (roadmap export; "-" is standard input) or a store itself,
// a SQLite file or a PostgreSQL URL, exported on the way: one command
// moves a department's history into the region's store.
func ImportStore(ctx context.Context, src, db string, o store.LoadOptions) (store.Loaded, error) {
	if err := stopped(ctx); err != nil {
		return store.Loaded{}, err
	}
	var r io.Reader
	var file io.ReadSeeker // a regular file, read again while loading
	name := src
	switch {
	case store.IsPostgres(src):
		var buf bytes.Buffer
		if err := ExportStore(ctx, src, &buf); err != nil {
			return store.Loaded{}, err
		}
		r, name = &buf, store.Redact(src)
	case src == StdinArg:
		r, name = os.Stdin, "стандартный ввод"
	default:
		f, err := inputfile.Open(src) // a pipe nobody writes to hung here
		if err != nil {
			return store.Loaded{}, PathError(src, err)
		}
		defer f.Close()
		br := bufio.NewReader(f)
		head, _ := br.Peek(len(sqliteMagic))
		if bytes.Equal(head, sqliteMagic) {
			var buf bytes.Buffer
			if err := ExportStore(ctx, src, &buf); err != nil {
				return store.Loaded{}, err
			}
			r = &buf
		} else if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return store.Loaded{}, PathError(src, err)
			}
			file = f
		} else {
			r = br
		}
	}
	// The file is read and checked before the store is opened (or
	// made): a file refused leaves no store behind.
	var f *store.ExportFile
	var err error
	if file != nil {
		f, err = store.ReadExportFile(file, name)
	} else {
		f, err = store.ReadExport(r, name)
	}
	if err != nil {
		return store.Loaded{}, err
	}
	st, err := OpenStore(db)
	if err != nil {
		return store.Loaded{}, err
	}
	defer st.Close()
	res, err := st.LoadFile(ctx, f, o)
	if err != nil {
		return res, fmt.Errorf("%s: %w", st.Path(), err)
	}
	return res, nil
}

// ImportSummary says what ImportStore loaded, for a terminal: how (into
// an empty store, or as the municipality o names in a region's) and the
// rows of each table, by table name: "Загружено в пустую базу: plans 2,
// users 1".
func ImportSummary(res store.Loaded, o ImportOptions) string {
	tables := make([]string, 0, len(res.Rows))
	for t, n := range res.Rows {
		if n > 0 {
			tables = append(tables, fmt.Sprintf("%s %d", t, n))
		}
	}
	sort.Strings(tables)
	how := "в пустую базу"
	if res.Merged {
		how = "муниципалитетом «" + strings.TrimSpace(o.Municipality) + "»"
	}
	return fmt.Sprintf("Загружено %s: %s", how, strings.Join(tables, ", "))
}

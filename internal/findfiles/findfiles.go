// Package findfiles lists the files of a folder tree that a command takes
// as input, the one way every command walks folders: hidden folders and
// files are skipped (editors' lock files, the tool's own temporary files),
// and the result is sorted so reports come out in a stable order.
//
// A walk never stops at the first thing it cannot read: a folder without
// permission, a broken symbolic link or a named pipe among the files is a
// Problem, reported beside the files found, and the rest of the tree is
// still listed (a batch command reports the problem and goes on).
package findfiles

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/roadmap-tool/roadmap/internal/syserr"
)

// Problem is a path under the root that could not be listed or is no
// regular file: its error says why, in Russian where it is ours.
type Problem struct {
	Path string
	Err  error
}

func (p Problem) Error() string { return p.Path + ": " + syserr.Text(p.Err) }

func (p Problem) Unwrap() error { return p.Err }

// ErrNotRegular is the cause of a Problem for a named pipe, a device or a
// socket found among the files: reading one could wait forever.
var ErrNotRegular = errors.New("не обычный файл (именованный канал, устройство или сокет), пропущен")

// ErrBrokenLink is the cause of a Problem for a symbolic link to nothing.
var ErrBrokenLink = errors.New("символическая ссылка указывает на несуществующий файл, пропущена")

// Options tune a walk; the zero value lists every wanted regular file.
type Options struct {
	// SkipDir, when set, is asked about every folder below the root; a
	// folder it accepts is not entered (another run's outputs).
	SkipDir func(path string) bool
}

// Walk returns the files below root whose base name want accepts, sorted,
// and the problems met: folders that could not be read, and wanted names
// that are broken links or not regular files. Names starting with "."
// (files and folders below root) are skipped, and so are symbolic links
// to folders (a link back up the tree would never end). A root that
// cannot be read is a problem too.
func Walk(root string, want func(name string) bool, o Options) ([]string, []Problem) {
	var found []string
	var problems []Problem
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, Problem{Path: path, Err: cause(err)})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || o.SkipDir != nil && o.SkipDir(path)) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || !want(name) {
			return nil
		}
		switch t := d.Type(); {
		case t.IsRegular():
			found = append(found, path)
		case t&fs.ModeSymlink != 0:
			fi, err := os.Stat(path)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				problems = append(problems, Problem{Path: path, Err: ErrBrokenLink})
			case err != nil:
				problems = append(problems, Problem{Path: path, Err: cause(err)})
			case fi.Mode().IsRegular():
				found = append(found, path)
			case !fi.IsDir():
				problems = append(problems, Problem{Path: path, Err: ErrNotRegular})
			}
		default:
			problems = append(problems, Problem{Path: path, Err: ErrNotRegular})
		}
		return nil
	})
	sort.Strings(found)
	sort.Slice(problems, func(i, j int) bool { return problems[i].Path < problems[j].Path })
	return found, problems
}

// cause drops the *fs.PathError around err: a Problem names the path.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Under is Walk without options whose first problem, if any, is the
// error: for a caller that cannot go on without the whole tree.
func Under(root string, want func(name string) bool) ([]string, error) {
	found, problems := Walk(root, want, Options{})
	if len(problems) > 0 {
		return found, problems[0]
	}
	return found, nil
}

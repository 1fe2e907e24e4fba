// Package findfiles lists the files of a folder tree that a command takes
// as input, the one way every command walks folders: hidden folders and
// files are skipped (editors' lock files, the tool's own temporary files),
// and the result is sorted so reports come out in a stable order.
package findfiles

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// Under returns the files below root whose base name want accepts,
// sorted. Names starting with "." (files and folders below root) are
// skipped.
func Under(root string, want func(name string) bool) ([]string, error) {
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(name, ".") && want(name) {
			found = append(found, path)
		}
		return nil
	})
	sort.Strings(found)
	return found, err
}

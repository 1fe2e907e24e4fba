// Package seedtest makes variants of the sample roadmaps for tests: a
// new version of a seed, amended as departments amend theirs.
package seedtest

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Amend returns a new version of a seed export (the Sarov roadmap,
// whose section 1 numbers its items 1.1., 1.2., ...) as a department
// would receive it: the amendment line added to the title, item
// 1.<drop> taken out and the items after it renumbered, and the text of
// other lines replaced (old, new pairs).
func Amend(t testing.TB, src, amendment string, drop int, replace ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	num := regexp.MustCompile(`^1\.(\d+)\.\t`)
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "**План мероприятий") {
			l += "**(" + amendment + ")**"
		}
		if m := num.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			switch {
			case n == drop:
				continue
			case n > drop:
				l = fmt.Sprintf("1.%d.\t", n-1) + l[len(m[0]):]
			}
		}
		out = append(out, l)
	}
	return []byte(strings.NewReplacer(replace...).Replace(strings.Join(out, "\n")))
}

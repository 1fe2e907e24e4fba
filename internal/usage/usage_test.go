package usage

import (
	"errors"
	"fmt"
	"testing"
)

func TestIs(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{Errorf("tracker: -o %s: ожидается файл", "x"), true},
		{fmt.Errorf("users add: %w", Errorf("--role %q", "admin")), true},
		{errors.New("plan.txt: файл не найден"), false},
		{nil, false},
	}
	for _, c := range cases {
		if got := Is(c.err); got != c.want {
			t.Errorf("Is(%v) = %v, want %v", c.err, got, c.want)
		}
	}
	if got := Errorf("tracker: --quarter %s", "2022Q5").Error(); got != "tracker: --quarter 2022Q5" {
		t.Errorf("Error() = %q", got)
	}
}

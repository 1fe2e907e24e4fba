package access

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/usage"
	"github.com/roadmap-tool/roadmap/store"
)

// TestNewUserCheck: a user that cannot be added is the caller's mistake
// (a usage error naming the flag), found before a password is asked for,
// and Register refuses it with the same words.
func TestNewUserCheck(t *testing.T) {
	cases := []struct {
		u    NewUser
		want string // "" = accepted
	}{
		{NewUser{Login: "ivanova", Role: RoleDepartment}, ""},
		{NewUser{Login: "petrov", Role: RoleDepartment, Municipality: "г. Дербент"}, ""},
		{NewUser{Login: "minobr", Role: RoleRegion, Municipality: "  "}, ""},
		{NewUser{Login: "иванов", Role: RoleDepartment}, `логин "иванов": допускаются латинские буквы`},
		{NewUser{Login: "x1", Role: "admin"}, `--role "admin": ожидается department (специалист муниципалитета) или region (пользователь региона)`},
		{NewUser{Login: "x2", Role: RoleRegion, Municipality: "г. Саров"}, "пользователь региона не принадлежит муниципалитету: уберите --municipality"},
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "db.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := New(st, Options{})
	for _, c := range cases {
		err := c.u.Check()
		if c.want == "" {
			if err != nil {
				t.Errorf("%+v: %v", c.u, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !usage.Is(err) {
			t.Errorf("%+v: %v, want a usage error %q", c.u, err, c.want)
		}
		if _, _, err := a.Register(context.Background(), c.u, "длинный-пароль"); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Register(%+v): %v, want %q", c.u, err, c.want)
		}
	}
}

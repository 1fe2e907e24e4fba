package access

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

func TestWriteList(t *testing.T) { pgtest.Run(t, testWriteList) }

func testWriteList(t *testing.T, e pgtest.Engine) {
	a, _, c := setup(t, e)
	ctx := context.Background()
	day := func(t time.Time) string { return t.Local().Format("02.01.2006") }
	created := day(c.t)
	if _, _, err := a.Register(ctx, NewUser{"ivanova", "Иванова И. И.", RoleDepartment, "г. Дербент"}, "длинный-пароль"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Register(ctx, NewUser{Login: "minobr", Role: RoleRegion}, "длинный-пароль"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetDisabled(ctx, "minobr", true); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := a.WriteList(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "Токен") {
		t.Errorf("a list without tokens has a token table:\n%s", b.String())
	}
	_, id, err := a.NewToken(ctx, "ivanova", "региональная система")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.NewToken(ctx, "ivanova", "отчеты"); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(72 * time.Hour)
	if err := a.RevokeToken(ctx, id); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := a.WriteList(ctx, &b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`^Логин +Имя +Создан +Состояние +Доступ$`,
		`^ivanova +Иванова И\. И\. +` + created + ` +действует +муниципалитет «г\. Дербент»$`,
		`^minobr +minobr +` + created + ` +отключен +регион$`,
		`^Токен +Назначение +Пользователь +Состояние$`,
		`^1 +региональная система +ivanova +отозван ` + day(c.t) + `$`,
		`^2 +отчеты +ivanova +действует с ` + created + `$`,
	} {
		if !regexp.MustCompile(`(?m)` + want).MatchString(b.String()) {
			t.Errorf("no line %s in\n%s", want, b.String())
		}
	}
}

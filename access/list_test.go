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
	minute := func(t time.Time) string { return t.Local().Format("02.01.2006 15:04") }
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
	_, made, err := a.NewToken(ctx, "ivanova", "региональная система", 0)
	if err != nil {
		t.Fatal(err)
	}
	id := made.ID
	if _, _, err := a.NewToken(ctx, "ivanova", "отчеты", 0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.NewToken(ctx, "ivanova", "на день", 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	issued := c.t
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
		`^1 +региональная система +ivanova +отозван ` + day(c.t) + `, выдан ` + created + `$`,
		`^2 +отчеты +ivanova +действует до ` + minute(issued.Add(DefaultTokenTTL)) + `, выдан ` + created + `$`,
		`^3 +на день +ivanova +истек ` + minute(issued.Add(24*time.Hour)) + `, выдан ` + created + `$`,
	} {
		if !regexp.MustCompile(`(?m)` + want).MatchString(b.String()) {
			t.Errorf("no line %s in\n%s", want, b.String())
		}
	}
}

package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/internal/askpass"
	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
)

func init() {
	db := func() cli.Flag {
		return &cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база, с которой работает roadmap serve: файл SQLite или postgres://… (`DB`)"}
	}
	register(&cli.Command{
		Name:  "users",
		Usage: "учетные записи веб-приложения (roadmap serve) и токены API",
		UsageText: "roadmap users КОМАНДА [флаги] [аргументы]\n\n" +
			"Пример:\n   roadmap users add ivanova --name \"Иванова И. И.\"\n   roadmap users add petrov --municipality \"г. Дербент\"     # в базе региона\n" +
			"   roadmap users add minobr --role region            # видит все муниципалитеты, ничего не меняет\n   roadmap users token ivanova --name \"региональная система\"",
		HideHelpCommand: true, // "roadmap users КОМАНДА --help" is the documented way
		Subcommands: []*cli.Command{
			{Name: "add", Usage: "создать пользователя; пароль запрашивается в терминале или читается из первой строки stdin",
				ArgsUsage: "LOGIN", UsageText: "roadmap users add LOGIN [--name ИМЯ] [--role department|region] [--municipality НАЗВАНИЕ] [--db DB]\n\nПример:\n   roadmap users add ivanova --name \"Иванова И. И.\"\n   echo 'длинный пароль' | roadmap users add robot\n" +
					"   roadmap users add petrov --municipality \"г. Дербент\"   # муниципалитет создается, если его нет\n   roadmap users add minobr --role region",
				Flags: []cli.Flag{db(), &cli.StringFlag{Name: "name", Usage: "имя `ИМЯ`, которое видно на страницах"},
					&cli.StringFlag{Name: "role", Value: "department", Usage: "роль `ROLE`: department — специалист муниципалитета (видит только его планы и школы), region — пользователь региона (видит все, ничего не меняет)"},
					&cli.StringFlag{Name: "municipality", Usage: "муниципалитет специалиста (`НАЗВАНИЕ`; по умолчанию — единственный муниципалитет базы отдельного департамента)"}},
				Action: runUsersAdd},
			{Name: "password", Usage: "сменить пароль пользователя (его открытые сессии завершаются)", ArgsUsage: "LOGIN",
				UsageText: "roadmap users password LOGIN [--db FILE]", Flags: []cli.Flag{db()}, Action: runUsersPassword},
			{Name: "list", Usage: "пользователи и токены API", UsageText: "roadmap users list [--db FILE]", Flags: []cli.Flag{db()}, Action: runUsersList},
			{Name: "disable", Usage: "отключить пользователя (его сессии и токены перестают действовать)", ArgsUsage: "LOGIN",
				UsageText: "roadmap users disable LOGIN [--db FILE]", Flags: []cli.Flag{db()},
				Action: func(c *cli.Context) error { return setDisabled(c, true) }},
			{Name: "enable", Usage: "снова включить пользователя", ArgsUsage: "LOGIN", UsageText: "roadmap users enable LOGIN [--db FILE]", Flags: []cli.Flag{db()},
				Action: func(c *cli.Context) error { return setDisabled(c, false) }},
			{Name: "token", Usage: "выдать токен API, действующий от имени пользователя (показывается один раз)", ArgsUsage: "LOGIN",
				UsageText: "roadmap users token LOGIN --name НАЗНАЧЕНИЕ [--db FILE]\n\nПример:\n   roadmap users token ivanova --name \"региональная система\"",
				Flags:     []cli.Flag{db(), &cli.StringFlag{Name: "name", Usage: "назначение токена `НАЗНАЧЕНИЕ`: для чего он (видно в списке)"}}, Action: runUsersToken},
			{Name: "revoke-token", Usage: "отозвать токен API по номеру из списка", ArgsUsage: "N", UsageText: "roadmap users revoke-token N [--db FILE]",
				Flags: []cli.Flag{db()}, Action: runRevokeToken},
		},
	})
}

// accessOf opens the store of --db and the accounts over it.
func accessOf(c *cli.Context) (*access.Service, func() error, error) {
	st, err := produce.OpenStore(c.String("db"))
	if err != nil {
		return nil, nil, err
	}
	return access.New(st, access.Options{}), st.Close, nil
}

// oneLogin reads the command's only argument.
func oneLogin(c *cli.Context, cmd string) (string, error) {
	if c.NArg() != 1 {
		return "", ruscli.Usagef("users %s: ожидается один логин, указано %d", cmd, c.NArg())
	}
	return c.Args().First(), nil
}

func runUsersAdd(c *cli.Context) error {
	login, err := oneLogin(c, "add")
	if err != nil {
		return err
	}
	if err := access.CheckLogin(login); err != nil {
		return ruscli.Usagef("users add: %v", err)
	}
	role, mun := c.String("role"), strings.TrimSpace(c.String("municipality"))
	switch {
	case role != access.RoleDepartment && role != access.RoleRegion:
		return ruscli.Usagef("users add: --role %q: ожидается department (специалист муниципалитета) или region (пользователь региона)", role)
	case role == access.RoleRegion && mun != "":
		return ruscli.Usagef("users add: пользователь региона не принадлежит муниципалитету: уберите --municipality")
	}
	pw, err := askpass.Read(c.App.Reader, c.App.ErrWriter)
	if err != nil {
		return fmt.Errorf("users add: %w", err)
	}
	a, done, err := accessOf(c)
	if err != nil {
		return err
	}
	defer done()
	u, made, err := a.Register(c.Context, login, c.String("name"), role, mun, pw)
	if made != "" {
		fmt.Fprintf(c.App.ErrWriter, "Муниципалитет «%s» добавлен в базу\n", made)
	}
	if err != nil {
		return fmt.Errorf("users add: %w", err)
	}
	where := ""
	switch {
	case u.Region():
		where = ", пользователь региона"
	case mun != "":
		where = ", муниципалитет «" + mun + "»"
	}
	_, err = fmt.Fprintf(c.App.Writer, "Пользователь %s (%s%s) создан\n", u.Login, u.Name, where)
	return err
}

func runUsersPassword(c *cli.Context) error {
	login, err := oneLogin(c, "password")
	if err != nil {
		return err
	}
	pw, err := askpass.Read(c.App.Reader, c.App.ErrWriter)
	if err != nil {
		return fmt.Errorf("users password: %w", err)
	}
	a, done, err := accessOf(c)
	if err != nil {
		return err
	}
	defer done()
	if err := a.SetPassword(c.Context, login, pw); err != nil {
		return fmt.Errorf("users password: %w", err)
	}
	_, err = fmt.Fprintf(c.App.Writer, "Пароль пользователя %s изменен\n", strings.ToLower(login))
	return err
}

func runUsersList(c *cli.Context) error {
	a, done, err := accessOf(c)
	if err != nil {
		return err
	}
	defer done()
	return a.WriteList(c.Context, c.App.Writer)
}

func setDisabled(c *cli.Context, disabled bool) error {
	cmd := map[bool]string{true: "disable", false: "enable"}[disabled]
	login, err := oneLogin(c, cmd)
	if err != nil {
		return err
	}
	a, done, err := accessOf(c)
	if err != nil {
		return err
	}
	defer done()
	if err := a.SetDisabled(c.Context, login, disabled); err != nil {
		return fmt.Errorf("users %s: %w", cmd, err)
	}
	_, err = fmt.Fprintf(c.App.Writer, "Пользователь %s %s\n", strings.ToLower(login), map[bool]string{true: "отключен", false: "включен"}[disabled])
	return err
}

func runUsersToken(c *cli.Context) error {
	login, err := oneLogin(c, "token")
	if err != nil {
		return err
	}
	if strings.TrimSpace(c.String("name")) == "" {
		return ruscli.Usagef("users token: укажите --name: для чего токен (например, «региональная система»)")
	}
	a, done, err := accessOf(c)
	if err != nil {
		return err
	}
	defer done()
	tok, id, err := a.NewToken(c.Context, login, c.String("name"))
	if err != nil {
		return fmt.Errorf("users token: %w", err)
	}
	fmt.Fprintf(c.App.ErrWriter, "Токен %d выдан; он показывается один раз, сохраните его (заголовок запроса: Authorization: Bearer ТОКЕН):\n", id)
	_, err = fmt.Fprintln(c.App.Writer, tok)
	return err
}

func runRevokeToken(c *cli.Context) error {
	if c.NArg() != 1 {
		return ruscli.Usagef("users revoke-token: ожидается номер токена из roadmap users list")
	}
	id, err := strconv.ParseInt(c.Args().First(), 10, 64)
	if err != nil {
		return ruscli.Usagef("users revoke-token: %q: ожидается номер токена из roadmap users list", c.Args().First())
	}
	a, done, err := accessOf(c)
	if err != nil {
		return err
	}
	defer done()
	if err := a.RevokeToken(c.Context, id); err != nil {
		return fmt.Errorf("users revoke-token: %w", err)
	}
	_, err = fmt.Fprintf(c.App.Writer, "Токен %d отозван\n", id)
	return err
}

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
	db := func() cli.Flag { return &cli.StringFlag{Name: "db", Value: "roadmap.db"} }
	register(&cli.Command{
		Name:            "users",
		HideHelpCommand: true, // "roadmap users КОМАНДА --help" is the documented way
		Subcommands: []*cli.Command{
			{Name: "add", Action: runUsersAdd, Flags: []cli.Flag{db(), &cli.StringFlag{Name: "name"},
				&cli.StringFlag{Name: "role", Value: "department"}, &cli.StringFlag{Name: "municipality"}}},
			{Name: "password", Action: runUsersPassword, Flags: []cli.Flag{db()}},
			{Name: "list", Action: runUsersList, Flags: []cli.Flag{db()}},
			{Name: "disable", Action: func(c *cli.Context) error { return setDisabled(c, true) }, Flags: []cli.Flag{db()}},
			{Name: "enable", Action: func(c *cli.Context) error { return setDisabled(c, false) }, Flags: []cli.Flag{db()}},
			{Name: "token", Action: runUsersToken, Flags: []cli.Flag{db(), &cli.StringFlag{Name: "name"}}},
			{Name: "revoke-token", Action: runRevokeToken, Flags: []cli.Flag{db()}},
		},
	})
}

// withAccess runs do on the accounts of the store of --db and prints the
// line do returns, saying what was done; do's error is told after "users
// NAME:".
func withAccess(c *cli.Context, do func(*access.Service) (string, error)) error {
	st, err := produce.OpenStore(c.String("db"))
	if err != nil {
		return err
	}
	defer st.Close()
	done, err := do(access.New(st, access.Options{}))
	if err != nil {
		return fmt.Errorf("users %s: %w", c.Command.Name, err)
	}
	_, err = fmt.Fprintln(c.App.Writer, done)
	return err
}

// oneLogin reads the command's only argument.
func oneLogin(c *cli.Context) (string, error) {
	if c.NArg() != 1 {
		return "", ruscli.Usagef("users %s: ожидается один логин, указано %d", c.Command.Name, c.NArg())
	}
	return c.Args().First(), nil
}

// password reads the password to set (askpass).
func password(c *cli.Context) (string, error) {
	pw, err := askpass.Read(c.App.Reader, c.App.ErrWriter)
	if err != nil {
		return "", fmt.Errorf("users %s: %w", c.Command.Name, err)
	}
	return pw, nil
}

func runUsersAdd(c *cli.Context) error {
	login, err := oneLogin(c)
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
	pw, err := password(c)
	if err != nil {
		return err
	}
	return withAccess(c, func(a *access.Service) (string, error) {
		u, made, err := a.Register(c.Context, login, c.String("name"), role, mun, pw)
		if made != "" {
			fmt.Fprintf(c.App.ErrWriter, "Муниципалитет «%s» добавлен в базу\n", made)
		}
		if err != nil {
			return "", err
		}
		where := ""
		switch {
		case u.Region():
			where = ", пользователь региона"
		case mun != "":
			where = ", муниципалитет «" + mun + "»"
		}
		return fmt.Sprintf("Пользователь %s (%s%s) создан", u.Login, u.Name, where), nil
	})
}

func runUsersPassword(c *cli.Context) error {
	login, err := oneLogin(c)
	if err != nil {
		return err
	}
	pw, err := password(c)
	if err != nil {
		return err
	}
	return withAccess(c, func(a *access.Service) (string, error) {
		return "Пароль пользователя " + strings.ToLower(login) + " изменен", a.SetPassword(c.Context, login, pw)
	})
}

func runUsersList(c *cli.Context) error {
	st, err := produce.OpenStore(c.String("db"))
	if err != nil {
		return err
	}
	defer st.Close()
	return access.New(st, access.Options{}).WriteList(c.Context, c.App.Writer)
}

func setDisabled(c *cli.Context, disabled bool) error {
	login, err := oneLogin(c)
	if err != nil {
		return err
	}
	return withAccess(c, func(a *access.Service) (string, error) {
		done := map[bool]string{true: "отключен", false: "включен"}[disabled]
		return "Пользователь " + strings.ToLower(login) + " " + done, a.SetDisabled(c.Context, login, disabled)
	})
}

func runUsersToken(c *cli.Context) error {
	login, err := oneLogin(c)
	if err != nil {
		return err
	}
	if strings.TrimSpace(c.String("name")) == "" {
		return ruscli.Usagef("users token: укажите --name: для чего токен (например, «региональная система»)")
	}
	return withAccess(c, func(a *access.Service) (string, error) {
		tok, id, err := a.NewToken(c.Context, login, c.String("name"))
		if err == nil {
			fmt.Fprintf(c.App.ErrWriter, "Токен %d выдан; он показывается один раз, сохраните его (заголовок запроса: Authorization: Bearer ТОКЕН):\n", id)
		}
		return tok, err
	})
}

func runRevokeToken(c *cli.Context) error {
	if c.NArg() != 1 {
		return ruscli.Usagef("users revoke-token: ожидается номер токена из roadmap users list")
	}
	id, err := strconv.ParseInt(c.Args().First(), 10, 64)
	if err != nil {
		return ruscli.Usagef("users revoke-token: %q: ожидается номер токена из roadmap users list", c.Args().First())
	}
	return withAccess(c, func(a *access.Service) (string, error) {
		return fmt.Sprintf("Токен %d отозван", id), a.RevokeToken(c.Context, id)
	})
}

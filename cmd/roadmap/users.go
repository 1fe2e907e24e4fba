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

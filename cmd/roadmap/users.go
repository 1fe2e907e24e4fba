package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/access"
	"github.com/roadmap-tool/roadmap/internal/askpass"
	"github.com/roadmap-tool/roadmap/internal/usage"
	"github.com/roadmap-tool/roadmap/produce"
)

// usersCommand manages the accounts of the web server in the store of
// --db (access); "roadmap users КОМАНДА --help" is the documented way to
// its help.
var usersCommand = &cli.Command{Name: "users", HideHelpCommand: true, Subcommands: []*cli.Command{
	{Name: "add", Action: runUsersAdd, Flags: withDB(str("name", ""), str("role", "department"), str("municipality", ""))},
	{Name: "password", Action: runUsersPassword, Flags: withDB()},
	{Name: "list", Action: runUsersList, Flags: withDB()},
	{Name: "disable", Action: func(c *cli.Context) error { return setDisabled(c, true) }, Flags: withDB()},
	{Name: "enable", Action: func(c *cli.Context) error { return setDisabled(c, false) }, Flags: withDB()},
	{Name: "token", Action: runUsersToken, Flags: withDB(str("name", ""), &cli.IntFlag{Name: "days", Value: int(access.DefaultTokenTTL / (24 * time.Hour))})},
	{Name: "revoke-token", Action: runRevokeToken, Flags: withDB()},
}}

// withDB is a users command's flags: --db first.
func withDB(flags ...cli.Flag) []cli.Flag {
	return append([]cli.Flag{str("db", "roadmap.db")}, flags...)
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
		return "", usage.Errorf("users %s: ожидается один логин, указано %d", c.Command.Name, c.NArg())
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
	nu := access.NewUser{Login: login, Name: c.String("name"), Role: c.String("role"), Municipality: strings.TrimSpace(c.String("municipality"))}
	if err := nu.Check(); err != nil {
		return fmt.Errorf("users add: %w", err)
	}
	pw, err := password(c)
	if err != nil {
		return err
	}
	return withAccess(c, func(a *access.Service) (string, error) {
		u, made, err := a.Register(c.Context, nu, pw)
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
		case nu.Municipality != "":
			where = ", муниципалитет «" + nu.Municipality + "»"
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
		return usage.Errorf("users token: укажите --name: для чего токен (например, «региональная система»)")
	}
	days := c.Int("days")
	if days < 1 {
		return usage.Errorf("users token: --days %d: ожидается число дней, не меньше 1", days)
	}
	return withAccess(c, func(a *access.Service) (string, error) {
		tok, t, err := a.NewToken(c.Context, login, c.String("name"), time.Duration(days)*24*time.Hour)
		if err == nil {
			fmt.Fprintf(c.App.ErrWriter, "Токен %d выдан, действует до %s; он показывается один раз, сохраните его (заголовок запроса: Authorization: Bearer ТОКЕН):\n",
				t.ID, t.Expires.Local().Format("02.01.2006 15:04"))
		}
		return tok, err
	})
}

func runRevokeToken(c *cli.Context) error {
	if c.NArg() != 1 {
		return usage.Errorf("users revoke-token: ожидается номер токена из roadmap users list")
	}
	id, err := strconv.ParseInt(c.Args().First(), 10, 64)
	if err != nil {
		return usage.Errorf("users revoke-token: %q: ожидается номер токена из roadmap users list", c.Args().First())
	}
	return withAccess(c, func(a *access.Service) (string, error) {
		return fmt.Sprintf("Токен %d отозван", id), a.RevokeToken(c.Context, id)
	})
}

package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/web"
)

func init() {
	register(&cli.Command{
		Name:      "serve",
		Usage:     "веб-приложение: департамент ведет квартал, школы отвечают по личным ссылкам",
		UsageText: "roadmap serve [--addr :8080] [--db roadmap.db|postgres://...] [--base-url URL] [--behind-proxy]",
		Description: "Страницы для специалистов департамента (вход по логину: roadmap users add) и для школ\n" +
			"(личные ссылки), JSON API для других систем (токены: roadmap users token). Останавливается\n" +
			"по Ctrl-C или SIGTERM, дождавшись текущих запросов.\n\n" +
			"Пример:\n   roadmap serve --db roadmap.db                      # http://localhost:8080 на этом компьютере\n" +
			"   roadmap serve --addr 127.0.0.1:8080 --base-url https://roadmap.example.ru --behind-proxy\n" +
			"   roadmap serve --db 'postgres://roadmap:ПАРОЛЬ@db.example.ru/roadmap?pool_max_conns=20' --behind-proxy   # сервер региона\n\n" +
			"Параметры адреса PostgreSQL (после «?», через «&»): pool_max_conns — соединений этого сервера\n" +
			"не больше (10), pool_max_idle_conns — держать открытыми без дела (столько же),\n" +
			"pool_max_conn_lifetime — закрывать соединение, проработавшее столько (1h; по умолчанию не закрывать),\n" +
			"pool_max_conn_idle_time — простоявшее столько (5m); " +
			"statement_timeout (60s), lock_timeout (30s),\n" +
			"idle_in_transaction_session_timeout (5min) и любой другой параметр PostgreSQL задаются каждому соединению.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: ":8080", Usage: "адрес и порт `ADDR`, на которых принимать запросы"},
			&cli.StringFlag{Name: "db", Value: "roadmap.db", Usage: "база отметок `DB`: файл SQLite (создается при первом запуске) или база PostgreSQL региона postgres://пользователь:пароль@сервер/база (схема создается при первом запуске; пароль в журнал не пишется)"},
			&cli.StringFlag{Name: "base-url", Usage: "адрес `URL`, по которому сервер открывают (из него строятся ссылки школ); по умолчанию http://localhost:ПОРТ"},
			&cli.BoolFlag{Name: "behind-proxy", Usage: "сервер за обратным прокси: адрес клиента берется из X-Forwarded-For"},
			&cli.BoolFlag{Name: "log-json", Usage: "журнал в JSON (по строке на событие) вместо текста"},
			templatesFlag(),
		},
		Action: runServe,
	})
}

func runServe(c *cli.Context) error {
	if c.NArg() > 0 {
		return ruscli.Usagef("serve: лишние аргументы %q; пример: roadmap serve --db roadmap.db", c.Args().Slice())
	}
	var h slog.Handler = slog.NewTextHandler(c.App.ErrWriter, nil)
	if c.Bool("log-json") {
		h = slog.NewJSONHandler(c.App.ErrWriter, nil)
	}
	log := slog.New(h)
	// Requests in flight finish and the store closes before the process
	// exits: the signal handler waits for that, not its usual 700 ms.
	setStopGrace(web.ShutdownTimeout + 10*time.Second)
	set, err := settings(c)
	if err != nil {
		return err
	}
	l, err := web.Listen(c.String("addr"))
	if errors.Is(err, web.ErrAddr) {
		return ruscli.Usagef("serve: %v", err)
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer l.Close()
	base := c.String("base-url")
	if base == "" {
		_, port, _ := net.SplitHostPort(l.Addr().String())
		base = "http://localhost:" + port
	}
	st, err := produce.OpenStore(c.String("db"))
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := web.New(st, web.Options{BaseURL: base, TrustProxy: c.Bool("behind-proxy"), Logger: log, Labels: set.Labels, Version: version})
	if err != nil {
		return ruscli.Usagef("serve: %v", err)
	}
	if err := srv.Serve(c.Context, l); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

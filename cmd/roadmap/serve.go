package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/internal/syserr"
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
	lab, err := loadTemplates(c, "serve")
	if err != nil {
		return err
	}
	l, err := listen(c.String("addr"))
	if err != nil {
		return err
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
	srv, err := web.New(st, web.Options{BaseURL: base, TrustProxy: c.Bool("behind-proxy"), Logger: log, Labels: lab, Version: version})
	if err != nil {
		return ruscli.Usagef("serve: %v", err)
	}
	if srv.SecureCookies() {
		if strings.HasPrefix(base, "http:") {
			log.Warn("cookie помечены Secure, а адрес — http: браузер не сохранит вход; откройте сервер по https (через обратный прокси) или укажите --base-url http://localhost:ПОРТ для работы на этом компьютере", "base_url", base)
		}
	} else {
		log.Warn("cookie без флага Secure: адрес сервера — http на этом компьютере; для работы по сети нужен https (--base-url https://...)", "base_url", base)
	}
	log.Info("сервер запущен", "addr", l.Addr().String(), "base_url", base, "db", st.Path(), "version", version)
	if err := srv.Serve(c.Context, l); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("сервер остановлен")
	return nil
}

// listen opens the server's address: one that is not host:port is a
// usage error, and a refusal of the system is said in Russian (it was
// Go's "listen tcp: address nonsense: missing port in address").
func listen(addr string) (net.Listener, error) {
	_, port, err := net.SplitHostPort(addr)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		return nil, ruscli.Usagef("serve: --addr %q: ожидается адрес и порт вида 127.0.0.1:8080 или :8080 (порт от 0 до 65535)", addr)
	}
	l, err := net.Listen("tcp", addr)
	if err == nil {
		return l, nil
	}
	var why string
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		why = "порт уже занят другой программой (или другим roadmap serve)"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		why = "у этого компьютера нет такого адреса"
	case errors.Is(err, syscall.EACCES):
		why = "нет прав открыть этот порт (порты ниже 1024 — только для администратора)"
	case errors.As(err, &dns):
		why = "имя компьютера не найдено"
	default:
		why = syserr.Text(err)
	}
	return nil, fmt.Errorf("serve: --addr %s: %s", addr, why)
}

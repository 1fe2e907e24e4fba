package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/internal/usage"
	"github.com/roadmap-tool/roadmap/produce"
	"github.com/roadmap-tool/roadmap/web"
)

// serveCommand is the web server over the store of --db.
var serveCommand = &cli.Command{Name: "serve", Action: runServe, Flags: []cli.Flag{str("addr", ":8080"), str("db", "roadmap.db"),
	str("base-url", ""), boolean("behind-proxy"), boolean("log-json"), str("templates", "")}}

func runServe(c *cli.Context) error {
	r := request(c, "roadmap serve --db roadmap.db")
	if err := r.NoArgs(); err != nil {
		return err
	}
	var h slog.Handler = slog.NewTextHandler(c.App.ErrWriter, nil)
	if c.Bool("log-json") {
		h = slog.NewJSONHandler(c.App.ErrWriter, nil)
	}
	log := slog.New(h)
	// Requests in flight finish and the store closes before the process
	// exits: the signal handler waits for that, not its usual 700 ms.
	ruscli.SetStopGrace(web.ShutdownTimeout + 10*time.Second)
	set, err := r.Settings()
	if err != nil {
		return err
	}
	l, err := web.Listen(c.String("addr"))
	if errors.Is(err, web.ErrAddr) {
		return usage.Errorf("serve: %v", err)
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
		return usage.Errorf("serve: %v", err)
	}
	if err := srv.Serve(c.Context, l); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

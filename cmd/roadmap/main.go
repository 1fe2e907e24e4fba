// Command roadmap imports municipal education roadmaps (дорожные карты)
// and produces Excel trackers, school checklists, status collections,
// quarterly PDF reports and summary matrices.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/roadmap-tool/roadmap/internal/firstgc"
	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/internal/syserr"
	"github.com/roadmap-tool/roadmap/produce"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// stopGrace is how long a command has, after Ctrl-C or SIGTERM, to stop
// on its own (a build stops starting files, a collection rolls its
// transaction back, outputs stay whole) before the process exits anyway:
// a read blocked in the kernel (a FIFO nobody writes to) or one long
// computation must not keep it alive. Within a second in all.
//
// A server is the exception: it has promised its clients to finish their
// requests (web.ShutdownTimeout) and then closes its store, so serve
// raises the grace for itself (setStopGrace). Killing it at 700 ms made
// a clean SIGTERM exit 130 on a slow machine.
const stopGrace = 700 * time.Millisecond

// grace is the grace in force, in nanoseconds; read by the signal handler.
var grace atomic.Int64

func init() { grace.Store(int64(stopGrace)) }

// setStopGrace gives the running command d to stop after a signal.
func setStopGrace(d time.Duration) { grace.Store(int64(d)) }

func main() {
	firstgc.Delay(150) // a short command (one seed's import) ends before its first collection
	app := newApp()
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		cancel()
		select {
		case <-sigs: // a second Ctrl-C: now
		case <-time.After(time.Duration(grace.Load())):
		}
		// Whatever is still being written is removed: the outputs stay
		// as they were, and SQLite rolls back an open transaction on the
		// next open, so the store stays as it was too.
		produce.RemoveUnfinished()
		fmt.Fprintln(app.ErrWriter, "roadmap: прервано")
		os.Exit(ruscli.ExitInterrupted)
	}()
	err := ruscli.Run(ctx, app, os.Args)
	signal.Stop(sigs)
	if err != nil {
		fmt.Fprintln(app.ErrWriter, "roadmap:", syserr.Text(err))
		os.Exit(ruscli.ExitCode(err))
	}
}

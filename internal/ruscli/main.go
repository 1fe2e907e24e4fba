package ruscli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/roadmap-tool/roadmap/internal/syserr"
)

// StopGrace is how long a command has, after Ctrl-C or SIGTERM, to stop
// on its own (a build stops starting files, a collection rolls its
// transaction back, outputs stay whole) before the process exits anyway:
// a read blocked in the kernel (a FIFO nobody writes to) or one long
// computation must not keep it alive. Within a second in all.
//
// A server is the exception: it has promised its clients to finish their
// requests and then closes its store, so it raises the grace for itself
// (SetStopGrace). Killing it at 700 ms made a clean SIGTERM exit 130 on
// a slow machine.
const StopGrace = 700 * time.Millisecond

// grace is the grace in force, in nanoseconds; read by the signal handler.
var grace atomic.Int64

func init() { grace.Store(int64(StopGrace)) }

// SetStopGrace gives the running command d to stop after a signal.
func SetStopGrace(d time.Duration) { grace.Store(int64(d)) }

// Main runs app on the process's arguments (Run) and exits with the code
// of its error (ExitCode), the error printed after the app's name in
// Russian (syserr.Text). Ctrl-C or SIGTERM cancels the command's context;
// when it has not returned within the grace (or on a second signal),
// cleanup runs and the process exits 130 ("прервано").
func Main(app *cli.App, cleanup func()) {
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
		cleanup()
		fmt.Fprintln(app.ErrWriter, app.Name+": прервано")
		os.Exit(ExitInterrupted)
	}()
	err := Run(ctx, app, os.Args)
	signal.Stop(sigs)
	if err != nil {
		fmt.Fprintln(app.ErrWriter, app.Name+":", syserr.Text(err))
		os.Exit(ExitCode(err))
	}
}

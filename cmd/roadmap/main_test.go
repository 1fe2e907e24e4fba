package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/roadmap-tool/roadmap/internal/lazyre"
)

// TestMain registers the real entry point as the "roadmap" command of
// the scripts in testdata/cli, as hugo does for its testscripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"roadmap": main})
}

// TestCLI runs testdata/cli/*.txtar: one file per behaviour, each with the
// commands, their expected output and exit status, and the files written.
func TestCLI(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/cli",
		Setup: func(env *testscript.Env) error {
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			env.Setenv("SEEDS", wd+"/../../seeds")
			env.Setenv("TESTDATA", wd+"/../../testdata")
			env.Setenv("SOURCE_DATE_EPOCH", "1644919200") // 2022-02-15
			// A free port for roadmap serve.
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				return err
			}
			env.Setenv("PORT", strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
			return l.Close()
		},
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"fill": fillCmd, "httpget": httpGet, "sigterm": sigterm},
		RequireExplicitExec: true,
	})
}

// TestPatternsCompile compiles every pattern of the program that is
// compiled on first use (internal/lazyre): a bad one fails here, not in
// the middle of a user's command.
func TestPatternsCompile(t *testing.T) {
	n, err := lazyre.CompileAll()
	if err != nil {
		t.Fatal(err)
	}
	if n < 40 {
		t.Errorf("only %d patterns registered", n)
	}
}

// httpGet is the script command "httpget URL TEXT": it fetches URL,
// waiting up to 10 seconds for a server starting in the background, and
// checks that the answer holds TEXT.
func httpGet(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: httpget URL TEXT")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(args[0])
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), args[1]) == neg {
				ts.Fatalf("GET %s: %d, %q holds %q: %v", args[0], resp.StatusCode, body, args[1], !neg)
			}
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("GET %s: %v", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sigterm is the script command "sigterm": it sends SIGTERM, as systemd
// stops a service, to the background commands still running (testscript's
// kill knows only INT and KILL).
func sigterm(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: sigterm")
	}
	for _, c := range ts.BackgroundCmds() {
		if c.ProcessState == nil {
			ts.Check(c.Process.Signal(syscall.SIGTERM))
		}
	}
}

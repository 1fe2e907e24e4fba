//go:build unix

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/ruscli"
	"github.com/roadmap-tool/roadmap/store"
)

// buildRoadmap builds the command into a temporary folder: the signal
// tests need a process of their own to signal.
func buildRoadmap(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "roadmap")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// terminateWhen starts the command, sends SIGTERM once it has worked for
// after and ready is closed (the process has reached the point under
// test: on a loaded machine a fixed delay may end before it has even
// started), and returns how long it took to exit after the signal and its
// exit code. It fails the test when the command ended before the signal.
func terminateWhen(t *testing.T, cmd *exec.Cmd, after time.Duration, ready <-chan struct{}) (time.Duration, int) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		t.Fatalf("%v ended before the signal (%v): the input is not large enough", cmd.Args, err)
	case <-time.After(after):
	}
	if ready != nil {
		select {
		case err := <-exited:
			t.Fatalf("%v ended before the signal (%v)", cmd.Args, err)
		case <-ready:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v did not reach the point under test in 10 s", cmd.Args)
		}
	}
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var err error
	select {
	case err = <-exited:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("%v still running 10 s after SIGTERM", cmd.Args)
	}
	took := time.Since(sent)
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("exit: %v", err)
	}
	return took, ee.ExitCode()
}

// opened is closed once the process of cmd (started by terminateWhen
// right after this call returns) has a file under dir open: the point at
// which it is reading its inputs, signal handling long set up. A fixed
// delay was not enough on a loaded machine, where starting the process
// took longer than the delay. Linux's /proc tells; elsewhere, after 1 s.
func opened(t *testing.T, cmd *exec.Cmd, dir string) <-chan struct{} {
	t.Helper()
	ready := make(chan struct{})
	go func() {
		defer close(ready)
		deadline := time.Now().Add(9 * time.Second)
		for time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
			if cmd.Process == nil {
				continue
			}
			fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", cmd.Process.Pid))
			if err != nil {
				if _, e := os.Stat("/proc/self/fd"); e != nil {
					time.Sleep(time.Second)
					return
				}
				continue
			}
			for _, fd := range fds {
				l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", cmd.Process.Pid, fd.Name()))
				if err == nil && strings.HasPrefix(l, dir+string(filepath.Separator)) {
					return
				}
			}
		}
	}()
	return ready
}

// temporaryFiles lists the outputs' temporary files left under dir.
func temporaryFiles(dir string) []string {
	var left []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp") && strings.HasPrefix(d.Name(), ".") {
			left = append(left, p)
		}
		return nil
	})
	return left
}

// TestSIGTERM signals real roadmap processes, built once.
func TestSIGTERM(t *testing.T) {
	bin := buildRoadmap(t)
	t.Run("collect", func(t *testing.T) { testSIGTERMStopsCollect(t, bin) })
	t.Run("blocked read", func(t *testing.T) { testSIGTERMStopsBlockedRead(t, bin) })
	t.Run("build", func(t *testing.T) { testSIGTERMStopsBuild(t, bin) })
}

// testSIGTERMStopsCollect: SIGTERM to a real `roadmap collect` in the
// middle of a large input (1,500 returned workbooks) ends it within a
// second with the interruption's exit code, and the store is as it was:
// sound, and without a submission of the interrupted collection.
func testSIGTERMStopsCollect(t *testing.T, bin string) {
	dir, db, filled := issuedAndFilled(t, "Выполнено", "в работе")
	data, err := os.ReadFile(filled)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "inbox")
	os.Mkdir(in, 0o755)
	for i := range 1500 {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("школа%04d.xlsx", i)), data, 0o644)
	}
	cmd := exec.Command(bin, "collect", "--db", db, in)
	took, code := terminateWhen(t, cmd, 0, opened(t, cmd, in))
	t.Logf("collect stopped %v after SIGTERM, exit %d", took, code)
	if took > time.Second || code != ruscli.ExitInterrupted {
		t.Errorf("stopped after %v with exit %d, want within 1 s and %d", took, code, ruscli.ExitInterrupted)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, err := st.IntegrityCheck(); v != "ok" || err != nil {
		t.Errorf("integrity: %q %v", v, err)
	}
	if subs, _ := st.Submissions(""); len(subs) != 0 {
		t.Errorf("the interrupted collection stored %d submissions", len(subs))
	}
	if left := temporaryFiles(dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// testSIGTERMStopsBlockedRead: a command blocked where no cancellation
// reaches (reading a named pipe nobody writes to) still ends within a
// second of SIGTERM.
func testSIGTERMStopsBlockedRead(t *testing.T, bin string) {
	fifo := filepath.Join(t.TempDir(), "plan.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	// The writer's open returns once ingest has opened the pipe to read
	// (after its signal handling is set up); nothing is ever written.
	ready := make(chan struct{})
	go func() {
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			close(ready)
			time.Sleep(15 * time.Second)
			w.Close()
		}
	}()
	took, code := terminateWhen(t, exec.Command(bin, "ingest", fifo), 0, ready)
	if took > time.Second || code != ruscli.ExitInterrupted {
		t.Errorf("stopped after %v with exit %d", took, code)
	}
}

// testSIGTERMStopsBuild: a build of a region interrupted by SIGTERM ends
// within a second and leaves no temporary file; what it wrote of the
// summary marks no unbuilt roadmap "готово".
func testSIGTERMStopsBuild(t *testing.T, bin string) {
	dir := t.TempDir()
	in := filepath.Join(dir, "region")
	os.Mkdir(in, 0o755)
	data, _ := os.ReadFile(seedDerbent)
	for i := range 60 {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("r%02d.txt", i)), data, 0o644)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "build", "--quiet", "-j", "2", "-o", out, in)
	took, code := terminateWhen(t, cmd, 0, opened(t, cmd, in))
	t.Logf("build stopped %v after SIGTERM, exit %d", took, code)
	if took > time.Second || code != ruscli.ExitInterrupted {
		t.Errorf("stopped after %v with exit %d", took, code)
	}
	if left := temporaryFiles(dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if b, err := os.ReadFile(filepath.Join(out, "summary.csv")); err == nil {
		rows := strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
		done := strings.Count(string(b), ",готово,")
		if done >= len(rows) || !strings.Contains(string(b), "не обработано") {
			t.Errorf("summary.csv after an interruption: %d of %d rows готово", done, len(rows))
		}
	}
}

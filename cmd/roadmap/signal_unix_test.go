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

// terminateWhen starts the command, sends SIGTERM once ready(pid)
// reports that it has reached the point under test, and returns how long
// it took to exit after the signal and its exit code. A ready point, not
// a fixed delay: on an idle machine 1,500 workbooks were collected within
// the 400 ms the test slept ("the input is not large enough"), on a
// loaded one a process may not even have started by then.
func terminateWhen(t *testing.T, cmd *exec.Cmd, ready func(pid int) bool) (time.Duration, int) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(20 * time.Second)
	for !ready(cmd.Process.Pid) {
		select {
		case err := <-exited:
			t.Fatalf("%v ended before it reached the point under test (%v)", cmd.Args, err)
		case <-deadline:
			cmd.Process.Kill()
			t.Fatalf("%v did not reach the point under test in 20 s", cmd.Args)
		case <-time.After(time.Millisecond):
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

// reading is a ready point: the process has a file under dir open (it is
// in the middle of reading its inputs). Where /proc is missing, it falls
// back to a delay.
func reading(dir string) func(pid int) bool {
	start := time.Now()
	return func(pid int) bool {
		fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		if err != nil {
			if _, serr := os.Stat("/proc/self/fd"); serr != nil {
				return time.Since(start) > 400*time.Millisecond
			}
			return false
		}
		for _, fd := range fds {
			target, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
			if err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
}

// written is a ready point: a file matching pattern has been written.
func written(pattern string) func(int) bool {
	return func(int) bool { m, _ := filepath.Glob(pattern); return len(m) > 0 }
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
	t.Run("ingest into a folder", func(t *testing.T) { testSIGTERMStopsIngestAll(t, bin) })
}

// testSIGTERMStopsIngestAll: `ingest -o DIR` of many roadmaps interrupted
// ends with the interruption's exit code (it said the inputs not reached
// could not be read, exit 1) and leaves no temporary file.
func testSIGTERMStopsIngestAll(t *testing.T, bin string) {
	dir := t.TempDir()
	in := filepath.Join(dir, "region")
	os.Mkdir(in, 0o755)
	data, _ := os.ReadFile(seedDerbent)
	for i := range 300 {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("r%03d.txt", i)), data, 0o644)
	}
	out := filepath.Join(dir, "plans")
	cmd := exec.Command(bin, "ingest", "-j", "1", "-o", out, in)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	took, code := terminateWhen(t, cmd, written(filepath.Join(out, "*.json")))
	if took > time.Second || code != ruscli.ExitInterrupted {
		t.Errorf("stopped after %v with exit %d, want within 1 s and %d", took, code, ruscli.ExitInterrupted)
	}
	if !strings.Contains(stderr.String(), "roadmap: ingest: не обработано файлов:") || strings.Contains(stderr.String(), "не прочитано") {
		t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String()[max(0, stderr.Len()-500):])
	}
	if left := temporaryFiles(dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
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
	took, code := terminateWhen(t, cmd, reading(in))
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
	took, code := terminateWhen(t, exec.Command(bin, "ingest", fifo), func(int) bool {
		select {
		case <-ready:
			return true
		default:
			return false
		}
	})
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
	// Ready once the first roadmap is built: the others are under way.
	took, code := terminateWhen(t, cmd, written(filepath.Join(out, "*", "plan.json")))
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

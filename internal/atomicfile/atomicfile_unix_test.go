//go:build unix

package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
)

func write(t *testing.T, path, content string) error {
	t.Helper()
	return WriteTo(path, io.Discard, func(w io.Writer) error {
		_, err := io.WriteString(w, content)
		return err
	})
}

// A character device stays a device: the content is written through. Run
// as root the test makes its own null device in a temporary folder rather
// than risk the machine's /dev/null.
func TestDeviceIsWrittenThrough(t *testing.T) {
	dev := "/dev/null"
	if os.Geteuid() == 0 {
		dev = filepath.Join(t.TempDir(), "null")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(mkdev(1, 3))); err != nil {
			t.Skipf("mknod: %v", err)
		}
	}
	before, err := os.Stat(dev)
	if err != nil {
		t.Skip(err)
	}
	if err := write(t, dev, "hello"); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(dev)
	if err != nil {
		t.Fatal(err)
	}
	if after.Mode().Type() != fs.ModeDevice|fs.ModeCharDevice || !os.SameFile(before, after) {
		t.Fatalf("%s replaced: mode %v", dev, after.Mode())
	}
	ents, _ := os.ReadDir(filepath.Dir(dev))
	for _, e := range ents {
		if IsTemp(e.Name()) {
			t.Fatalf("temporary file %s left next to the device", e.Name())
		}
	}
}

func mkdev(major, minor uint32) uint64 {
	return uint64(major)<<8 | uint64(minor&0xff) | uint64(minor&^0xff)<<12
}

func TestFIFOIsWrittenThrough(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := write(t, fifo, "через канал"); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "через канал" {
			t.Fatalf("read %q from the FIFO", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the FIFO's reader got nothing")
	}
	fi, err := os.Lstat(fifo)
	if err != nil || fi.Mode().Type() != fs.ModeNamedPipe {
		t.Fatalf("FIFO replaced: %v %v", fi.Mode(), err)
	}
}

// A FIFO nobody reads is refused after inputfile.FIFOWait, with a reason
// naming it: opening it for writing blocked for ever.
func TestFIFOWithoutReaderRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	defer func(w time.Duration) { inputfile.FIFOWait = w }(inputfile.FIFOWait)
	inputfile.FIFOWait = 200 * time.Millisecond
	done := make(chan error, 1)
	go func() { done <- write(t, fifo, "никому") }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNoReader) || !strings.HasSuffix(err.Error(), fifo+": это именованный канал без читателя: за 200 мс никто не открыл его для чтения; ожидается файл") {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("writing to a FIFO nobody reads hangs")
	}
}

// A link to a regular file: the target gets the content, the link stays.
func TestSymlinkIsFollowed(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "sub", "real.txt")
	os.Mkdir(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("old"), 0o640)
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink("sub/real.txt", link); err != nil {
		t.Fatal(err)
	}
	if err := write(t, link, "new"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode().Type() != fs.ModeSymlink {
		t.Fatalf("link replaced: %v", err)
	}
	b, _ := os.ReadFile(real)
	fi, _ := os.Stat(real)
	if string(b) != "new" || fi.Mode().Perm() != 0o640 {
		t.Fatalf("target: %q %v, want \"new\" -rw-r-----", b, fi.Mode())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Fatalf("extra files beside the link: %v", ents)
	}
}

func TestDanglingSymlinkAndFolderRefused(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "dangling")
	os.Symlink(filepath.Join(dir, "nowhere", "x"), link)
	if err := write(t, link, "x"); !errors.Is(err, ErrDanglingLink) {
		t.Fatalf("dangling link: err = %v", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); err == nil {
		t.Fatal("dangling link followed")
	}
	if err := write(t, dir, "x"); !errors.Is(err, ErrIsDir) {
		t.Fatalf("folder: err = %v", err)
	}
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	os.Symlink(sub, filepath.Join(dir, "tosub"))
	if err := write(t, filepath.Join(dir, "tosub"), "x"); !errors.Is(err, ErrIsDir) {
		t.Fatalf("link to a folder: err = %v", err)
	}
}

func TestPermissionsKeptAndUmaskHonoured(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	p := filepath.Join(dir, "new.txt")
	if err := write(t, p, "x"); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Fatalf("new file mode %v, want -rw-r----- (umask 027)", fi.Mode())
	}
	for _, mode := range []fs.FileMode{0o600, 0o664, 0o755, 0o400} {
		os.Chmod(p, mode)
		if err := write(t, p, "y"); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != mode {
			t.Fatalf("replaced file mode %v, want %v", fi.Mode().Perm(), mode)
		}
	}
}

// A temporary file nobody holds (what kill -9 leaves) is removed by the
// next write into its folder; one a live writer holds is not.
func TestStaleTempFilesCleaned(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".tracker.xlsx.tmp123456")
	os.WriteFile(stale, []byte("half"), 0o644)
	notOurs := []string{".tracker.xlsx.tmp", ".tmp123", "tracker.xlsx.tmp123", ".x.tmp12a"}
	for _, n := range notOurs {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	live, err := Create(filepath.Join(dir, "report.pdf"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Abort()
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("stale temporary file kept: %v", err)
	}
	if n := CleanStale(dir); n != 0 {
		t.Fatalf("a live writer's temporary file was removed (%d)", n)
	}
	for _, n := range notOurs {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Fatalf("%s removed: not a temporary file of ours", n)
		}
	}
	if err := live.Commit(); err != nil {
		t.Fatal(err)
	}
}

// A process killed in the middle of a write: the next run cleans up.
func TestKilledWriterCleanedByNextRun(t *testing.T) {
	if os.Getenv("ATOMICFILE_HANG") != "" {
		o, err := Create(os.Getenv("ATOMICFILE_HANG"), io.Discard)
		if err != nil {
			os.Exit(2)
		}
		o.Write([]byte("partial"))
		os.Stdout.WriteString("ready\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.json")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterCleanedByNextRun$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_HANG="+out)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 6)
	io.ReadFull(stdout, buf)
	cmd.Process.Kill()
	cmd.Wait()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || !IsTemp(ents[0].Name()) {
		t.Fatalf("after kill -9: %v, want one temporary file", ents)
	}
	cleaned.Delete(dir) // a new run
	if err := write(t, out, "{}"); err != nil {
		t.Fatal(err)
	}
	ents, _ = os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "plan.json" {
		t.Fatalf("after the next run: %v, want plan.json only", ents)
	}
}

// /dev/stdout redirected to a file: the content lands in that file, which
// is not replaced (the shell still holds it).
func TestDevStdoutRedirectedToFile(t *testing.T) {
	if os.Getenv("ATOMICFILE_STDOUT") != "" {
		err := Write("/dev/stdout", func(w io.Writer) error {
			_, err := io.WriteString(w, "в stdout\n")
			return err
		})
		if err != nil {
			os.Stderr.WriteString(err.Error())
			os.Exit(2)
		}
		os.Exit(0)
	}
	if _, err := os.Stat("/dev/stdout"); err != nil {
		t.Skip("no /dev/stdout")
	}
	out := filepath.Join(t.TempDir(), "out.txt")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("before\n")
	before, _ := f.Stat()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDevStdoutRedirectedToFile$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_STDOUT=1")
	cmd.Stdout = f
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	f.Close()
	after, _ := os.Stat(out)
	b, _ := os.ReadFile(out)
	if !os.SameFile(before, after) || !strings.HasPrefix(string(b), "before\nв stdout\n") {
		t.Fatalf("redirected stdout file: same=%v content %q", os.SameFile(before, after), b)
	}
}

// TestWritesThrough tells the paths written in place (whose names say
// nothing of a format) from the files replaced through a temporary file.
func TestWritesThrough(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	regular := filepath.Join(dir, "r.xlsx")
	os.WriteFile(regular, nil, 0o644)
	os.Symlink(fifo, filepath.Join(dir, "to-pipe"))
	os.Symlink(filepath.Join(dir, "nothing"), filepath.Join(dir, "dangling"))
	for _, tc := range []struct {
		path    string
		through bool
		err     bool
	}{
		{"-", true, false}, {"/dev/stdout", true, false}, {"/dev/null", true, false}, {fifo, true, false},
		{filepath.Join(dir, "to-pipe"), true, false}, {regular, false, false}, {filepath.Join(dir, "new.pdf"), false, false},
		{dir, false, true}, {filepath.Join(dir, "dangling"), false, true}, {"", false, true},
	} {
		got, err := WritesThrough(tc.path)
		if got != tc.through || (err != nil) != tc.err {
			t.Errorf("WritesThrough(%q) = %v, %v", tc.path, got, err)
		}
	}
}

// TestRemoveInFlight: the temporary files of outputs still being written
// are removed, the old file stays, and the writer's commit then fails.
func TestRemoveInFlight(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	os.WriteFile(path, []byte("old"), 0o644)
	o, err := Create(path, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(o, "half")
	if n := RemoveInFlight(); n != 1 {
		t.Errorf("removed %d, want 1", n)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("left %d entries", len(ents))
	}
	if o.Commit() == nil {
		t.Error("commit after removal succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file = %q", b)
	}
	if RemoveInFlight() != 0 {
		t.Error("a committed output is still in flight")
	}
}

// Writers in one folder at once, while another sweeps the folder for
// abandoned temporary files (as every first write into a folder does, in
// this or another process): no writer loses its file. A temporary file
// closed before its rename was for a moment held by nobody, and a sweep
// removed it ("файл или папка не найдены" from roadmap checklists).
func TestSweepSparesFilesBeingCommitted(t *testing.T) {
	dir := t.TempDir()
	stop := make(chan struct{})
	var sweeps sync.WaitGroup
	sweeps.Add(1)
	go func() {
		defer sweeps.Done()
		for {
			select {
			case <-stop:
				return
			default:
				CleanStale(dir)
			}
		}
	}()
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				name := filepath.Join(dir, fmt.Sprintf("w%d-%03d.xlsx", w, i))
				if err := WriteBytes(name, []byte("содержимое")); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	sweeps.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 400 {
		t.Errorf("%d files in the folder, want 400", len(ents))
	}
}

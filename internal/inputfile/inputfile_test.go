package inputfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmap-tool/roadmap/internal/resbudget"
)

var errBinary = errors.New("binary")

func noNUL(head []byte) error {
	if bytes.IndexByte(head, 0) >= 0 {
		return errBinary
	}
	return nil
}

func TestReadSmallAndExact(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, HeadSize - 1, HeadSize, HeadSize + 1, 3 * HeadSize} {
		p := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("ab\n"), n/3+1)[:n]
		os.WriteFile(p, want, 0o644)
		got, err := Read(p, int64(n), noNUL)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("size %d: %d bytes, %v", n, len(got), err)
		}
		if n > 1 {
			if _, err := Read(p, int64(n-1), nil); !errors.Is(err, ErrTooLarge) {
				t.Fatalf("size %d, limit %d: err = %v", n, n-1, err)
			}
		}
	}
}

// A regular file over the limit is refused from its size: a sparse file of
// 3 GB costs nothing.
// ReadInto reads into the caller's buffer when it holds the whole file
// (one byte more than its size), into a new slice otherwise, and reads
// exactly what Read reads either way, refusals and limits included.
func TestReadIntoReusesBuffer(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, HeadSize - 1, HeadSize, HeadSize + 1, 3 * HeadSize} {
		p := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("ab\n"), n/3+1)[:n]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, room := range []int{0, n, n + 1, 4*HeadSize + 7} {
			buf := bytes.Repeat([]byte{0}, room)[:0]
			got, err := ReadInto(buf, p, 0, noNUL)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("size %d, room %d: %d bytes, %v", n, room, len(got), err)
			}
			reused := room > 0 && len(got) > 0 && &got[0] == &buf[:1][0]
			if fits := room >= n+1; fits != reused && n > 0 {
				t.Errorf("size %d, room %d: buffer reused = %v, want %v", n, room, reused, fits)
			}
		}
		big := make([]byte, 0, 4*HeadSize)
		if _, err := ReadInto(big, p, int64(n)-1, nil); n > 1 && !errors.Is(err, ErrTooLarge) {
			t.Errorf("size %d over a limit of %d: %v, want ErrTooLarge", n, n-1, err)
		}
	}
	bin := filepath.Join(dir, "bin")
	if err := os.WriteFile(bin, []byte("a\x00b"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadInto(make([]byte, 0, 64), bin, 0, noNUL); !errors.Is(err, errBinary) {
		t.Errorf("a file the check refuses: %v, want its error", err)
	}
}

func TestHugeFileRefusedWithoutReading(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.bin")
	f, _ := os.Create(p)
	if err := f.Truncate(3 << 30); err != nil {
		t.Skip(err)
	}
	f.Close()
	start := time.Now()
	_, err := Read(p, 32<<20, noNUL)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != 3<<30 {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("took %v", d)
	}
	if err.Error() != "файл слишком велик: 3072 МБ, допускается не более 32 МБ" {
		t.Errorf("message %q", err)
	}
}

// Endless devices: refused by the check after one head, or by the limit.
func TestEndlessDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	start := time.Now()
	if _, err := Read("/dev/zero", 32<<20, noNUL); !errors.Is(err, errBinary) {
		t.Fatalf("/dev/zero with a check: err = %v", err)
	}
	if _, err := Read("/dev/zero", 4<<20, nil); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "больше 4 МБ") {
		t.Fatalf("/dev/zero without a check: err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestFolderRefused(t *testing.T) {
	_, err := Read(t.TempDir(), 10, nil)
	if !errors.Is(err, ErrIsDir) {
		t.Fatalf("err = %v", err)
	}
	if _, err := Read(filepath.Join(t.TempDir(), "none"), 10, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing: err = %v", err)
	}
}

func TestReadAllPipe(t *testing.T) {
	r := strings.NewReader(strings.Repeat("x", 100))
	if _, err := ReadAll(r, 99, nil); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	got, err := ReadAll(strings.NewReader("abc"), 99, nil)
	if err != nil || string(got) != "abc" {
		t.Fatalf("%q %v", got, err)
	}
}

func TestMB(t *testing.T) {
	for n, want := range map[int64]string{17: "17 байт", 2048: "2 КБ", 3 << 19: "1,5 МБ", 32 << 20: "32 МБ"} {
		if got := MB(n); got != want {
			t.Errorf("MB(%d) = %q, want %q", n, got, want)
		}
	}
}

// A file refused by the check costs its head, not its size.
func TestRefusedFileCostsItsHead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "video.mp4")
	os.WriteFile(p, make([]byte, 16<<20), 0o644)
	var err error
	u := resbudget.Measure(func() { _, err = Read(p, 32<<20, noNUL) })
	if !errors.Is(err, errBinary) || u.Alloc > 1<<20 {
		t.Fatalf("err = %v, %v", err, u)
	}
}

// TestReadSized: the limit told by the head bounds the read and names
// itself in the error; the size refuses before the head's check.
func TestReadSized(t *testing.T) {
	dir := t.TempDir()
	limit := func(head []byte) (int64, error) {
		if bytes.HasPrefix(head, []byte("{")) {
			return 1000, nil
		}
		return 100, noNUL(head)
	}
	for _, tc := range []struct {
		name, data string
		size, max  int64 // of the *TooLargeError, 0 for none
		err        error
	}{
		{"json", "{" + strings.Repeat("x", 500), 0, 0, nil},
		{"json over", "{" + strings.Repeat("x", 1500), 1501, 1000, nil},
		{"text", strings.Repeat("x", 100), 0, 0, nil},
		{"text over", strings.Repeat("x", 500), 500, 100, nil},
		{"text over the largest", strings.Repeat("x", 5000), 5000, 100, nil},
		{"binary", "a\x00b", 0, 0, errBinary},
		{"binary over", strings.Repeat("\x00", 200), 200, 100, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
			if err := os.WriteFile(p, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			data, err := ReadSized(p, 2000, limit)
			var tl *TooLargeError
			switch {
			case tc.max > 0:
				if !errors.As(err, &tl) || tl.Size != tc.size || tl.Max != tc.max {
					t.Fatalf("err = %v, want too large: %d of %d", err, tc.size, tc.max)
				}
			case tc.err != nil:
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
			case err != nil || string(data) != tc.data:
				t.Fatalf("read %d bytes, %v; want the file", len(data), err)
			}
		})
	}
}

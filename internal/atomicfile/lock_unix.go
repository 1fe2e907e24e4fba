//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"syscall"
)

// lockFile takes the writer's exclusive lock on a new temporary file. The
// kernel drops it when the process ends, however it ends.
func lockFile(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// abandoned reports a temporary file no living writer holds: its lock can
// be taken (and is kept until f is closed, so no writer starts on it).
func abandoned(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// chownLike gives f the owner and group of old where the process may (a
// file replaced by root keeps its user's ownership); elsewhere it is a
// no-op, as for any program that rewrites a file.
func chownLike(f *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	if int(st.Uid) != os.Geteuid() || int(st.Gid) != os.Getegid() {
		f.Chown(int(st.Uid), int(st.Gid))
	}
}

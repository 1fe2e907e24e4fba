package inputfile

import "golang.org/x/sys/unix"

// mapPopulate maps the whole file at once: one system call instead of a
// fault per 16 pages.
const mapPopulate = unix.MAP_POPULATE

// Package enctest makes inputs in the encodings the readers must tell
// apart, for the tests of ingest, the plan JSON reader and the like.
package enctest

import "golang.org/x/text/encoding/unicode"

// UTF16 encodes s in UTF-16, big- or little-endian, with or without a
// byte-order mark.
func UTF16(s string, bigEndian, bom bool) []byte {
	order, mark := unicode.LittleEndian, unicode.IgnoreBOM
	if bigEndian {
		order = unicode.BigEndian
	}
	if bom {
		mark = unicode.UseBOM
	}
	out, err := unicode.UTF16(order, mark).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err) // a Go string always encodes: invalid bytes become U+FFFD
	}
	return out
}

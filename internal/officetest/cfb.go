package officetest

import (
	"encoding/binary"
	"unicode/utf16"
)

// CompoundFile writes an OLE compound file (MS-CFB, version 3) holding
// the given streams at the root: the container of Word 97-2003 documents
// and of password-protected Office documents (EncryptionInfo and
// EncryptedPackage streams). Streams are padded to 4096 bytes, so that
// every one lives in regular sectors and no mini stream is needed; at
// most three streams fit the one directory sector written.
func CompoundFile(names []string, streams [][]byte) []byte {
	const (
		sector     = 512
		endChain   = 0xFFFFFFFE
		freeSect   = 0xFFFFFFFF
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
		miniCutoff = 4096
	)
	if len(names) > 3 || len(names) != len(streams) {
		panic("officetest: CompoundFile takes up to three streams")
	}
	var data [][]byte
	for _, s := range streams {
		n := max(len(s), miniCutoff)
		n = (n + sector - 1) / sector * sector
		padded := make([]byte, n)
		copy(padded, s)
		data = append(data, padded)
	}
	// sector 0: FAT, sector 1: directory, then the streams.
	fat := make([]uint32, sector/4)
	for i := range fat {
		fat[i] = freeSect
	}
	fat[0], fat[1] = fatSect, endChain
	next := uint32(2)
	starts := make([]uint32, len(data))
	for i, d := range data {
		starts[i] = next
		count := uint32(len(d) / sector)
		for k := uint32(0); k < count; k++ {
			if k == count-1 {
				fat[next+k] = endChain
			} else {
				fat[next+k] = next + k + 1
			}
		}
		next += count
	}
	if int(next) > len(fat) {
		panic("officetest: streams too large for one FAT sector")
	}
	le := binary.LittleEndian
	header := make([]byte, sector)
	copy(header, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	le.PutUint16(header[24:], 0x003E)
	le.PutUint16(header[26:], 3)
	le.PutUint16(header[28:], 0xFFFE)
	le.PutUint16(header[30:], 9)
	le.PutUint16(header[32:], 6)
	le.PutUint32(header[44:], 1) // FAT sectors
	le.PutUint32(header[48:], 1) // first directory sector
	le.PutUint32(header[56:], miniCutoff)
	le.PutUint32(header[60:], endChain) // no mini FAT
	le.PutUint32(header[68:], endChain) // no DIFAT sectors
	le.PutUint32(header[76:], 0)        // DIFAT[0]: the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(header[76+4*i:], freeSect)
	}
	fatBytes := make([]byte, sector)
	for i, v := range fat {
		le.PutUint32(fatBytes[4*i:], v)
	}
	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, left, right, child, start uint32, size uint64) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		e[66], e[67] = typ, 1 // black
		le.PutUint32(e[68:], left)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
	}
	// The root's children form a chain of right siblings; the streams
	// must come in the directory's order (shorter names first, then by
	// upper case), which the caller gives.
	entry(0, "Root Entry", 5, noStream, noStream, 1, endChain, 0)
	for i := range names {
		right := uint32(noStream)
		if i+1 < len(names) {
			right = uint32(i + 2)
		}
		entry(i+1, names[i], 2, noStream, right, noStream, starts[i], uint64(len(streams[i])))
	}
	for i := len(names) + 1; i < 4; i++ {
		e := dir[128*i : 128*(i+1)]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	out := append(header, fatBytes...)
	out = append(out, dir...)
	for _, d := range data {
		out = append(out, d...)
	}
	return out
}

package inputfile

import (
	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"
)

// SniffUTF16 recognises UTF-16 without a byte-order mark from the first
// bytes of a file: Russian text in UTF-16 has a zero or 0x04 in every
// second byte (ASCII and Cyrillic code points), which random binary data
// does not. It returns the decoder and whether the text is big-endian,
// or nil. Every reader of text files (exports, the organisation
// directory) tells such a file from binary data by it.
func SniffUTF16(data []byte) (enc encoding.Encoding, bigEndian bool) {
	n := min(len(data), 4096) &^ 1
	if n < 8 {
		return nil, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 || data[i] == 4 {
			even++
		}
		if data[i+1] == 0 || data[i+1] == 4 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*9 && even*10 < half:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), false
	case even*10 >= half*9 && odd*10 < half:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), true
	}
	return nil, false
}

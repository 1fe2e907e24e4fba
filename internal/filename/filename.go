// Package filename makes file and folder names from texts of the plan (an
// organisation's name, a plan's title) that are safe on Windows, Linux and
// macOS, and harmless in a shell, a file manager and Office.
package filename

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Safe makes a file name from s, cut to maxBytes on a character boundary;
// fallback when nothing of s is left:
//
//   - Cyrillic and other letters are kept; "№" becomes "N"; characters
//     Windows forbids (/\:*?"<>| and control characters) and white space
//     become "_", runs of "_" fold to one.
//   - Invisible format characters go: bidirectional overrides and marks
//     (U+202E would show "exe.txt" for "txt.exe"), zero-width spaces and
//     joiners, the soft hyphen, the BOM.
//   - A name never starts with "-" (read as an option by every command
//     line tool), "~$" (an Office lock file, which collection and Office
//     skip) or ".", "~", "$" and "_" (hidden or temporary files), nor ends
//     with "." or a space (Windows drops them).
//   - A name whose part before the first dot is a device name of Windows
//     (CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$, case ignored,
//     superscript digits included) gets "_" after that part: "CON.txt"
//     becomes "CON_.txt", so that "CON_.txt.xlsx" opens on Windows.
func Safe(s string, maxBytes int, fallback string) string {
	var b strings.Builder
	lastUnderscore := false
	put := func(r rune) {
		if r == '_' {
			if lastUnderscore {
				return
			}
			lastUnderscore = true
		} else {
			lastUnderscore = false
		}
		b.WriteRune(r)
	}
	for _, r := range s {
		switch {
		case r == '№':
			put('N')
		case r == utf8.RuneError, invisible(r):
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0, strings.ContainsRune(`/\:*?"<>|`, r):
			put('_')
		case unicode.IsSpace(r):
			put('_')
		default:
			put(r)
		}
	}
	name := strings.TrimLeft(b.String(), "-~$._ ")
	for len(name) > maxBytes {
		_, n := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-n]
	}
	name = strings.TrimRight(name, "._ ")
	if name == "" {
		return fallback
	}
	return unreserve(name)
}

// invisible reports format characters that change how a name looks or
// compares without showing: Unicode's category Cf (bidirectional controls,
// zero-width characters, the soft hyphen, the BOM) and the combining
// grapheme joiner.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || r == '\u034f'
}

// reserved are Windows's device names, upper case.
var reserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}

func init() {
	for _, p := range []string{"COM", "LPT"} {
		for _, d := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
			reserved[p+d] = true
		}
	}
}

// Reserved reports whether Windows takes name for a device: the part
// before the first dot, without trailing spaces, is a device name.
func Reserved(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	return reserved[strings.ToUpper(strings.TrimRight(stem, " "))]
}

// unreserve puts "_" after a reserved stem.
func unreserve(name string) string {
	if !Reserved(name) {
		return name
	}
	stem, rest, dot := strings.Cut(name, ".")
	stem = strings.TrimRight(stem, " ") + "_"
	if dot {
		return stem + "." + rest
	}
	return stem
}

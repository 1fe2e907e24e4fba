package askpass

import (
	"strings"
	"testing"
)

func TestReadLine(t *testing.T) {
	for _, c := range []struct {
		name, in, want, err string
	}{
		{"one line", "длинный пароль\n", "длинный пароль", ""},
		{"no newline", "password12", "password12", ""},
		{"CRLF", "password12\r\n", "password12", ""},
		{"confirmed", "password12\npassword12\n", "password12", ""},
		{"confirmed CRLF", "password12\r\npassword12\r\n", "password12", ""},
		{"empty second line", "password12\n\n", "password12", ""},
		{"typo in the confirmation", "password12\npassword13\n", "", "пароли в первой и второй строке stdin не совпадают"},
		{"empty", "", "", "пароль не введен"},
		{"empty line", "\npassword12\n", "", "пароль не введен"},
		{"bounded", strings.Repeat("x", 5000), strings.Repeat("x", maxLine), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadLine(strings.NewReader(c.in))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

// TestReadNotTerminal: a reader that is not a terminal is read as a
// pipe, with no prompt.
func TestReadNotTerminal(t *testing.T) {
	var prompts strings.Builder
	got, err := Read(strings.NewReader("password12\n"), &prompts)
	if err != nil || got != "password12" || prompts.Len() != 0 {
		t.Fatalf("got %q, %v, prompts %q", got, err, prompts.String())
	}
}

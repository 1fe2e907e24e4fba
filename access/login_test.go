package access

import (
	"strings"
	"testing"
)

// CheckLogin says what is wrong in one short line: the characters before
// the length (a Cyrillic login was told it was too long, in bytes), the
// login cut after 64 characters.
func TestCheckLogin(t *testing.T) {
	tests := []struct{ login, want string }{
		{"ivanova", ""},
		{"i", `логин "i": ожидается от 2 до 64 символов, указано 1`},
		{strings.Repeat("ж", 40), `логин "` + strings.Repeat("ж", 40) + `": допускаются латинские буквы, цифры, точка, дефис и подчеркивание`},
		{strings.Repeat("ж", 5000), `логин "` + strings.Repeat("ж", 64) + `"…: допускаются латинские буквы, цифры, точка, дефис и подчеркивание`},
		{strings.Repeat("a", 65), `логин "` + strings.Repeat("a", 64) + `"…: ожидается от 2 до 64 символов, указано 65`},
		{"a\nb", `логин "a\nb": допускаются латинские буквы, цифры, точка, дефис и подчеркивание`},
	}
	for _, tt := range tests {
		err := CheckLogin(tt.login)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%.20q:\n got: %s\nwant: %s", tt.login, got, tt.want)
		}
	}
}

package templates

import "testing"

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "ответов", 1: "ответ", 2: "ответа", 5: "ответов", 11: "ответов", 21: "ответ", 104: "ответа", 112: "ответов"} {
		if got := Plural(n, "ответ", "ответа", "ответов"); got != want {
			t.Errorf("Plural(%d) = %s, want %s", n, got, want)
		}
	}
	for n, want := range map[int]string{0: "0 ошибок", 1: "1 ошибка", 2: "2 ошибки", 5: "5 ошибок",
		11: "11 ошибок", 12: "12 ошибок", 21: "21 ошибка", 22: "22 ошибки", 111: "111 ошибок", 104: "104 ошибки"} {
		if got := Count(n, "ошибка", "ошибки", "ошибок"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

package produce

import (
	"context"
	"testing"
)

// TestNoItems: a plan without activities, as an export or as a plan JSON,
// is refused with the position and words of its no-items diagnostic; a
// plan with activities is not.
func TestNoItems(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"empty.txt", "План мероприятий на 2022 год\n№ п/п\tНаименование мероприятия\tСроки\tОтветственный исполнитель\n",
			"empty.txt:2:1: в таблице нет ни одного мероприятия: после заголовка нет строк с мероприятиями; ожидается хотя бы одна"},
		{"empty.json", `{"schema_version": 1, "title": "План", "items": []}`,
			"empty.json: в плане нет ни одного мероприятия (items пуст); ожидается хотя бы одно"},
		{"one.txt", "План мероприятий на 2022 год\n№ п/п\tНаименование мероприятия\tСроки\tОтветственный исполнитель\n1.\tСовещание\tмарт 2022 г.\tУО\n", ""},
	} {
		p, err := Open(context.Background(), tc.name, []byte(tc.data))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := ""
		if err := NoItems(p); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: NoItems = %q, want %q", tc.name, got, tc.want)
		}
	}
}

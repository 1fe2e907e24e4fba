package editdist

import "testing"

func TestOSA(t *testing.T) {
	cases := []struct {
		a, b string
		max  int
		want int
	}{
		{"", "", 2, 0},
		{"срок", "срок", 2, 0},
		{"срок", "сорк", 2, 1},         // neighbours swapped: one edit
		{"ежгеодно", "ежегодно", 2, 1}, // the seed corpus's typo
		{"преиода", "периода", 2, 1},   // "ре" for "ер"
		{"октяря", "октября", 2, 1},    // a letter dropped
		{"ca", "abc", 3, 3},            // OSA, not full Damerau: 3, not 2
		{"мероприятие", "срок", 2, 3},  // beyond the bound: max+1
		{"абвгд", "абвгдежз", 2, 3},    // lengths alone exceed the bound
		{"образовательные", "образовательных", 0, 1},
		{"", "абв", 5, 3},
		// The cases of the header reader (normalize).
		{"мероприятие", "мероприятие", 2, 0},
		{"мерорпиятие", "мероприятие", 2, 1}, // swapped letters
		{"мреоприятие", "мероприятие", 2, 1},
		{"мероприятиие", "мероприятие", 2, 1}, // doubled letter
		{"прредставления", "представления", 2, 1},
		{"резултат", "результат", 2, 1},   // dropped letter
		{"показатели", "результат", 2, 3}, // beyond max: max+1
		{"ab", "ba", 1, 1},
		{"", "abc", 5, 3},
		{"abc", "", 1, 2}, // length difference alone exceeds max
		{"сроки", "срок", 1, 1},
		// The cases of the deadline reader (normalize/schedule).
		{"период", "период", 10, 0},
		{"пеирод", "период", 10, 1},  // transposition
		{"перриод", "период", 10, 1}, // doubled
		{"перод", "период", 10, 1},   // dropped
		{"перимд", "период", 10, 1},  // substituted
		{"ежгеоднн", "ежегодно", 10, 2},
		{"ca", "abc", 10, 3},
	}
	for _, c := range cases {
		if got := OSA([]rune(c.a), []rune(c.b), c.max); got != c.want {
			t.Errorf("OSA(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.want)
		}
		// With a lower bound the answer is the bound plus one, never less.
		if c.want > 0 {
			if got := OSA([]rune(c.a), []rune(c.b), c.want-1); got != c.want {
				t.Errorf("OSA(%q, %q, %d) = %d, want %d", c.a, c.b, c.want-1, got, c.want)
			}
		}
	}
}

// TestOSALongWords covers words past the stack rows.
func TestOSALongWords(t *testing.T) {
	a := []rune("информационно-методический центр города")
	b := []rune("информационно-методический цнетр города")
	if got := OSA(a, b, 2); got != 1 {
		t.Errorf("long words: %d, want 1", got)
	}
}

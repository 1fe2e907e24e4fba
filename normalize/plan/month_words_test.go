package plan

import "testing"

// TestMonthOfWord: the one table of month names reads every case form,
// derived words, the abbreviations people type, and nothing else.
func TestMonthOfWord(t *testing.T) {
	for w, want := range map[string]int{
		"январь": 1, "января": 1, "янв": 1, "февр": 2, "фев": 2, "марта": 3, "мар": 3,
		"апреле": 4, "май": 5, "мая": 5, "маем": 5, "июнь": 6, "июн": 6, "июля": 7,
		"августе": 8, "авг": 8, "сентябрем": 9, "сент": 9, "сен": 9, "октября": 10,
		"нояб": 11, "ноя": 11, "декабрем": 12, "дек": 12,
		"": 0, "ма": 0, "марка": 0, "сентябрьский": 0, "карта": 0, "годы": 0,
	} {
		if got := MonthOfWord(w); got != want {
			t.Errorf("MonthOfWord(%q) = %d, want %d", w, got, want)
		}
	}
	for n := 1; n <= 12; n++ {
		if f := MonthForms(n); len(f) != 5 || f[0] != MonthNames[n-1] || MonthOfWord(f[1]) != n {
			t.Errorf("month %d: forms %q, name %q", n, f, MonthNames[n-1])
		}
	}
	if MonthShort[8] != "сен" || MonthNames[4] != "май" || MonthStem(5) != "" {
		t.Errorf("MonthShort[8] = %q, MonthNames[4] = %q", MonthShort[8], MonthNames[4])
	}
}

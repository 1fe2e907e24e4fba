package templates

import "strconv"

// Plural picks the Russian noun form for n: one (1, 21, 101), few (2-4,
// 22-24) or many (0, 5-20, 11-14, 25 ...): "ответ", "ответа", "ответов".
func Plural(n int, one, few, many string) string {
	n100, n10 := n%100, n%10
	switch {
	case n100 >= 11 && n100 <= 14:
		return many
	case n10 == 1:
		return one
	case n10 >= 2 && n10 <= 4:
		return few
	}
	return many
}

// Count is n with its noun: "1 ошибка", "2 ошибки", "5 ошибок".
func Count(n int, one, few, many string) string {
	return strconv.Itoa(n) + " " + Plural(n, one, few, many)
}

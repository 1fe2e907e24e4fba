// Package editdist measures how far a typed word is from a known one: the
// optimal string alignment distance (Damerau-Levenshtein where no
// substring is edited twice: insertions, deletions, substitutions and
// transpositions of neighbours each cost one). Column headers with typos
// (normalize) and deadline keywords with typos (normalize/schedule) are
// both read through it.
//
// It is written here rather than taken from a library because it runs
// for every candidate word of every typo search: it stops as soon as the
// distance must exceed the caller's bound and keeps its rows on the stack
// for words of up to 31 letters, which the libraries we looked at do not.
package editdist

// OSA returns the optimal string alignment distance of a and b, or max+1
// as soon as it is sure to exceed max.
func OSA(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	// Three rows suffice: the current, the previous, and the one before
	// it for transpositions.
	var buf [3 * 32]int
	n := len(b) + 1
	var rows []int
	if n <= 32 {
		rows = buf[:3*n]
	} else {
		rows = make([]int, 3*n)
	}
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max+1)
}

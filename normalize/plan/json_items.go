package plan

import (
	"bytes"
	"runtime"
	"runtime/debug"
	"sync"
)

// The items of a large plan are decoded on several goroutines. Before,
// the tracker of 5,000 items spent a quarter of its CPU decoding the
// plan on one core while the other waited, and the items' slice grew by
// doubling (6 MB allocated for 3 MB of items, each new page a cost of its
// own). Write lays out every item as a line "    {" and closes the array
// with a line "  ]"; a raw line break cannot be inside a JSON string, so
// these lines are found without reading the strings (lineAt: the rarer
// last byte first, since a line break comes every 35 bytes).
// They give the number of items (the slice is made once, of its size)
// and where each part of the array starts. Each part is read by its own
// planReader, which checks that the part is exactly its items, separated
// by commas, up to the next part; a plan laid out otherwise (edited by
// hand, compact) or a split that does not tile the array is read in one
// pass as before, with the same result.
const (
	itemLine   = "\n    {"
	arrayClose = "\n  ]"
)

// lineAt is the index in d of the first line (a line break, its indent
// and a last byte) from d[from:], -1 when none.
func lineAt(d []byte, from int, line string) int {
	last := line[len(line)-1]
	for from < len(d) {
		k := bytes.IndexByte(d[from:], last)
		if k < 0 {
			return -1
		}
		at := from + k + 1 - len(line)
		if at >= 0 && string(d[at:at+len(line)]) == line {
			return at
		}
		from += k + 1
	}
	return -1
}

const (
	// minSplitItems is the fewest items worth finding lines for.
	minSplitItems = 64
	// minPartItems is the fewest items worth a goroutine.
	minPartItems = 500
)

// items reads the items' array (list's result for it).
func (r *planReader) items(out []Item) []Item {
	start := r.i
	if its, ok := r.itemsSplit(); ok {
		return its
	}
	r.i, r.ok = start, true
	return list(r, out, (*planReader).item)
}

// itemsSplit reads the array split at Write's lines; ok is false when it
// cannot, the reader's position then left anywhere.
func (r *planReader) itemsSplit() (items []Item, ok bool) {
	r.space()
	d := r.data
	if r.i >= len(d) || d[r.i] != '[' {
		return nil, false
	}
	open := r.i
	end := lineAt(d, open, arrayClose)
	if end < 0 {
		return nil, false
	}
	end += len(arrayClose) - 1 // at the closing ']'
	var starts []int
	for at := open; ; {
		k := lineAt(d[:end], at, itemLine)
		if k < 0 {
			break
		}
		at = k + len(itemLine)
		starts = append(starts, at-1) // at the '{'
	}
	if len(starts) < minSplitItems {
		return nil, false
	}
	r.i = open + 1
	r.space()
	if r.i != starts[0] {
		return nil, false
	}
	starts = append(starts, end) // where the last item's part ends
	items = make([]Item, len(starts)-1)
	parts := max(1, min(runtime.GOMAXPROCS(0), len(items)/minPartItems))
	if parts == 1 {
		ok = r.itemsPart(items, starts)
	} else {
		ok = r.itemsParallel(items, starts, parts)
	}
	if !ok {
		return nil, false
	}
	r.i = end + 1
	return items, true
}

// itemsPart reads items[j] from starts[j], checking that a comma comes
// between each and the next start and that the last is followed by the
// array's end at starts[len(items)].
func (r *planReader) itemsPart(items []Item, starts []int) bool {
	for j := range items {
		r.i = starts[j]
		r.item(&items[j])
		if r.data[starts[j+1]] != ']' { // an item's '{', or the array's end
			r.expect(',')
		}
		r.space()
		if !r.ok || r.i != starts[j+1] {
			return false
		}
	}
	return true
}

// itemsParallel reads the items in parts, the first on this goroutine
// (with r's interned strings, which the rest of the plan goes on
// using), the others each with a reader of its own. A panic in a part
// (a fault of a mapped file that shrank, which the caller turns into
// an error through debug.SetPanicOnFault) is raised again here, where
// the caller can recover it.
func (r *planReader) itemsParallel(items []Item, starts []int, parts int) bool {
	onFault := debug.SetPanicOnFault(false)
	debug.SetPanicOnFault(onFault)
	var wg sync.WaitGroup
	oks := make([]bool, parts)
	panics := make([]any, parts)
	bound := func(p int) int { return p * len(items) / parts }
	for p := 1; p < parts; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			debug.SetPanicOnFault(onFault)
			defer func() { panics[p] = recover() }()
			sub := planReader{data: r.data, ok: true, strs: make(map[string]string, 1024)}
			lo, hi := bound(p), bound(p+1)
			oks[p] = sub.itemsPart(items[lo:hi], starts[lo:hi+1])
		}()
	}
	// A fault here (the mapped file cut short) unwinds through the wait:
	// the other parts must not go on reading a mapping that its owner
	// releases as soon as the panic reaches it.
	oks[0] = func() bool {
		defer wg.Wait()
		return r.itemsPart(items[:bound(1)], starts[:bound(1)+1])
	}()
	for p := range parts {
		if panics[p] != nil {
			panic(panics[p])
		}
		if !oks[p] {
			return false
		}
	}
	return true
}

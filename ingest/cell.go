package ingest

import (
	"bytes"
	"cmp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cellContent is a cell's raw markup turned into text and structure.
type cellContent struct {
	Text  string
	Bold  bool
	Links []Link
	// Problem describes genuinely broken markup, in Russian; "" if none.
	Problem string
}

// hasMarkup reports whether s needs the HTML parser: a tag or an entity.
// Most cells are plain text and skip it, which is most of the reader's
// speed.
func hasMarkup(s string) bool {
	return strings.IndexByte(s, '<') >= 0 || strings.IndexByte(s, '&') >= 0
}

// parseCell converts one cell's content. Plain cells only fold white
// space; cells with markup are parsed as an HTML fragment (goquery over
// golang.org/x/net/html) and flattened by the rules of Cell.Text.
func parseCell(raw string) cellContent {
	if !hasMarkup(raw) {
		return cellContent{Text: dropSoftHyphens(foldSpace(raw))}
	}
	src, problem := escapeUnterminatedTag(raw)
	if problem == "" {
		problem = checkMarkup(src)
	}
	c, ok := fastCell(src)
	if !ok {
		c = treeCell(src)
	}
	c.Text = dropSoftHyphens(c.Text)
	// A cell whose only bold text was a bullet («<ul><b>—») is empty, not
	// a bold heading: the fuzzer found it bold without text.
	c.Bold = c.Bold && c.Text != ""
	c.Problem = cmp.Or(c.Problem, problem)
	return c
}

// dropSoftHyphens removes the soft hyphens (U+00AD, "&shy;") Word puts
// where a word may break: no reader sees them, and "меро&shy;приятий"
// must read as "мероприятий".
func dropSoftHyphens(s string) string {
	if !strings.Contains(s, "\u00ad") {
		return s
	}
	return strings.ReplaceAll(s, "\u00ad", "")
}

// treeCell converts markup through the HTML parser: a tree, walked.
func treeCell(src string) cellContent {
	nodes, err := html.ParseFragment(strings.NewReader(src), bodyContext)
	if err != nil {
		// The parser refuses elements nested deeper than 512: keep the
		// text, line by line, without the structure.
		return cellContent{Text: flatText(src), Problem: "разметка не разобрана (слишком глубокая вложенность тегов); сохранен только текст"}
	}
	root := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	w := textWriter{buf: make([]byte, 0, len(src))}
	w.walk(root, false)
	w.newline()
	c := cellContent{Text: string(bytes.TrimSuffix(w.buf, []byte("\n")))}
	c.Bold = w.bold > 0 && w.plain == 0
	if !containsFold(src, "<a") {
		// No <a> tag, so no link: the parser creates <a> elements only
		// from <a> tags (re-opened formatting clones one it has seen).
		// The selector engine costs as much as the rest of the cell.
		return c
	}
	goquery.NewDocumentFromNode(root).FindMatcher(linkMatcher).Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		if href = strings.TrimSpace(href); href != "" {
			c.Links = append(c.Links, Link{Text: foldSpace(s.Text()), Href: href})
		}
	})
	return c
}

var (
	bodyContext = &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	linkMatcher = cascadia.MustCompile("a[href]")
)

// flatText is the fallback for markup the parser refuses: the text tokens
// in order, a new line at each block element, no list or bold structure.
// It walks tokens, not a tree, so no nesting depth can stop it.
func flatText(s string) string {
	w := textWriter{buf: make([]byte, 0, len(s))}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			w.newline()
			return string(bytes.TrimSuffix(w.buf, []byte("\n")))
		case html.TextToken:
			w.text(string(z.Text()), false, false)
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == atom.Br || a == atom.Li || isBlock(a) {
				w.newline()
			} else if a == atom.Td || a == atom.Th {
				w.space = true
			}
		}
	}
}

// escapeUnterminatedTag keeps a trailing "<x" that never reaches ">" as
// text: the HTML tokenizer would drop it, and "a<b" in a cell is more
// likely text than a tag cut in half. It is reported all the same.
func escapeUnterminatedTag(s string) (string, string) {
	i := strings.LastIndexByte(s, '<')
	if i < 0 || strings.IndexByte(s[i:], '>') >= 0 || i+1 >= len(s) {
		return s, ""
	}
	c := s[i+1]
	if !(c == '/' || c == '!' || c == '?' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return s, ""
	}
	return s[:i] + "&lt;" + s[i+1:], "тег не закрыт символом «>»: " + clip(s[i:], 30)
}

// textWriter flattens a parsed fragment into lines. The finished lines
// and the current one share one buffer, sized once from the raw cell, so
// the text costs one allocation and one final copy.
type textWriter struct {
	buf       []byte // finished lines, each ending in "\n", then the current one
	lineStart int    // where the current line starts in buf
	space     bool   // white space seen since the last character written
	// item: the current line is a list item; bare: it holds text written
	// inside <ul>/<ol> but outside any <li>; pendingItem: an <li> opened
	// and its text has not started yet (it may be inside a <p>).
	item, bare, pendingItem bool
	// bold and plain count the non-space characters by weight.
	bold, plain int
}

func (w *textWriter) walk(n *html.Node, bold bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, bold, inBareList(n))
		return
	case html.ElementNode:
	case html.DocumentNode:
	default:
		return
	}
	block := false
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript:
		return
	case atom.Br:
		w.newline()
		return
	case atom.B, atom.Strong, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		bold = true
	case atom.Td, atom.Th:
		w.space = true
	case atom.Li:
		w.newline()
		if num := emptyOrderedItem(n); num != "" {
			// An automatic number with no text of its own (a number
			// column saved by LibreOffice or Word: <ol start="5"><li>):
			// the number a browser shows.
			w.text(num, bold, false)
			w.newline()
			return
		}
		w.pendingItem = true
		block = true
	}
	if !block && isBlock(n.DataAtom) {
		w.newline()
		block = true
	}
	if b, ok := styleBold(n); ok {
		bold = b
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, bold)
	}
	if block {
		w.newline()
	}
	if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		w.space = true
	}
}

// emptyOrderedItem returns the number a browser shows for an item of an
// ordered list that has no text ("5.", "в.", "iv."), "" for any other
// element: its list's start plus the items before it, in the list's type.
func emptyOrderedItem(li *html.Node) string {
	ol := li.Parent
	if ol == nil || ol.DataAtom != atom.Ol || hasText(li) {
		return ""
	}
	start, typ := 1, "1"
	for _, a := range ol.Attr {
		switch a.Key {
		case "start":
			if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && v >= 0 && v < 1e6 {
				start = v
			}
		case "type":
			typ = a.Val
		}
	}
	k := start
	for c := ol.FirstChild; c != nil && c != li; c = c.NextSibling {
		if c.DataAtom == atom.Li {
			k++
		}
	}
	switch typ {
	case "a", "A":
		if k < 1 || k > 26 {
			return strconv.Itoa(k) + "."
		}
		l := string(rune('a' + k - 1))
		if typ == "A" {
			l = strings.ToUpper(l)
		}
		return l + "."
	case "i", "I":
		if r := roman(k); r != "" {
			if typ == "i" {
				r = strings.ToLower(r)
			}
			return r + "."
		}
	}
	return strconv.Itoa(k) + "."
}

// hasText reports a text node with a visible character under n.
func hasText(n *html.Node) bool {
	if n.Type == html.TextNode {
		return strings.TrimFunc(n.Data, isSpace) != ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasText(c) {
			return true
		}
	}
	return false
}

// roman writes 1-39 in Roman numerals ("" beyond): list numbers of a table.
func roman(k int) string {
	if k < 1 || k > 39 {
		return ""
	}
	ones := [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}
	return strings.Repeat("X", k/10) + ones[k%10]
}

// inBareList reports whether a text node sits in a list without an <li>
// between them: the Derbent export writes `<ul> - item; - item` that way.
func inBareList(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Li, atom.Td, atom.Th:
			return false
		case atom.Ul, atom.Ol:
			return true
		}
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Ul, atom.Ol, atom.Tr, atom.Table, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre, atom.Dl, atom.Dt, atom.Dd,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Address, atom.Hr,
		atom.Center, atom.Caption, atom.Form, atom.Fieldset, atom.Main, atom.Nav, atom.Aside,
		atom.Figure, atom.Figcaption, atom.Details, atom.Summary:
		return true
	}
	return false
}

// styleBold reads font-weight from a style attribute.
func styleBold(n *html.Node) (bold, ok bool) {
	for _, a := range n.Attr {
		if a.Key != "style" {
			continue
		}
		s := strings.ToLower(a.Val)
		i := strings.Index(s, "font-weight")
		if i < 0 {
			return false, false
		}
		v := strings.TrimLeft(s[i+len("font-weight"):], " \t:")
		if j := strings.IndexAny(v, ";\"'"); j >= 0 {
			v = v[:j]
		}
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		switch v {
		case "bold", "bolder", "600", "700", "800", "900":
			return true, true
		case "normal", "lighter", "100", "200", "300", "400", "500":
			return false, true
		}
		return false, false
	}
	return false, false
}

// text writes a text node: white space folded, runs of other characters
// appended whole. The byte scan looks only at the bytes foldSpecial marks,
// as isFolded does.
func (w *textWriter) text(s string, bold, bare bool) {
	for len(s) > 0 {
		n := spaceRun(s)
		if n > 0 {
			w.space = true
			s = s[n:]
			continue
		}
		n = wordRun(s)
		if len(w.buf) == w.lineStart {
			if w.pendingItem {
				w.item, w.pendingItem = true, false
			}
			if bare && !w.item {
				w.bare = true
			}
		} else if w.space {
			w.buf = append(w.buf, ' ')
		}
		w.space = false
		w.buf = append(w.buf, s[:n]...)
		// Only whether any bold or plain text exists matters.
		if bold {
			w.bold += n
		} else {
			w.plain += n
		}
		s = s[n:]
	}
}

// spaceRun is the length in bytes of the white space that starts s.
func spaceRun(s string) int {
	i := 0
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !isSpace(r) {
			break
		}
		i += size
	}
	return i
}

// wordRun is the length in bytes of the non-space text that starts s.
func wordRun(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if !foldSpecial[c] {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) {
			break
		}
		i += size
	}
	return i
}

// newline ends the current line; an empty line is dropped. List items
// are rewritten in place; plain lines, the most common, are left as they
// are.
func (w *textWriter) newline() {
	w.space = false
	if len(w.buf) == w.lineStart {
		return
	}
	if !w.item && !w.bare && w.buf[w.lineStart] >= 0xC2 && isBullet(w.buf[w.lineStart:]) {
		// Word writes list bullets as text ("·" in the Symbol font).
		w.item = true
	}
	if w.item || w.bare {
		line := string(w.buf[w.lineStart:])
		w.buf = w.buf[:w.lineStart]
		if w.item {
			if l := itemLine(line); l != "" {
				w.buf = append(w.buf, l...)
			}
		} else {
			w.buf = append(w.buf, strings.Join(splitDashed(line), "\n")...)
		}
		w.item, w.bare = false, false
		if len(w.buf) == w.lineStart {
			return
		}
	}
	w.buf = append(w.buf, '\n')
	w.lineStart = len(w.buf)
}

// isSpace is white space for folding, NBSP and the other Unicode spaces
// included; zero-width characters are dropped with it.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff'
}

// isBullet reports a line opening with a bullet character and a space.
func isBullet(line []byte) bool {
	r, size := utf8.DecodeRune(line)
	switch r {
	case '·', '•', '▪', '◦', '●', '\uf0b7', '\uf0a7', '\uf0d8':
		return len(line) > size && line[size] == ' '
	}
	return false
}

func isDash(r rune) bool {
	return r == '-' || r == '–' || r == '—' || r == '−' || r == '•' || r == '·' ||
		r == '▪' || r == '◦' || r == '●' || r == '\uf0b7' || r == '\uf0a7' || r == '\uf0d8'
}

// itemLine gives a list item its "- " marker, reusing a dash the item
// already starts with.
func itemLine(s string) string {
	if r, size := utf8.DecodeRuneInString(s); isDash(r) {
		s = strings.TrimLeft(s[size:], " ")
		if s == "" {
			return ""
		}
	}
	return "- " + s
}

// splitDashed splits text written in a list without <li> into items when
// it is clearly a dashed list: it starts with a dash, or at least two
// dashes follow the end of a clause (";", "." or ":"). A dash inside a word
// ("ГИА-9") or a phrase ("(далее - ВсОШ)") is not a split point.
func splitDashed(s string) []string {
	cuts := dashCuts(s)
	startsDash := len(cuts) > 0 && cuts[0] == 0
	if !startsDash && len(cuts) < 2 {
		return []string{s}
	}
	var out []string
	if cuts[0] > 0 {
		if head := strings.TrimSpace(s[:cuts[0]]); head != "" {
			out = append(out, head)
		}
	}
	for i, c := range cuts {
		end := len(s)
		if i+1 < len(cuts) {
			end = cuts[i+1]
		}
		if l := itemLine(strings.TrimSpace(s[c:end])); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// dashCuts finds the byte offsets of dashes that open a list item.
func dashCuts(s string) []int {
	var cuts []int
	prev := rune(0) // last non-space rune
	for i, r := range s {
		if isDash(r) && (prev == 0 || prev == ';' || prev == '.' || prev == ':') {
			// A dash glued to the next word after ";" still opens an item
			// ("...класса;- доля"), but "-9" after "ГИА" never gets here.
			cuts = append(cuts, i)
		}
		if r != ' ' {
			prev = r
		}
	}
	return cuts
}

// foldSpace folds runs of white space to one space and trims the ends.
func foldSpace(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isFolded reports whether s needs no folding, without decoding runes:
// Cyrillic letters (lead bytes 0xD0, 0xD1) can never be spaces, and only
// the lead bytes 0xC2, 0xE1, 0xE2, 0xE3 and 0xEF start the Unicode spaces
// isSpace knows. One table lookup per byte keeps this scan, which sees
// every plain cell, at memory speed.
func isFolded(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !foldSpecial[s[i]] {
			continue
		}
		switch c := s[i]; {
		case c == ' ':
			if s[i+1] == ' ' { // s does not end in a space, so i+1 < len(s)
				return false
			}
		case c < 0x80:
			return false // a control character or ASCII white space
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if isSpace(r) {
				return false
			}
			i += size - 1
		}
	}
	return true
}

// foldSpecial marks the bytes isFolded must look at.
var foldSpecial = func() (t [256]bool) {
	for c := 0; c <= ' '; c++ {
		t[c] = true
	}
	for _, c := range []byte{0x7f, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF} {
		t[c] = true
	}
	return t
}()

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

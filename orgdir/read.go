package orgdir

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/roadmap-tool/roadmap/internal/inputfile"
	"github.com/roadmap-tool/roadmap/internal/syserr"
)

// MaxFileBytes is the largest directory file Load reads: a region's
// thousand schools take under 200 KB.
const MaxFileBytes = 8 << 20

// Load reads a directory from CSV (header: name,short,groups; groups
// separated by ";") or YAML (a list of {name, short, groups}), chosen by
// the file extension (.yaml/.yml, anything else is CSV).
//
// A CSV is read as Excel saves it: in UTF-8 with or without a BOM, in
// UTF-16 ("Unicode text"), or in Windows-1251 (what Russian Excel writes
// for "CSV (разделители — запятые)"); the separator is the one of ",",
// ";" and tab the header line uses most. Errors are one line in Russian:
// file:line: what is wrong.
func Load(path string) (*Directory, error) { return LoadMax(path, MaxFileBytes) }

// LoadMax is Load reading at most max bytes (the command line's
// --max-size raises MaxFileBytes).
func LoadMax(path string, max int64) (*Directory, error) {
	var headErr error
	data, err := inputfile.Read(path, max, func(head []byte) error {
		headErr = checkHead(path, head)
		return headErr
	})
	var tl *inputfile.TooLargeError
	var pe *fs.PathError
	switch {
	case err == nil:
	case err == headErr:
		return nil, err
	case errors.As(err, &tl):
		return nil, fmt.Errorf("%s: %v; ожидается справочник организаций", path, tl)
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: файл не найден", path)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("%s: нет доступа к файлу", path)
	case errors.As(err, &pe):
		return nil, fmt.Errorf("%s: %w", path, pe.Err)
	default:
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	orgs, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	return New(path, orgs)
}

// Parse reads directory entries from data, as YAML when path ends in
// .yaml or .yml and as CSV otherwise (see Load).
func Parse(path string, data []byte) ([]Org, error) {
	text, err := decodeText(path, data)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return parseYAML(path, text)
	}
	return parseCSV(path, text)
}

// checkHead refuses binary files from their first bytes.
func checkHead(path string, head []byte) error {
	if bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF")) {
		return nil
	}
	if enc, _ := inputfile.SniffUTF16(head); enc != nil {
		return nil
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Errorf("%s:%d: двоичный файл (байт NUL), а ожидается текст CSV или YAML", path, bytes.Count(head[:i], []byte("\n"))+1)
	}
	return nil
}

// decodeText turns the file into UTF-8 text: a BOM decides; valid UTF-8
// is UTF-8; anything else is Windows-1251.
func decodeText(path string, data []byte) (string, error) {
	var err error
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		data, err = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		data, err = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	case bytes.IndexByte(data, 0) >= 0:
		// UTF-16 without a byte-order mark (checkHead let it through).
		if enc, _ := inputfile.SniffUTF16(data); enc != nil {
			data, err = enc.NewDecoder().Bytes(data)
		}
	case !utf8.Valid(data):
		data, err = charmap.Windows1251.NewDecoder().Bytes(data)
	}
	if err != nil {
		return "", fmt.Errorf("%s: текст не читается: %v", path, err)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		return "", fmt.Errorf("%s:%d: неверная последовательность байтов UTF-8; сохраните файл в UTF-8 или Windows-1251", path, bytes.Count(data[:off], []byte("\n"))+1)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", fmt.Errorf("%s:%d: символ NUL в тексте, а ожидается текст CSV или YAML", path, bytes.Count(data[:i], []byte("\n"))+1)
	}
	return string(data), nil
}

// separator picks the CSV separator the header line uses most: "," by
// default, ";" as Russian Excel writes, tab as in "Unicode text".
func separator(header string) rune {
	best, n := ',', strings.Count(header, ",")
	for _, c := range []rune{';', '\t'} {
		if k := strings.Count(header, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}

func parseCSV(path string, text string) ([]Org, error) {
	first, _, _ := strings.Cut(text, "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.Comma = separator(first)
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: пустой файл: ожидается заголовок name,short,groups", path)
	}
	if err != nil {
		return nil, csvError(path, err)
	}
	col := map[string]int{"name": -1, "short": -1, "groups": -1, "email": -1}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch h {
		case "name", "название", "организация", "наименование":
			col["name"] = i
		case "short", "краткое", "краткое название", "краткое наименование":
			col["short"] = i
		case "groups", "группы", "группа":
			col["groups"] = i
		case "email", "e-mail", "почта", "электронная почта":
			col["email"] = i
		}
	}
	if col["name"] < 0 {
		return nil, fmt.Errorf("%s:1: нет столбца name: ожидается заголовок name,short,groups", path)
	}
	groupsLast := col["groups"] == len(header)-1
	var out []Org
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		line, _ := r.FieldPos(0)
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		get := func(k string) string {
			if i := col[k]; i >= 0 && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		groups := get("groups")
		if len(rec) > len(header) {
			extra := strings.TrimSpace(strings.Join(rec[len(header):], ""))
			switch {
			case extra == "":
				// Trailing empty cells, as Excel leaves them.
			case groupsLast:
				// "ОбОО;ОО" unquoted in a file separated by ";": the
				// groups ran into the next fields.
				groups = strings.Join(append([]string{groups}, rec[len(header):]...), ";")
			default:
				_, c := r.FieldPos(len(header))
				return nil, fmt.Errorf("%s:%d:%d: в строке %d полей, а в заголовке %d: лишнее поле «%s»", path, line, c, len(rec), len(header), clip(rec[len(header)], 40))
			}
		}
		o := Org{Name: get("name"), Short: get("short"), Email: get("email"), Line: line, Groups: splitGroups(groups)}
		out = append(out, o)
	}
	return out, nil
}

// splitGroups splits a groups cell at ";" or ",".
func splitGroups(s string) []string {
	var out []string
	for _, g := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

func csvError(path string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, err)
	}
	what := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		what = "кавычка \" внутри поля без кавычек: заключите поле в кавычки, а кавычку внутри удвойте"
	case errors.Is(pe.Err, csv.ErrQuote):
		what = "не закрыта кавычка \" в поле, заключенном в кавычки"
	case errors.Is(pe.Err, csv.ErrFieldCount):
		what = "неверное число полей"
	}
	return fmt.Errorf("%s:%d:%d: %s", path, pe.Line, pe.Column, what)
}

func yamlError(path string, err error) error {
	line, msg := syserr.YAMLLine(err.Error())
	msg = syserr.YAMLReason(msg)
	if line > 0 {
		return fmt.Errorf("%s:%d: ошибка в разметке YAML (%s): ожидается список организаций {name, short, groups}", path, line, msg)
	}
	return fmt.Errorf("%s: ошибка в разметке YAML (%s): ожидается список организаций {name, short, groups}", path, msg)
}

func parseYAML(path string, text string) ([]Org, error) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(text), &root); err != nil {
		return nil, yamlError(path, err)
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: пустой файл: ожидается список организаций {name, short, groups}", path)
	}
	list := root.Content[0]
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: ожидается список организаций {name, short, groups}", path, list.Line)
	}
	var out []Org
	for _, n := range list.Content {
		o, err := yamlOrg(path, n)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// yamlOrg reads one entry field by field, so that every mistake is named
// with its line and in Russian.
func yamlOrg(path string, n *yaml.Node) (Org, error) {
	o := Org{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return o, fmt.Errorf("%s:%d: ожидается запись вида {name, short, groups}", path, n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		switch k.Value {
		case "name", "short", "email":
			if v.Kind != yaml.ScalarNode {
				return o, fmt.Errorf("%s:%d:%d: поле %s: ожидается текст", path, v.Line, v.Column, k.Value)
			}
			switch k.Value {
			case "name":
				o.Name = v.Value
			case "short":
				o.Short = v.Value
			default:
				o.Email = v.Value
			}
		case "groups":
			switch v.Kind {
			case yaml.ScalarNode:
				if v.Tag != "!!null" {
					o.Groups = splitGroups(v.Value)
				}
			case yaml.SequenceNode:
				for _, g := range v.Content {
					if g.Kind != yaml.ScalarNode {
						return o, fmt.Errorf("%s:%d:%d: поле groups: ожидается список названий групп", path, g.Line, g.Column)
					}
					if g := strings.TrimSpace(g.Value); g != "" {
						o.Groups = append(o.Groups, g)
					}
				}
			default:
				return o, fmt.Errorf("%s:%d:%d: поле groups: ожидается список названий групп", path, v.Line, v.Column)
			}
		default:
			return o, fmt.Errorf("%s:%d:%d: неизвестное поле «%s»: ожидается name, short, email или groups", path, k.Line, k.Column, clip(k.Value, 40))
		}
	}
	return o, nil
}

// clip shortens s to n runes for a message, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

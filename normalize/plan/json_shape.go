package plan

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
)

// NotPlanJSON explains a file meant as a plan JSON that no reader of
// one takes: a plan JSON saved in UTF-16 (Notepad's «Юникод»), or a JSON
// value other than an object (an array, a number, a string, true, false,
// null). Without it such a file was read as an export and refused as
// «таблица не найдена», which sent the user looking for a table. It
// returns nil for anything else: an export, or an object, which Decode
// judges. name is the file named in the error.
func NotPlanJSON(name string, data []byte) *JSONError {
	if enc := utf16JSON(data); enc != "" {
		return &JSONError{File: name, Line: 1, Col: 1,
			Msg: "файл в кодировке " + enc + ", а ожидается UTF-8: план JSON пишет roadmap ingest; сохраните файл в UTF-8"}
	}
	body := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	if len(body) == 0 || body[0] == '{' {
		return nil
	}
	// An export may start with a digit, a quote or a bracket
	// («1.\tМероприятие», «"Раздел"\t…», «[Гриф]»): only a whole valid
	// JSON value, or an array opened in a .json file or by a JSON value
	// («[{», «[[», «["»), is taken for a JSON that is not a plan.
	kind := jsonKind(body[0])
	isJSON := body[0] == '[' && (strings.EqualFold(filepath.Ext(name), ".json") || opensJSONValue(body[1:]))
	if kind == "" || !isJSON && !json.Valid(body) {
		return nil
	}
	line, col := lineCol(data, len(data)-len(body))
	return &JSONError{File: name, Line: line, Col: col,
		Msg: "ожидается объект JSON плана ({ … }), как его пишет roadmap ingest, а найден" + kind}
}

// opensJSONValue reports whether data (after white space) starts with
// an object, an array or a string, or closes an empty array.
func opensJSONValue(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && strings.IndexByte(`{["]`, data[0]) >= 0
}

// jsonKind names the JSON value starting with c, with the ending of
// «найден…» it takes, or "" when no JSON value starts so.
func jsonKind(c byte) string {
	switch {
	case c == '[':
		return " массив"
	case c == '"':
		return "а строка"
	case c == '-' || c >= '0' && c <= '9':
		return "о число"
	case c == 't' || c == 'f':
		return "о логическое значение"
	case c == 'n':
		return "о значение null"
	}
	return ""
}

// utf16JSON reports the encoding of a JSON array or object saved in
// UTF-16 ("UTF-16LE" or "UTF-16BE"), or "" for anything else. It looks
// at the first code units only: the byte-order mark if any, white space,
// then «{» or «[» with a zero byte beside it, which no UTF-8 text has.
func utf16JSON(data []byte) string {
	le := true
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		data = data[2:]
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		data, le = data[2:], false
	case len(data) >= 2 && data[0] == 0 && data[1] != 0:
		le = false
	}
	for ; len(data) >= 2; data = data[2:] {
		c, zero := data[0], data[1]
		if !le {
			c, zero = data[1], data[0]
		}
		if zero != 0 {
			return ""
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[':
			if le {
				return "UTF-16LE"
			}
			return "UTF-16BE"
		}
		return ""
	}
	return ""
}

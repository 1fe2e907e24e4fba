package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
)

// Many workbooks uploaded at once: a result per file in collect's own
// words; a zip bomb and junk refused; an oversized upload refused with
// 413; the server stays up.
func TestCollectUploads(t *testing.T) { pgtest.Run(t, testCollectUploads) }

func testCollectUploads(t *testing.T, eng pgtest.Engine) {
	e, hash, links := setup(t, eng)
	c := e.newSchool()
	var files []file
	for i, org := range []string{"МБОУ Школа № 1", "МБОУ Школа № 2"} {
		l := links[org]
		wb := e.get(c, l.path()+"/checklist.xlsx", http.StatusOK)
		ids := schoolItems(e.get(c, l.path(), http.StatusOK))
		files = append(files, file{name: "школа" + itoa(int64(i+1)) + ".xlsx", data: fillChecklist(t, []byte(wb),
			map[string][2]string{ids[0]: {"Выполнено", "приказ"}, ids[1]: {"в работе", "план"}})})
	}
	blank := e.get(c, links["МБУ ДО ДДТ"].path()+"/checklist.xlsx", http.StatusOK)
	files = append(files,
		file{name: "копия.xlsx", data: files[0].data},
		file{name: "пустой чек-лист.xlsx", data: []byte(blank)},
		file{name: "бомба.xlsx", data: zipBomb()},
		file{name: "письмо.xlsx", data: []byte("Добрый день! Отчет во вложении.")},
		file{name: "старый.xls", data: append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, bytes.Repeat([]byte{0}, 600)...)},
	)
	body, _ := e.upload(e.admin, "/workbooks", "files", files, url.Values{"quarter": {"2022Q1"}}, http.StatusOK)
	mustContain(t, body, "Сбор ответов за I квартал 2022 г.",
		"школа1.xlsx</td>", "собрано 2 ответа, МБОУ Школа № 1",
		"собрано 2 ответа, МБОУ Школа № 2",
		"уже собран (тот же файл: школа1.xlsx)",
		"не заполнен (нет ни одной заполненной строки), МБУ ДО ДДТ",
		"ОТКАЗ: подозрение на zip-бомбу",
		"ОТКАЗ: не книга Excel (.xlsx)",
		"ОТКАЗ: старый формат Excel 97-2003",
		`id="collect-totals">Итого файлов: 7; собрано: 2 (4 ответа), отказано: 3, уже собраны ранее: 1, не заполнены: 1.`)
	// Again: every file was collected before.
	body, _ = e.upload(e.admin, "/workbooks", "files", files[:2], url.Values{"quarter": {"2022Q1"}}, http.StatusOK)
	mustContain(t, body, "собрано: 0 (0 ответов), отказано: 0, уже собраны ранее: 2")
	// The answers are in the quarter's status.
	dash := e.get(e.admin, "/plans/"+hash+"/q/2022Q1/rows?org="+url.QueryEscape("МБОУ Школа № 2")+"&answered=yes", http.StatusOK)
	mustContain(t, dash, "Найдено мероприятий:")
	// Wrong quarter, no files, an oversized file.
	e.upload(e.admin, "/workbooks", "files", files[:1], url.Values{"quarter": {"весна"}}, http.StatusBadRequest)
	e.upload(e.admin, "/workbooks", "files", nil, url.Values{"quarter": {"2022Q1"}}, http.StatusBadRequest)
	big := append([]byte("PK\x03\x04"), bytes.Repeat([]byte{1}, bookFileLimit)...)
	body, _ = e.upload(e.admin, "/workbooks", "files", []file{{name: "огромный.xlsx", data: big}}, url.Values{"quarter": {"2022Q1"}}, http.StatusRequestEntityTooLarge)
	mustContain(t, body, "огромный.xlsx: файл больше 50 МБ")
	e.get(e.client(), "/healthz", http.StatusOK)
	if !strings.Contains(e.get(e.admin, "/workbooks", http.StatusOK), `id="workbooks-upload"`) {
		t.Fatal("the page is gone")
	}
}

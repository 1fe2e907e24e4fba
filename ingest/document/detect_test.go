package document

import (
	"os"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/officetest"
)

func TestDetect(t *testing.T) {
	doc, err := os.ReadFile("../../testdata/document/bad/old-word.doc")
	if err != nil {
		t.Fatal(err)
	}
	docx := officetest.DOCX{Body: officetest.P("x")}.Bytes()
	tests := []struct {
		name string
		data []byte
		want Format
	}{
		{"docx", officetest.DOCX{Body: officetest.P("x")}.Bytes(), DOCX},
		{"odt", officetest.ODT{Body: "<text:p>x</text:p>"}.Bytes(), ODT},
		{"encrypted", officetest.CompoundFile([]string{"EncryptionInfo", "EncryptedPackage"}, [][]byte{[]byte("info"), []byte("package")}), Encrypted},
		{"doc", doc, WordBinary},
		{"other ole", officetest.CompoundFile([]string{"Workbook"}, [][]byte{[]byte("x")}), Unknown},
		{"xlsx", officetest.Zip(officetest.Part("xl/workbook.xml", "<workbook/>")), Unknown},
		{"truncated docx", docx[:len(docx)*3/4], DOCX},
		{"text", []byte("№\tМероприятие\n"), Unknown},
		{"ole header only", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), Unknown},
	}
	for _, tt := range tests {
		if got := Detect(tt.data); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Package officetest writes small Word (.docx) and OpenDocument (.odt)
// documents from XML fragments, for tests and for the hand-made fixtures
// (scripts/handmade): a test states the markup it is about and nothing
// else, and the package supplies the parts every document needs.
package officetest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"sort"
	"strings"
)

// Namespaces declared on the root of every part written.
const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"`

// DOCX describes a Word document by the inner markup of its parts.
type DOCX struct {
	// Body is the content of w:body.
	Body string
	// Numbering, Styles and Comments are the content of w:numbering,
	// w:styles and w:comments; empty leaves the part out.
	Numbering, Styles, Comments string
	// Links are external hyperlink targets by relationship id.
	Links map[string]string
}

// Bytes writes the document.
func (d DOCX) Bytes() []byte {
	rels := `<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`
	if d.Comments != "" {
		rels += `<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>`
	}
	ids := make([]string, 0, len(d.Links))
	for id := range d.Links {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rels += fmt.Sprintf(`<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>`,
			id, html.EscapeString(d.Links[id]))
	}
	parts := []part{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels + `</Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + wordNS + `><w:body>` + d.Body + `<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>`},
	}
	if d.Styles != "" {
		parts = append(parts, part{"word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + wordNS + `>` + d.Styles + `</w:styles>`})
	}
	if d.Numbering != "" {
		parts = append(parts, part{"word/numbering.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + wordNS + `>` + d.Numbering + `</w:numbering>`})
	}
	if d.Comments != "" {
		parts = append(parts, part{"word/comments.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments ` + wordNS + `>` + d.Comments + `</w:comments>`})
	}
	return Zip(parts...)
}

// ODT describes an OpenDocument text by the inner markup of its parts.
type ODT struct {
	// Body is the content of office:text; AutoStyles that of
	// office:automatic-styles in content.xml; Styles that of office:styles
	// in styles.xml.
	Body, AutoStyles, Styles string
}

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ` +
	`xmlns:xlink="http://www.w3.org/1999/xlink" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3"`

// Bytes writes the document; mimetype comes first and stored, as the
// format requires.
func (o ODT) Bytes() []byte {
	return Zip(
		part{"mimetype", "application/vnd.oasis.opendocument.text"},
		part{"META-INF/manifest.xml", `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>`},
		part{"content.xml", `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ` + odfNS + `><office:automatic-styles>` + o.AutoStyles + `</office:automatic-styles><office:body><office:text>` + o.Body + `</office:text></office:body></office:document-content>`},
		part{"styles.xml", `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ` + odfNS + `><office:styles>` + o.Styles + `</office:styles></office:document-styles>`},
	)
}

type part struct{ name, data string }

// Zip writes the parts as a ZIP archive, deflated except "mimetype".
func Zip(parts ...part) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		method := zip.Deflate
		if p.name == "mimetype" {
			method = zip.Store
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			panic(err) // writing to memory
		}
		if _, err := f.Write([]byte(p.data)); err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Part names one member of an archive for Zip.
func Part(name, data string) part { return part{name, data} }

// T escapes text for XML.
func T(s string) string { return html.EscapeString(s) }

// P is a Word paragraph of plain text (lines split at "\n" by w:br).
func P(text string) string { return Para("", "", text) }

// Para is a Word paragraph with paragraph properties ppr (inner markup of
// w:pPr) and run properties rpr (inner markup of w:rPr).
func Para(ppr, rpr, text string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	if ppr != "" {
		b.WriteString("<w:pPr>" + ppr + "</w:pPr>")
	}
	for i, line := range strings.Split(text, "\n") {
		b.WriteString("<w:r>")
		if rpr != "" {
			b.WriteString("<w:rPr>" + rpr + "</w:rPr>")
		}
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		if line != "" {
			b.WriteString(`<w:t xml:space="preserve">` + T(line) + `</w:t>`)
		}
		b.WriteString("</w:r>")
	}
	b.WriteString("</w:p>")
	return b.String()
}

// Num is the w:pPr markup numbering a paragraph with list numID at level ilvl.
func Num(numID, ilvl int) string {
	return fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>`, ilvl, numID)
}

// Cell is a w:tc with cell properties tcpr (inner markup of w:tcPr) and
// content (paragraphs; an empty one is supplied when content is "").
func Cell(tcpr, content string) string {
	if content == "" {
		content = "<w:p/>"
	}
	if tcpr != "" {
		tcpr = "<w:tcPr>" + tcpr + "</w:tcPr>"
	}
	return "<w:tc>" + tcpr + content + "</w:tc>"
}

// TextCells makes plain cells of texts.
func TextCells(texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		b.WriteString(Cell("", P(t)))
	}
	return b.String()
}

// Row is a w:tr with row properties trpr and cells.
func Row(trpr string, cells ...string) string {
	if trpr != "" {
		trpr = "<w:trPr>" + trpr + "</w:trPr>"
	}
	return "<w:tr>" + trpr + strings.Join(cells, "") + "</w:tr>"
}

// Table is a w:tbl of cols grid columns and rows.
func Table(cols int, rows ...string) string {
	grid := strings.Repeat(`<w:gridCol w:w="2000"/>`, cols)
	return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>` +
		`<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>` +
		`<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>` +
		`<w:tblGrid>` + grid + `</w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
}

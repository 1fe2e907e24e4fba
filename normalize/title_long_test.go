package normalize

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/roadmap-tool/roadmap/normalize/plan"
)

// Lines above the table longer than a heading can be (a whole document
// pasted above it, a hostile export) are cut to plan.MaxHeadingRunes with
// a warning, so that the plan written is one its own reader takes back:
// the title of 100,000 characters was kept whole and its plan JSON
// refused.
func TestHeadingTooLongIsCut(t *testing.T) {
	const table = "№\tМероприятие\tСрок\tОтветственный\n1.\tРемонт\tмай 2024 г.\tУО\n"
	for _, tc := range []struct{ name, above, field string }{
		{"title", "План мероприятий " + strings.Repeat("я", 100_000) + "\n\n", "title"},
		{"approval", "УТВЕРЖДАЮ " + strings.Repeat("Начальник ", 5000) + "\n\nПлан мероприятий на 2024 год\n\n", "approval"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildString(t, tc.above+table)
			text := p.Title
			if tc.field == "approval" {
				text = p.Approval
			}
			if n := utf8.RuneCountInString(text); n != plan.MaxHeadingRunes || !strings.HasSuffix(text, "…") {
				t.Errorf("%s of %d characters, want %d ending in …", tc.field, n, plan.MaxHeadingRunes)
			}
			if countCode(p, plan.CodeTitleTooLong) != 1 {
				t.Errorf("no %s diagnostic: %v", plan.CodeTitleTooLong, p.Diagnostics)
			}
			var b bytes.Buffer
			if err := plan.Write(&b, p); err != nil {
				t.Fatal(err)
			}
			if _, err := plan.DecodeNamed("p.json", b.Bytes()); err != nil {
				t.Errorf("its plan JSON is refused: %v", err)
			}
		})
	}
}

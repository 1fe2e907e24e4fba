package orgs

import "testing"

// TestNames: the keys a directory matches by (orgdir) and the group
// aliases it shares with executor resolution.
func TestNames(t *testing.T) {
	same := [][2]string{
		{"МБОУ Школа № 10", "мбоу школа №10"},
		{"МБОУ «Школа № 10»", "МБОУ Школа №10"},
		{"МБОУ Школа N 10", "МБОУ Школа № 10"},
		{"МБОУ«Школа №10»", "МБОУ «Школа № 10»"},
		{"Учёт", "учет"},
		{"ДМиС.", "дмис"},
	}
	for _, p := range same {
		if CompactKey(p[0]) != CompactKey(p[1]) {
			t.Errorf("CompactKey(%q)=%q != CompactKey(%q)=%q", p[0], CompactKey(p[0]), p[1], CompactKey(p[1]))
		}
	}
	if CoreKey("МБОУ «Школа № 10»") != CoreKey("Школа №10") || CoreKey("МБОУ «Школа № 10»") != "школа10" {
		t.Errorf("CoreKey: %q %q", CoreKey("МБОУ «Школа № 10»"), CoreKey("Школа №10"))
	}
	if CompactKey("Школа № 1") == CompactKey("Школа № 10") || CompactKey("ОО") == CompactKey("ОбОО") {
		t.Error("distinct names folded together")
	}
	for in, want := range map[string]string{"ОбоО": "обоо", "ОБОУ": "обоо", "ОУ": "оо", "ДОУ": "доо", "УДО": "одо", "общеобразовательные организации": "обоо", "СОШ": "сош"} {
		if got := GroupKey(in); got != want {
			t.Errorf("GroupKey(%q) = %q, want %q", in, got, want)
		}
	}
}

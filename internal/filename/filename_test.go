package filename

import (
	"strings"
	"testing"
)

func TestSafe(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"МБОУ Школа № 10", "МБОУ_Школа_N_10"},
		{`МБОУ "СОШ № 5": филиал/корпус 2`, "МБОУ_СОШ_N_5_филиал_корпус_2"},
		{"a<b>c|d?e*f\\g", "a_b_c_d_e_f_g"},
		{"  .точки.  ", "точки"},
		{"", "org"},
		{"tab\there\x01x", "tab_here_x"},
		// Windows devices, with and without extensions.
		{"CON", "CON_"},
		{"con", "con_"},
		{"CON.txt", "CON_.txt"},
		{"nul.tar.gz", "nul_.tar.gz"},
		{"COM1", "COM1_"},
		{"LPT9.doc", "LPT9_.doc"},
		{"COM¹", "COM¹_"},
		{"CONIN$", "CONIN$_"},
		{"CON .txt", "CON_.txt"},
		{"CONSOLE", "CONSOLE"},
		{"Школа CON", "Школа_CON"},
		// Invisible characters.
		{"evil\u202Etxt.exe", "eviltxt.exe"},
		{"Школа\u200B№\u200D1", "ШколаN1"},
		{"\uFEFFШкола", "Школа"},
		{"а\u2066б\u2069в\u200Fг", "абвг"},
		{"пере\u00ADнос", "перенос"},
		// Leading characters that mean something to tools.
		{"-rf", "rf"},
		{"--help", "help"},
		{"~$Школа", "Школа"},
		{"~Школа", "Школа"},
		{".hidden", "hidden"},
		{"-", "org"},
		{"\u0085next", "next"},
	} {
		got := Safe(tt.in, 80, "org")
		if got != tt.want {
			t.Errorf("Safe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Safe(strings.Repeat("Ш", 60), 80, "org"); got != strings.Repeat("Ш", 40) {
		t.Errorf("cut: %q", got)
	}
}

// Whatever the input, the name is within the limit, not reserved, and
// starts with none of the characters tools treat specially.
func FuzzSafe(f *testing.F) {
	for _, s := range []string{"CON.txt", "-x", "~$a", "\u202Eabc", "ШколаN1", "a b/c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Safe(s, 80, "org")
		if got == "" || len(got) > 80 || Reserved(got) && got != "org" {
			t.Fatalf("Safe(%q) = %q", s, got)
		}
		if strings.HasPrefix(got, "-") || strings.HasPrefix(got, "~$") || strings.HasPrefix(got, ".") ||
			strings.HasSuffix(got, ".") || strings.HasSuffix(got, " ") || strings.ContainsAny(got, "/\\:*?\"<>|\x00") {
			t.Fatalf("Safe(%q) = %q", s, got)
		}
		for _, r := range got {
			if invisible(r) {
				t.Fatalf("Safe(%q) = %q keeps U+%04X", s, got, r)
			}
		}
	})
}

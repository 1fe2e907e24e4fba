package orgs_test

import (
	"fmt"

	"github.com/roadmap-tool/roadmap/normalize/orgs"
)

func ExampleResolver_Resolve() {
	r := orgs.New(nil)
	// Definitions first: every cell of the document.
	r.Define("Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования (далее- ООДО МКУ ДГУО)")

	execs, findings := r.Resolve("ООДО МКУ ДГУО, ОбоО совместно с ДИРО, МБОУ Школы №№ 10, 17")
	for _, e := range execs {
		fmt.Printf("%s -> %s group=%v co=%v\n", e.Text, e.Org, e.Group, e.Co)
	}
	for _, f := range findings {
		fmt.Println(f.Severity, f.Code, f.Message)
	}
	for _, o := range r.Organizations() {
		fmt.Printf("%s | %s | %v\n", o.Name, o.Full, o.Members)
	}
	// Output:
	// ООДО МКУ ДГУО -> ООДО МКУ ДГУО group=false co=false
	// ОбоО -> ОбОО group=true co=false
	// ДИРО -> ДИРО group=false co=true
	// МБОУ Школы №№ 10, 17 -> МБОУ Школы №№ 10, 17 group=true co=false
	// info alias-resolved исполнитель «ОбоО» распознан как «ОбОО» по таблице псевдонимов
	// ООДО МКУ ДГУО | Отдел общего и дошкольного образования Муниципального казенного учреждения Дербентского городского управления образования | []
	// ОбОО | общеобразовательные организации | []
	// ДИРО | Дагестанский институт развития образования | []
	// МБОУ Школы №№ 10, 17 |  | [МБОУ Школа № 10 МБОУ Школа № 17]
}

package templates

// Region are the words of the region's summary, in the PDF and the
// workbook alike (region.yaml).
type Region struct {
	Title             string `yaml:"title"`
	Document          string `yaml:"document"`
	Keywords          string `yaml:"keywords"`
	Generated         string `yaml:"generated"`
	Note              string `yaml:"note"`
	Municipality      string `yaml:"municipality"`
	Plan              string `yaml:"plan"`
	Quarter           string `yaml:"quarter"`
	Done              string `yaml:"done"`
	Total             string `yaml:"total"`
	Percent           string `yaml:"percent"`
	Overdue           string `yaml:"overdue"`
	MunicipalityTotal string `yaml:"municipality_total"`
	RegionTotal       string `yaml:"region_total"`
	Unnamed           string `yaml:"unnamed"`
	None              string `yaml:"none"`
	Sheet             string `yaml:"sheet"` // an Excel sheet name: at most 31 characters
}

func (r *Region) check() error {
	if n := len([]rune(r.Sheet)); n > 31 {
		return errorf("region.yaml", "sheet: %d знаков, а имя листа Excel — не длиннее 31", n)
	}
	return required("region.yaml", map[string]string{"title": r.Title, "document": r.Document, "municipality": r.Municipality,
		"plan": r.Plan, "quarter": r.Quarter, "done": r.Done, "total": r.Total, "percent": r.Percent, "overdue": r.Overdue,
		"municipality_total": r.MunicipalityTotal, "region_total": r.RegionTotal, "unnamed": r.Unnamed, "sheet": r.Sheet})
}

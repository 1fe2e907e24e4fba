package produce

import (
	"context"
	"fmt"
	"io"

	"github.com/roadmap-tool/roadmap/render/pdf"
	"github.com/roadmap-tool/roadmap/render/xlsx"
	"github.com/roadmap-tool/roadmap/view"
)

// RegionOptions configure Region.
type RegionOptions struct {
	Settings
	Format string // "pdf" or "xlsx"
	Year   int    // the year the summary's quarters belong to
}

// Region writes the region's summary v (view.Region: every
// municipality's plans, quarter by quarter) as a PDF or a workbook.
func Region(ctx context.Context, w io.Writer, v *view.RegionSummary, o RegionOptions) error {
	if err := stopped(ctx); err != nil {
		return err
	}
	switch o.Format {
	case "pdf":
		return pdf.WriteRegion(w, v, o.Year, pdf.RegionOptions{Labels: o.labels(), Now: o.now()})
	case "xlsx":
		return xlsx.WriteRegion(w, v, o.Year, o.labels())
	}
	return fmt.Errorf("сводка региона: неизвестный формат %q: ожидается pdf или xlsx", o.Format)
}

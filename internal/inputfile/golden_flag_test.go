package inputfile

// The -update flag must exist in every test binary for go test ./... -update.
import _ "github.com/roadmap-tool/roadmap/internal/golden"

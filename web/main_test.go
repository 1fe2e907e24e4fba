package web

import (
	"os"
	"testing"

	"github.com/roadmap-tool/roadmap/internal/pgtest"
	"github.com/roadmap-tool/roadmap/store"
)

// The server's tests run on both engines (pgtest.Run): every PostgreSQL
// database is a copy of one the store's migrations made.
func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, func(url string) error {
		st, err := store.Open(url)
		if err != nil {
			return err
		}
		return st.Close()
	}))
}

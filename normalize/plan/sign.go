package plan

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Sign returns the signature of the manifest under key: an HMAC-SHA256,
// in hex, of what says whose answers a workbook holds and where they are
// filed: its kind, plan hash, organisation, quarter and generation time.
// A user can change any cell of a workbook, the hidden manifest included;
// without the key (kept in the store that issued the workbook) they
// cannot make a signature that matches the changed manifest. The title,
// tool and column headers are left out: they only help reading.
func (m Manifest) Sign(key []byte) string {
	h := hmac.New(sha256.New, key)
	for _, f := range []string{"roadmap-manifest/1", m.Kind, m.PlanHash, m.Org, m.Quarter, m.Generated.UTC().Format(time.RFC3339)} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Verify reports whether the manifest's signature is Sign's under key.
func (m Manifest) Verify(key []byte) bool {
	got, err := hex.DecodeString(m.Signature)
	if err != nil || len(key) == 0 {
		return false
	}
	want, _ := hex.DecodeString(m.Sign(key))
	return hmac.Equal(got, want)
}

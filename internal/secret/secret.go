// Package secret makes and checks the secrets of the web server: password
// hashes (argon2id), and random tokens (sessions, school links, machine
// tokens) of which only a SHA-256 is ever stored.
//
// A password hash is kept in the PHC string form that the reference
// implementation and most libraries write,
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// so that its parameters travel with it: raising them later leaves every
// stored hash checkable, and NeedsRehash says which to renew at the next
// login. The parameters are OWASP's recommendation for argon2id (19 MiB,
// two passes, one lane): about 30 ms on one core of a small server.
package secret

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen int
	KeyLen  uint32
}

// Default are the parameters new hashes are made with.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// ErrMalformed is a stored hash that is not an argon2id PHC string.
var ErrMalformed = errors.New("хэш пароля в неизвестном формате")

// HashPassword returns the encoded argon2id hash of password with a fresh
// random salt.
func HashPassword(password string) (string, error) {
	return hashWith(password, Default)
}

func hashWith(password string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// decoded is a parsed PHC string.
type decoded struct {
	p         Params
	salt, key []byte
}

func decode(encoded string) (decoded, error) {
	var d decoded
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return d, ErrMalformed
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return d, ErrMalformed
	}
	var threads uint32
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &d.p.Memory, &d.p.Time, &threads); err != nil ||
		threads == 0 || threads > 255 || d.p.Time == 0 || d.p.Memory == 0 || d.p.Memory > 1<<22 || d.p.Time > 100 {
		return d, ErrMalformed
	}
	d.p.Threads = uint8(threads)
	var err error
	b64 := base64.RawStdEncoding
	if d.salt, err = b64.DecodeString(parts[4]); err != nil || len(d.salt) < 8 {
		return d, ErrMalformed
	}
	if d.key, err = b64.DecodeString(parts[5]); err != nil || len(d.key) < 16 || len(d.key) > 128 {
		return d, ErrMalformed
	}
	d.p.SaltLen, d.p.KeyLen = len(d.salt), uint32(len(d.key))
	return d, nil
}

// CheckPassword reports whether password matches the encoded hash, in
// time that does not depend on where they differ.
func CheckPassword(encoded, password string) (bool, error) {
	d, err := decode(encoded)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(password), d.salt, d.p.Time, d.p.Memory, d.p.Threads, d.p.KeyLen)
	return subtle.ConstantTimeCompare(key, d.key) == 1, nil
}

// NeedsRehash reports whether the encoded hash was made with parameters
// other than Default (or cannot be read), so that a successful login
// should store a new one.
func NeedsRehash(encoded string) bool {
	d, err := decode(encoded)
	return err != nil || d.p != Default
}

// dummy is checked against when a login names no user, so that the
// answer takes as long as for a wrong password and does not tell which
// logins exist. It is made on first use, not at start: an argon2id hash
// costs a CPU-bound fraction of a second, and every command of the binary
// (collect, build) would pay it before it even installs its signal
// handler, so a SIGTERM in that window killed it outright.
var dummy = sync.OnceValue(func() string {
	h, _ := hashWith("no such user", Default)
	return h
})

// Waste spends the time of one password check.
func Waste(password string) { CheckPassword(dummy(), password) }

// tokenBytes is the randomness of every token: 256 bits.
const tokenBytes = 32

// NewToken returns a random URL-safe token (256 bits) and its Hash, the
// only form of it that is stored.
func NewToken() (token, hash string, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, Hash(token), nil
}

// Hash is the stored form of a token: its SHA-256 in hex. Tokens are
// random, so no salt or slow hash is needed: the hash only keeps a copy of
// the database from being a list of working links.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// LooksLikeToken reports whether s has the shape NewToken gives (43
// URL-safe base64 characters), so that junk is refused before any lookup.
func LooksLikeToken(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

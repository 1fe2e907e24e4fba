package secret

import (
	"strings"
	"testing"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("пароль-1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("encoded form %q", h)
	}
	for pw, want := range map[string]bool{"пароль-1": true, "пароль-2": false, "": false, "пароль-1 ": false} {
		ok, err := CheckPassword(h, pw)
		if err != nil || ok != want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	h2, _ := HashPassword("пароль-1")
	if h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if NeedsRehash(h) {
		t.Error("a fresh hash needs rehash")
	}
	weaker, _ := hashWith("x", Params{Memory: 8 * 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	if !NeedsRehash(weaker) {
		t.Error("a hash with other parameters does not need rehash")
	}
	if ok, err := CheckPassword(weaker, "x"); !ok || err != nil {
		t.Errorf("a hash with other parameters no longer checks: %v %v", ok, err)
	}
}

func TestMalformed(t *testing.T) {
	for _, s := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=19456,t=2,p=0$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=19456,t=2,p=1$!!$a2V5a2V5a2V5a2V5a2V5"} {
		if ok, err := CheckPassword(s, "x"); ok || err != ErrMalformed {
			t.Errorf("CheckPassword(%q) = %v, %v; want ErrMalformed", s, ok, err)
		}
	}
}

func TestToken(t *testing.T) {
	tok, h, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if !LooksLikeToken(tok) || len(tok) != 43 {
		t.Fatalf("token %q", tok)
	}
	if h != Hash(tok) || len(h) != 64 || strings.Contains(h, tok) {
		t.Fatalf("hash %q of %q", h, tok)
	}
	tok2, _, _ := NewToken()
	if tok2 == tok {
		t.Fatal("two tokens are equal")
	}
	for _, bad := range []string{"", "short", strings.Repeat("a", 42), strings.Repeat("a", 42) + "=", strings.Repeat("a", 42) + "/"} {
		if LooksLikeToken(bad) {
			t.Errorf("LooksLikeToken(%q)", bad)
		}
	}
}

package web

import (
	"errors"
	"strings"
	"testing"
)

func TestListen(t *testing.T) {
	used, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer used.Close()
	for _, c := range []struct {
		addr    string
		badAddr bool   // ErrAddr: the caller's mistake
		err     string // the message, "" when it listens
	}{
		{addr: "127.0.0.1:0"},
		{addr: "nonsense", badAddr: true, err: `--addr "nonsense": ожидается адрес и порт вида 127.0.0.1:8080 или :8080`},
		{addr: ":99999", badAddr: true, err: "порт от 0 до 65535"},
		{addr: "127.0.0.1:-1", badAddr: true, err: "ожидается адрес и порт"},
		{addr: "127.0.0.1:http", badAddr: true, err: "ожидается адрес и порт"},
		{addr: used.Addr().String(), err: "--addr " + used.Addr().String() + ": порт уже занят другой программой"},
	} {
		l, err := Listen(c.addr)
		if l != nil {
			l.Close()
		}
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.addr, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.addr, err, c.err)
		case errors.Is(err, ErrAddr) != c.badAddr:
			t.Errorf("%s: %v: ErrAddr %v, want %v", c.addr, err, !c.badAddr, c.badAddr)
		}
	}
}

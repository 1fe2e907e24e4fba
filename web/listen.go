package web

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/roadmap-tool/roadmap/internal/syserr"
)

// ErrAddr is an address to listen on that is not host:port: a mistake
// of the caller's, not of the system.
var ErrAddr = errors.New("ожидается адрес и порт вида 127.0.0.1:8080 или :8080 (порт от 0 до 65535)")

// Listen opens the server's address (--addr). One that is not host:port
// is ErrAddr, and a refusal of the system is said in Russian (it was
// Go's "listen tcp: address nonsense: missing port in address").
func Listen(addr string) (net.Listener, error) {
	_, port, err := net.SplitHostPort(addr)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		return nil, fmt.Errorf("--addr %q: %w", addr, ErrAddr)
	}
	l, err := net.Listen("tcp", addr)
	if err == nil {
		return l, nil
	}
	var why string
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		why = "порт уже занят другой программой (или другим roadmap serve)"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		why = "у этого компьютера нет такого адреса"
	case errors.Is(err, syscall.EACCES):
		why = "нет прав открыть этот порт (порты ниже 1024 — только для администратора)"
	case errors.As(err, &dns):
		why = "имя компьютера не найдено"
	default:
		why = syserr.Text(err)
	}
	return nil, fmt.Errorf("--addr %s: %s", addr, why)
}

// logStart logs the start of serving on l, after a warning when the
// cookies will not work as the address says: Secure cookies over plain
// http are never sent back by a browser, and cookies without Secure are
// safe only on this machine.
func (s *Server) logStart(l net.Listener) {
	base := s.o.BaseURL
	if s.secure {
		if strings.HasPrefix(base, "http:") {
			s.log.Warn("cookie помечены Secure, а адрес — http: браузер не сохранит вход; откройте сервер по https (через обратный прокси) или укажите --base-url http://localhost:ПОРТ для работы на этом компьютере", "base_url", base)
		}
	} else {
		s.log.Warn("cookie без флага Secure: адрес сервера — http на этом компьютере; для работы по сети нужен https (--base-url https://...)", "base_url", base)
	}
	s.log.Info("сервер запущен", "addr", l.Addr().String(), "base_url", base, "db", s.st.Path(), "version", s.o.Version)
}

// Package askpass reads a password for a command: asked twice on a
// terminal, without echo, or taken from the first line of a pipe, so
// that scripts can create users too (`echo 'пароль' | roadmap users add
// robot`).
package askpass

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// maxLine bounds what is read from a pipe: a password is at most 1024
// bytes (access.CheckPassword), its confirmation as many again.
const maxLine = 4096

// Read asks for the password on in when it is a terminal (the prompts go
// to prompts), or reads it from in otherwise (ReadLine).
func Read(in io.Reader, prompts io.Writer) (string, error) {
	f, ok := in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return ReadLine(in)
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(prompts, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(prompts)
		return string(b), err
	}
	pw, err := ask("Пароль: ")
	if err != nil {
		return "", err
	}
	again, err := ask("Пароль еще раз: ")
	if err != nil {
		return "", err
	}
	if pw != again {
		return "", errors.New("пароли не совпадают")
	}
	return pw, nil
}

// ReadLine reads the password from the first line of a pipe. A second
// line already read with the first is taken for the confirmation a
// terminal asks for: one that differs was a typo accepted silently.
// What has not arrived yet is not waited for.
func ReadLine(in io.Reader) (string, error) {
	br := bufio.NewReader(io.LimitReader(in, maxLine))
	line, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("пароль не введен: введите его в терминале или передайте первой строкой stdin")
	}
	if rest, _ := br.Peek(br.Buffered()); len(rest) > 0 {
		again, _, _ := strings.Cut(string(rest), "\n")
		if again = strings.TrimRight(again, "\r"); again != "" && again != pw {
			return "", errors.New("пароли в первой и второй строке stdin не совпадают")
		}
	}
	return pw, nil
}

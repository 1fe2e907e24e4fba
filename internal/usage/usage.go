// Package usage is the error of a request its caller got wrong: an
// argument missing, a flag's value out of its bounds, an output of the
// wrong kind. It is not the data's fault nor a failure, and each face
// of the tool says so its own way: the command line exits 2
// (internal/ruscli), a server answers 400. The core returns it where it
// checks what it was asked (produce.Request, access.NewUser), so that
// the check lives once, beside the operation.
package usage

import (
	"errors"
	"fmt"
)

// Error is a request its caller got wrong; Msg says what and what is
// expected, in Russian, naming the argument or flag as the user typed it.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Errorf is an *Error with a formatted message.
func Errorf(format string, args ...any) error { return &Error{fmt.Sprintf(format, args...)} }

// Is reports whether err is, or wraps, an *Error.
func Is(err error) bool {
	var u *Error
	return errors.As(err, &u)
}

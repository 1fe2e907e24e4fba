package produce

import (
	"context"
	"errors"
)

// interrupted is a cancelled context as the user reads it: "прервано"
// ("время ожидания истекло" for a deadline), while errors.Is still finds
// context.Canceled or context.DeadlineExceeded beneath.
type interrupted struct{ cause error }

func (e interrupted) Error() string {
	if errors.Is(e.cause, context.DeadlineExceeded) {
		return "прервано: время ожидания истекло"
	}
	return "прервано"
}

func (e interrupted) Unwrap() error { return e.cause }

// stopped returns nil while ctx goes on, and the cancellation in Russian
// once it is done.
func stopped(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return interrupted{err}
	}
	return nil
}

package access

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/roadmap-tool/roadmap/store"
)

// WriteList writes the users and the machine tokens for a terminal (what
// `roadmap users list` prints): each user's login, name, day of creation,
// state and what it may see (the region, or its municipality by name),
// then each token's number, purpose, user and state, revoked ones
// included. Dates are in the local time zone.
func (a *Service) WriteList(ctx context.Context, w io.Writer) error {
	users, err := a.Users(ctx)
	if err != nil {
		return err
	}
	mns, err := a.Municipalities(ctx)
	if err != nil {
		return err
	}
	tokens, err := a.Tokens(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Логин\tИмя\tСоздан\tСостояние\tДоступ")
	for _, u := range users {
		state := "действует"
		if u.Disabled {
			state = "отключен"
		}
		scope := "регион"
		if !u.Region() {
			scope = "муниципалитет"
			if n := mns[u.Municipality]; n != "" {
				scope += " «" + n + "»"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Login, u.Name, u.Created.Local().Format("02.01.2006"), state, scope)
	}
	if len(tokens) > 0 {
		fmt.Fprintln(tw, "\nТокен\tНазначение\tПользователь\tСостояние")
		for _, t := range tokens {
			state := TokenState(t, a.o.Now())
			state += ", выдан " + t.Created.Local().Format("02.01.2006")
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", t.ID, t.Name, t.User.Login, state)
		}
	}
	return tw.Flush()
}

// TokenState says whether a token works, and until or since when:
// "действует до 01.03.2027 00:00", "истек 01.03.2027 00:00", "отозван
// 01.12.2026". Times are in the local time zone.
func TokenState(t store.Token, now time.Time) string {
	switch {
	case !t.Revoked.IsZero():
		return "отозван " + t.Revoked.Local().Format("02.01.2006")
	case !now.Before(t.Expires):
		return "истек " + t.Expires.Local().Format("02.01.2006 15:04")
	}
	return "действует до " + t.Expires.Local().Format("02.01.2006 15:04")
}

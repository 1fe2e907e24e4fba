package plan

// CodeDeadlineTypo marks a deadline word read through a likely typo
// ("Ежгеодно" as "ежегодно"), so that the guess is shown to the user and
// never made silently; the deadline text itself is kept as written.
const CodeDeadlineTypo = "deadline-typo"

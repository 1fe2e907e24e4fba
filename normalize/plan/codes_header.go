package plan

// CodeHeaderTypo marks a column header read through a likely typo or
// through its parenthesised part ("Мерорпиятие (содержание деятельности)"
// read as the activity), so that the guess is shown to the user and never
// made silently.
const CodeHeaderTypo = "header-typo"

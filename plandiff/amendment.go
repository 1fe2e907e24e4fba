package plandiff

import (
	"regexp"
	"strings"
)

// amendmentRE finds the amendment line of a title, as municipal acts
// write it: "(в ред. постановления от 13.03.2023 № 45)", "(в редакции
// приказа ...)", "(с изменениями от ...)", "(с изм. от ...)", in
// parentheses or running to the end of the title.
var amendmentRE = regexp.MustCompile(`(?i)\(\s*((?:в\s+ред(?:\.|акции)|с\s+изм(?:\.|енениями))[^()]*)\)|(?:^|\s)((?:в\s+ред(?:\.|акции)|с\s+изм(?:\.|енениями))\s.*)$`)

// Amendment returns the amendment lines of a title ("в ред. приказа от
// 13.03.2023 № 45"), joined with "; " when there are several, or "" for
// a title without one: the first version of a roadmap.
func Amendment(title string) string {
	var out []string
	for _, m := range amendmentRE.FindAllStringSubmatch(title, -1) {
		s := m[1]
		if s == "" {
			s = m[2]
		}
		out = append(out, strings.Join(strings.Fields(s), " "))
	}
	return strings.Join(out, "; ")
}

// withoutAmendment is the title with its amendment lines taken out.
func withoutAmendment(title string) string {
	return strings.Join(strings.Fields(amendmentRE.ReplaceAllString(title, " ")), " ")
}

// Package plandiff compares two versions of a roadmap: it matches the
// items of the old plan with those of the new one and says what was
// added, removed, changed, renumbered and moved between sections.
// Roadmaps are amended during their life ("в ред. постановления от
// 13.03.2023"), and numbers are not a stable key across versions: an
// item removed renumbers every item after it, a section moved renumbers
// all of its items. So items are matched by number and by text:
//
//  1. an item whose activity text, normalized (case, ё, punctuation,
//     white space), is the same in both versions is the same item;
//  2. every remaining pair is scored by the similarity of their activity
//     texts (the Dice coefficient of their word multisets, 0 to 1); a
//     pair with the same number needs MinSameNumber, any other pair
//     Threshold; deadline, executors and result agreeing, or the same
//     section, break ties; pairs are taken best first, each item once.
//
// What is left unmatched is added (new) or removed (old). The thresholds
// are tuned on the fixtures of plandiff_test.go, made by editing the seeds
// in known ways (added, removed, renumbered and moved items, changed
// deadlines, executors, results and wording).
//
// Sections are matched through their items (the new section that most
// of an old section's items went to) or, for a section whose items all
// changed, by its title; an item is moved when its section's match is
// not the section it is in now.
//
// A Diff carries, for every matched item, its old and new ids: package
// store can carry the schools' answers from the old version's items to
// the new ones with Diff.Carry, and keep those of removed items with the
// old version.
package plandiff

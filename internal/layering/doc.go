// Package layering holds only a test that guards the import rules between
// the project's packages.
package layering

// Package produce is the application core: it carries out every
// operation a department runs on a roadmap, and both faces of the tool,
// the command line (cmd/roadmap) and the web server, call it rather than
// each other.
//
// The name says what it does. ingest reads exports, normalize builds the
// plan, render writes bytes, collect reads the answers back; produce
// makes the department's documents from a plan: it opens an input (an
// export, read and normalized, or a plan JSON, validated), picks the
// quarter, loads the answers from a store, resolves who receives which
// activities, and renders each output to an io.Writer, or the checklists
// into a folder with their index. It also handles the versions of a
// plan: Compare and Changes show what changed between two versions (the
// change sheet an official signs), Amend registers a new version in the
// store as the successor of the old, InForce picks the version in force
// in a quarter, VersionHistory tells the chain. The build of a whole
// region (pipeline) is a loop over these operations.
//
// Every operation that reads, writes or renders takes a context and
// checks it before it starts (long ones, OpenAll and WriteChecklists,
// stop starting work when it is cancelled; the error reads "прервано" and
// is context.Canceled beneath); the pure computations of a few
// milliseconds (Quarter, Recipients) take none. Operations report
// progress through a callback where they have steps, return errors in
// Russian that name the file, keep no state between calls and print
// nothing of their own accord (the Write* helpers for a terminal write to
// the io.Writer they are given). The words of the documents
// (templates.Labels) and the status store (Store) come in as values.
//
// A command of the tool is a Request: the command line fills one from
// its flags and calls the method named after the command (Tracker,
// Report, Ingest, ...), which checks what it was given (a usage error
// naming the flag, internal/usage), runs the operations above and
// writes what the command shows.
//
// The writers under render/ stay pure: a model and its words in, bytes
// out. File names, folders, the checklists' index, worker pools and the
// directory of organisations are decided here.
package produce

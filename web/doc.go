// Package web is the tool's second face: `roadmap serve`, the web app
// where a department runs the quarter and the schools answer. Like the
// command line it is a thin layer over the application core: it reads
// and writes the store (store), authenticates through access, reads
// uploads through produce and collect, and renders every document
// through produce; it never imports a writer or excelize and fpdf (the
// layering test checks it).
//
// Pages are rendered on the server from html/template (every value
// escaped in its context; nothing built from user data is ever trusted
// as HTML) and work without JavaScript; a little plain JS adds
// drag-and-drop upload and, on a school's page, saving each row as it
// changes with retries and a local copy. The JSON API (api*.go, under
// /api/v1, documented in openapi.yaml) offers the same operations to
// machines with tokens.
//
// Who may see what. Department users log in (access: argon2id, sessions
// kept as hashes in the store, logins rate-limited there) and see every
// plan and organisation of the department; machines use tokens on the
// API; a school reaches only its own organisation's part of one plan
// and quarter through its link, and anything else is "not found".
// Every state-changing request from another site is refused
// (http.CrossOriginProtection), cookies are HttpOnly, SameSite=Lax and
// Secure unless the server is plain http on this machine, every body and
// upload is bounded, every request has a deadline, and pages carry a
// Content-Security-Policy that allows no inline script or style.
//
// Files: server.go (options, Serve with its timeouts and graceful
// shutdown), routes.go (every route with who may call it and its
// limits), middleware.go (logging, security headers, cross-origin
// protection, body limits, deadlines, authentication), render.go
// (templates, errors), data.go (plans and recipients as the pages need
// them, cached by what the store says), upload.go and answers.go (what
// forms send), one file per resource for the pages (login.go, plans.go,
// imports.go, quarter.go, links.go, workbooks.go, orgs.go, items.go,
// school.go, downloads.go) and for the API (api*.go); templates/ and
// static/ are embedded.
package web

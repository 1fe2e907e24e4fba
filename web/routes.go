package web

import "net/http"

// routeList is every route of the server with who may call it and its
// limits: the pages of the department, the schools' pages, the JSON API.
func (s *Server) routeList() []route {
	get, post, put := http.MethodGet, http.MethodPost, http.MethodPut
	page := func(method, pattern string, h func(http.ResponseWriter, *http.Request) error) route {
		return route{method: method, pattern: pattern, auth: userAuth, limit: formLimit, timeout: shortTimeout, h: h}
	}
	heavy := func(rt route, limit int64) route {
		rt.heavy, rt.limit, rt.timeout = true, limit, longTimeout
		return rt
	}
	api := func(method, pattern string, h func(http.ResponseWriter, *http.Request) error) route {
		return route{method: method, pattern: pattern, auth: apiAuth, limit: jsonLimit, timeout: shortTimeout, h: h}
	}
	withLimit := func(rt route, limit int64) route {
		rt.limit = limit
		return rt
	}
	school := func(method, pattern string, limit int64, h func(http.ResponseWriter, *http.Request) error) route {
		return route{method: method, pattern: pattern, auth: linkAuth, limit: limit, timeout: shortTimeout, h: h}
	}
	checked := func(rt route) route {
		rt.savedChecked = true
		return rt
	}
	return []route{
		{method: get, pattern: "/healthz", auth: public, limit: 1, timeout: 5e9, h: s.healthz},
		{method: get, pattern: "/login", auth: public, limit: 1, timeout: shortTimeout, h: s.loginPage},
		{method: post, pattern: "/login", auth: public, limit: formLimit, timeout: shortTimeout, h: s.login},
		page(post, "/logout", s.logout),
		page(get, "/{$}", s.home),

		// The region: every municipality's plans (the region's users).
		page(get, "/region", s.regionPage),
		heavy(page(get, "/region/summary.pdf", func(w http.ResponseWriter, r *http.Request) error { return s.downloadRegion(w, r, "pdf") }), 1),
		heavy(page(get, "/region/summary.xlsx", func(w http.ResponseWriter, r *http.Request) error { return s.downloadRegion(w, r, "xlsx") }), 1),

		// Roadmaps: upload, read, accept or discard; the plans.
		page(get, "/plans", s.plansPage),
		heavy(page(post, "/plans/upload", s.uploadPlans), plansLimit),
		page(get, "/imports", s.importsPage),
		page(get, "/imports/{id}", s.importPage),
		page(post, "/imports/{id}/accept", s.acceptImport),
		page(post, "/imports/{id}/discard", s.discardImport),
		page(get, "/plans/{plan}", s.planPage),
		page(get, "/plans/{plan}/items/{item}", s.itemPage),
		page(post, "/plans/{plan}/items/{item}/answers", s.saveItemAnswer),

		// A new version of a plan: compared before it is accepted.
		heavy(page(post, "/plans/{plan}/versions", s.uploadVersion), planFileLimit+formLimit),
		page(get, "/imports/{id}/as-version", s.importAsVersion),
		page(get, "/plans/{plan}/versions/{id}", s.versionPage),
		heavy(page(get, "/plans/{plan}/versions/{id}/changes.pdf", s.downloadChanges), 1),
		heavy(page(get, "/plans/{plan}/versions/{id}/changes.xlsx", s.downloadChanges), 1),
		page(post, "/plans/{plan}/versions/{id}/accept", s.acceptVersion),

		// The quarter: dashboard, rows, links.
		page(get, "/plans/{plan}/q/{quarter}", s.dashboard),
		page(get, "/plans/{plan}/q/{quarter}/rows", s.rowsPage),
		page(get, "/plans/{plan}/q/{quarter}/links", s.linksPage),
		heavy(page(post, "/plans/{plan}/q/{quarter}/links", s.issueLinks), formLimit),
		page(post, "/links/{id}/revoke", s.revokeLink),
		page(post, "/links/{id}/reissue", s.reissueLink),

		// Returned workbooks.
		page(get, "/workbooks", s.workbooksPage),
		heavy(page(post, "/workbooks", s.uploadWorkbooks), booksLimit),

		// Organisations.
		page(get, "/orgs", s.orgsPage),
		heavy(page(post, "/orgs/upload", s.uploadOrgs), directoryLimit),
		page(get, "/orgs/edit", s.orgEditPage),
		page(post, "/orgs/save", s.saveOrg),
		page(post, "/orgs/remove", s.removeOrg),
		page(get, "/groups", s.groupsPage),

		// The user's machine tokens.
		page(get, "/tokens", s.tokensPage),
		page(post, "/tokens", s.newToken),
		page(post, "/tokens/{id}/revoke", s.revokeToken),

		// Downloads.
		heavy(page(get, "/plans/{plan}/tracker.xlsx", s.downloadTracker), 1),
		heavy(page(get, "/plans/{plan}/q/{quarter}/report.pdf", s.downloadReport), 1),
		heavy(page(get, "/plans/{plan}/matrices.xlsx", s.downloadMatrices), 1),
		heavy(page(get, "/plans/{plan}/matrices.pdf", s.downloadMatrices), 1),
		heavy(page(post, "/plans/{plan}/q/{quarter}/checklists.zip", s.issueChecklists), formLimit),
		page(get, "/plans/{plan}/q/{quarter}/status.csv", s.downloadStatus),
		page(get, "/plans/{plan}/plan.json", s.downloadPlan),
		page(get, "/plans/{plan}/items/{item}/history.csv", s.downloadHistory),

		// A school's page, by its link.
		school(get, "/s/{token}", 1, s.schoolPage),
		checked(school(post, "/s/{token}/items/{item}", saveLimit, s.schoolSave)),
		heavy(school(get, "/s/{token}/checklist.xlsx", 1, s.schoolChecklist), 1),
		heavy(school(post, "/s/{token}/upload", bookFileLimit+formLimit, s.schoolUpload), bookFileLimit+formLimit),

		// The JSON API (openapi.yaml, served as it is).
		{method: get, pattern: "/api/openapi.yaml", auth: public, limit: 1, timeout: shortTimeout, h: func(w http.ResponseWriter, _ *http.Request) error {
			w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
			_, err := w.Write(openAPI)
			return err
		}},
		api(get, "/api/v1/plans", s.apiPlans),
		heavy(api(post, "/api/v1/plans", s.apiUploadPlans), plansLimit),
		api(get, "/api/v1/plans/{plan}", s.apiPlan),
		api(get, "/api/v1/plans/{plan}/items/{item}/history", s.apiHistory),
		api(get, "/api/v1/plans/{plan}/quarters/{quarter}/status", s.apiStatus),
		api(get, "/api/v1/plans/{plan}/quarters/{quarter}/answers", s.apiAnswers),
		api(post, "/api/v1/plans/{plan}/quarters/{quarter}/answers", s.apiSaveAnswer),
		api(get, "/api/v1/plans/{plan}/quarters/{quarter}/links", s.apiLinks),
		api(post, "/api/v1/plans/{plan}/quarters/{quarter}/links", s.apiIssueLinks),
		api(post, "/api/v1/links/{id}/revoke", s.apiRevokeLink),
		api(get, "/api/v1/organizations", s.apiOrgs),
		withLimit(api(put, "/api/v1/organizations", s.apiReplaceOrgs), directoryLimit),
		heavy(api(post, "/api/v1/workbooks", s.apiUploadWorkbooks), booksLimit),
	}
}

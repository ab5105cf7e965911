package fakeportal

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// scopeRequest is a scope as POST and PUT /scopes receive it. Active is a
// pointer so that an omitted active can fall back to its default. The three
// optional strings are pointers because a PUT that leaves one out keeps its
// old value, as the real portal may (portal-api.md §11): clearing one takes
// an explicit "".
type scopeRequest struct {
	Name                       string   `json:"name"`
	Prefix                     string   `json:"prefix"`
	Subscope                   string   `json:"subscope"`
	Description                string   `json:"description"`
	LongDescription            *string  `json:"long_description"`
	Active                     *bool    `json:"active"`
	OwnerOrgno                 string   `json:"owner_orgno"` // set by the server; checked when given
	AllowedIntegrationTypes    []string `json:"allowed_integration_types"`
	TokenType                  string   `json:"token_type"`
	Visibility                 string   `json:"visibility"`
	RequiresUserConsent        bool     `json:"requires_user_consent"`
	RequiresUserAuthentication bool     `json:"requires_user_authentication"`
	RequiresPseudonymousTokens bool     `json:"requires_pseudonymous_tokens"`
	AccessibleForAll           bool     `json:"accessible_for_all"`
	DelegationSource           *string  `json:"delegation_source"`
	AtMaxAge                   int      `json:"at_max_age"`
	AuthorizationMaxLifetime   int      `json:"authorization_max_lifetime"`
	EnforcedAudForAccessToken  *string  `json:"enforced_aud_for_access_token"`
}

const (
	maxDescription     = 255  // [choice] the web form's limit
	maxLongDescription = 1023 //
)

// GET /scopes: the caller's scopes, the inactive ones only with inactive=true.
func (f *Fake) listScopes(c *call) (any, error) {
	inactive, err := c.boolQuery("inactive")
	if err != nil {
		return nil, err
	}
	out := []scopeAnswer{}
	for _, s := range f.state.Scopes {
		if s.OwnerOrgno == c.caller && (s.Active || inactive) {
			out = append(out, scopeView(s))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// callerScope finds the scope named in ?scope= and checks that the caller
// owns it: 400 without a name, 404 when there is none, 403 when another
// organisation owns it.
func (f *Fake) callerScope(c *call) (*Scope, error) {
	name := c.query("scope")
	if name == "" {
		return nil, &apiError{Status: 400, Object: "Scope", Fields: []fieldError{{Field: "scope", Msg: "query parameter scope must name the scope (prefix:subscope)"}}}
	}
	s, ok := f.state.Scopes[name]
	if !ok {
		return nil, notFound(fmt.Sprintf("scope %s does not exist", name))
	}
	if s.OwnerOrgno != c.caller {
		return nil, forbidden(fmt.Sprintf("scope %s belongs to another organisation than %s", name, c.caller))
	}
	return s, nil
}

// GET /scopes/scope?scope=NAME
func (f *Fake) getScope(c *call) (any, error) {
	s, err := f.callerScope(c)
	if err != nil {
		return nil, err
	}
	return scopeView(s), nil
}

// POST /scopes: create; the caller owns the new scope.
func (f *Fake) createScope(c *call) (any, error) {
	var req scopeRequest
	if err := c.decode(&req, "Scope"); err != nil {
		return nil, err
	}
	fe := &fieldErrors{object: "Scope"}
	fe.checkRequired("prefix", req.Prefix)
	fe.checkRequired("subscope", req.Subscope)
	if strings.Contains(req.Prefix, ":") || hasSpace(req.Prefix) {
		fe.add("prefix", fmt.Sprintf("prefix %q must not hold ':' or whitespace", req.Prefix))
	}
	if hasSpace(req.Subscope) {
		fe.add("subscope", fmt.Sprintf("subscope %q must not hold whitespace", req.Subscope))
	}
	if req.Prefix != "" {
		if o := f.orgs[c.caller]; o == nil || !slices.Contains(o.Prefixes, req.Prefix) {
			fe.add("prefix", fmt.Sprintf("prefix %q does not belong to organisation %s", req.Prefix, c.caller))
		}
	}
	name := req.Prefix + ":" + req.Subscope
	if req.Name != "" && req.Name != name {
		fe.add("name", fmt.Sprintf("name %q does not match prefix:subscope %q", req.Name, name))
	}
	f.checkScopeFields(fe, &req)
	if err := fe.err(); err != nil {
		return nil, err
	}
	if _, exists := f.state.Scopes[name]; exists {
		return nil, conflict(fmt.Sprintf("scope %s already exists (active or not); bring a deactivated scope back with PUT and active true", name))
	}
	ts := f.timestamp()
	s := &Scope{
		Name: name, Prefix: req.Prefix, Subscope: req.Subscope,
		OwnerOrgno: c.caller, Active: true, Created: ts, LastUpdated: ts,
	}
	applyScopeFields(s, &req)
	f.state.Scopes[name] = s
	return scopeView(s), nil
}

// PUT /scopes?scope=NAME: replace every changeable field; what is left out
// goes back to its default, but for long_description, delegation_source and
// enforced_aud_for_access_token, which keep their old value (§11).
func (f *Fake) updateScope(c *call) (any, error) {
	s, err := f.callerScope(c)
	if err != nil {
		return nil, err
	}
	var req scopeRequest
	if err := c.decode(&req, "Scope"); err != nil {
		return nil, err
	}
	fe := &fieldErrors{object: "Scope"}
	if req.Prefix != "" && req.Prefix != s.Prefix {
		fe.add("prefix", "prefix never changes")
	}
	if req.Subscope != "" && req.Subscope != s.Subscope {
		fe.add("subscope", "subscope never changes")
	}
	if req.Name != "" && req.Name != s.Name {
		fe.add("name", "name never changes")
	}
	f.checkScopeFields(fe, &req)
	if err := fe.err(); err != nil {
		return nil, err
	}
	applyScopeFields(s, &req)
	// active is changeable too; like every omitted field it falls back to its
	// default (true). An explicit false deactivates (§10.2).
	s.Active = req.Active == nil || *req.Active
	s.LastUpdated = f.touch(s.LastUpdated)
	return scopeView(s), nil
}

// DELETE /scopes?scope=NAME: deactivate. Grants stay.
func (f *Fake) deleteScope(c *call) (any, error) {
	s, err := f.callerScope(c)
	if err != nil {
		return nil, err
	}
	s.Active = false
	s.LastUpdated = f.touch(s.LastUpdated)
	return scopeView(s), nil
}

// checkScopeFields validates the changeable fields of a scope.
func (f *Fake) checkScopeFields(fe *fieldErrors, req *scopeRequest) {
	if req.OwnerOrgno != "" && !validOrgno(req.OwnerOrgno) {
		fe.add("owner_orgno", fmt.Sprintf("owner_orgno %q is not a valid organisation number (9 digits with a mod-11 check digit)", req.OwnerOrgno))
	}
	fe.checkRequired("description", req.Description)
	fe.checkMaxLen("description", req.Description, maxDescription)
	fe.checkMaxLen("long_description", deref(req.LongDescription), maxLongDescription)
	for _, it := range req.AllowedIntegrationTypes {
		fe.checkEnum("allowed_integration_types", it, integrationTypes)
	}
	if req.TokenType != "" {
		fe.checkEnum("token_type", req.TokenType, tokenTypes)
	}
	if req.Visibility != "" {
		fe.checkEnum("visibility", req.Visibility, visibilities)
	}
	if req.AtMaxAge < 0 {
		fe.add("at_max_age", "at_max_age must be 0 or more seconds")
	}
	if req.AuthorizationMaxLifetime < 0 {
		fe.add("authorization_max_lifetime", "authorization_max_lifetime must be 0 or more seconds")
	}
	if source := deref(req.DelegationSource); source != "" && !slices.ContainsFunc(f.state.DelegationSources,
		func(d DelegationSource) bool { return d.Issuer == source }) {
		fe.add("delegation_source", fmt.Sprintf("delegation_source %q is not the issuer of a known delegation source (see GET /delegationsources)", source))
	}
	if hasSpace(deref(req.EnforcedAudForAccessToken)) {
		fe.add("enforced_aud_for_access_token", "enforced_aud_for_access_token must not hold whitespace")
	}
}

// applyScopeFields sets every changeable field but active from req, with the
// defaults of §4 for what req leaves out, but for the three optional strings,
// which keep what s holds (on create: none) when req leaves them out (§11).
func applyScopeFields(s *Scope, req *scopeRequest) {
	s.Description = req.Description
	keepUnlessSent(&s.LongDescription, req.LongDescription)
	s.AllowedIntegrationTypes = uniqueStrings(req.AllowedIntegrationTypes)
	s.TokenType = orDefault(req.TokenType, "SELF_CONTAINED")
	s.Visibility = orDefault(req.Visibility, "PUBLIC")
	s.RequiresUserConsent = req.RequiresUserConsent
	s.RequiresUserAuthentication = req.RequiresUserAuthentication
	s.RequiresPseudonymousTokens = req.RequiresPseudonymousTokens
	s.AccessibleForAll = req.AccessibleForAll
	keepUnlessSent(&s.DelegationSource, req.DelegationSource)
	s.AtMaxAge = req.AtMaxAge
	s.AuthorizationMaxLifetime = req.AuthorizationMaxLifetime
	keepUnlessSent(&s.EnforcedAudForAccessToken, req.EnforcedAudForAccessToken)
}

// keepUnlessSent sets *field to the value sent, and leaves it as it was when
// none was.
func keepUnlessSent(field, sent *string) {
	if sent != nil {
		*field = *sent
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// GET /scopes/all: the public catalogue, no token needed. The query's
// integration_type is taken in either case: the web UI sends it in upper
// case (§11).
func (f *Fake) scopeCatalogue(c *call) (any, error) {
	inactive, err := c.boolQuery("inactive")
	if err != nil {
		return nil, err
	}
	forAllFilter := c.query("accessible_for_all")
	var forAll bool
	if forAllFilter != "" {
		if forAll, err = c.boolQuery("accessible_for_all"); err != nil {
			return nil, err
		}
	}
	prefix := c.query("prefix")
	integrationType := strings.ToLower(c.query("integration_type"))
	delegated := c.query("delegated_sources")

	out := []scopeAnswer{}
	listed := f.catalogueKRRScopes() // KRR's own scopes are in the catalogue (§11)
	for _, s := range f.state.Scopes {
		listed = append(listed, s)
	}
	for _, s := range listed {
		switch {
		case s.Visibility != "PUBLIC",
			!s.Active && !inactive,
			prefix != "" && s.Prefix != prefix,
			forAllFilter != "" && s.AccessibleForAll != forAll,
			integrationType != "" && len(s.AllowedIntegrationTypes) > 0 &&
				!slices.ContainsFunc(s.AllowedIntegrationTypes, func(t string) bool { return strings.ToLower(t) == integrationType }),
			!matchesDelegation(s.DelegationSource, delegated):
			continue
		}
		out = append(out, scopeView(s))
	}
	if len(out) == 0 && len(c.r.URL.Query()) > 0 {
		// Filtered down to nothing: the portal's "does not have any" (§11).
		return nil, noneOf("the scope catalogue", "scopes matching "+c.r.URL.RawQuery)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// matchesDelegation reads the catalogue's delegated_sources filter: "true"
// and "false" ask for scopes with or without a delegation source, anything
// else for that issuer.
func matchesDelegation(source, filter string) bool {
	switch strings.ToLower(filter) {
	case "":
		return true
	case "true":
		return source != ""
	case "false":
		return source == ""
	}
	return source == filter
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// uniqueStrings drops repeats and keeps order; never nil.
func uniqueStrings(in []string) []string {
	out := []string{}
	for _, s := range in {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

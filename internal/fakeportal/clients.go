package fakeportal

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// clientRequest is a client as POST and PUT /clients receive it.
type clientRequest struct {
	ClientID                string   `json:"client_id"`
	ClientName              string   `json:"client_name"`
	Description             string   `json:"description"`
	ClientOrgno             string   `json:"client_orgno"`
	SupplierOrgno           string   `json:"supplier_orgno"` // set by the server; checked when given
	IntegrationType         string   `json:"integration_type"`
	ApplicationType         string   `json:"application_type"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`
	GrantTypes              []string `json:"grant_types"`
	Scopes                  []string `json:"scopes"`
	Active                  *bool    `json:"active"`
	// Lifetimes are pointers: one left out gets its default, while one
	// sent as 0 is refused, as the real portal does since 2025-05-22.
	AccessTokenLifetime    *int     `json:"access_token_lifetime"`
	AuthorizationLifetime  *int     `json:"authorization_lifetime"`
	RefreshTokenLifetime   *int     `json:"refresh_token_lifetime"`
	RefreshTokenUsage      string   `json:"refresh_token_usage"`
	RedirectURIs           []string `json:"redirect_uris"`
	PostLogoutRedirectURIs []string `json:"post_logout_redirect_uris"`
	FrontchannelLogoutURI  string   `json:"frontchannel_logout_uri"`
	LogoURI                string   `json:"logo_uri"`
	SSODisabled            bool     `json:"sso_disabled"`
	CodeChallengeMethod    string   `json:"code_challenge_method"`
	ClientURI              string   `json:"client_uri"`

	FrontchannelLogoutSessionRequired bool `json:"frontchannel_logout_session_required"`
}

// Defaults of §6.
const (
	defaultAccessTokenLifetime   = 120
	defaultAuthorizationLifetime = 7200
	defaultRefreshTokenLifetime  = 600
)

// machineIntegration: integration types whose clients are machines that get
// tokens with the JWT grant (Maskinporten, KRR) and so have fixed settings.
func machineIntegration(t string) bool { return t == "maskinporten" || t == "krr" }

func defaultGrantTypes(integrationType string) []string {
	switch integrationType {
	case "idporten", "ansattporten", "idporten_saml2":
		return []string{"authorization_code"}
	}
	return []string{jwtBearerGrantType}
}

func defaultAuthMethod(integrationType string) string {
	switch integrationType {
	case "idporten", "ansattporten", "idporten_saml2":
		return "client_secret_basic"
	}
	return "private_key_jwt"
}

// clientView is the copy of cl the API answers with.
func (f *Fake) clientView(cl *Client) Client {
	v := *cl
	v.GrantTypes = append([]string{}, cl.GrantTypes...)
	v.Scopes = append([]string{}, cl.Scopes...)
	v.RedirectURIs = append([]string{}, cl.RedirectURIs...) // [] when empty, never null (§11)
	v.PostLogoutRedirectURIs = append([]string{}, cl.PostLogoutRedirectURIs...)
	v.ClientSecret = ""
	v.JWKSURI = f.issuer + apiBase + "/clients/" + cl.ClientID + "/jwks"
	return v
}

// ownsClient: the client's organisation and the supplier that made it for
// that organisation both manage it.
func ownsClient(cl *Client, orgno string) bool {
	return cl.ClientOrgno == orgno || (cl.SupplierOrgno != "" && cl.SupplierOrgno == orgno)
}

// callerClient finds the client of the path and checks that the caller may
// manage it: 404 when there is none, 403 when it is another organisation's.
func (f *Fake) callerClient(c *call) (*Client, error) {
	id := c.param("id")
	cl, ok := f.state.Clients[id]
	if !ok {
		return nil, notFound(fmt.Sprintf("client %s does not exist", id))
	}
	if !ownsClient(cl, c.caller) {
		return nil, forbidden(fmt.Sprintf("client %s belongs to another organisation than %s", id, c.caller))
	}
	return cl, nil
}

// GET /clients: the caller's clients, the inactive ones only with inactive=true.
func (f *Fake) listClients(c *call) (any, error) {
	inactive, err := c.boolQuery("inactive")
	if err != nil {
		return nil, err
	}
	out := []Client{}
	for _, cl := range f.state.Clients {
		if ownsClient(cl, c.caller) && (cl.Active || inactive) {
			out = append(out, f.clientView(cl))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ClientID < out[j].ClientID })
	return out, nil
}

// GET /clients/{id}
func (f *Fake) getClient(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	return f.clientView(cl), nil
}

// POST /clients: create. A client id given in the body makes a retried
// create answer 409 instead of making a second client.
func (f *Fake) createClient(c *call) (any, error) {
	var req clientRequest
	if err := c.decode(&req, "Client"); err != nil {
		return nil, err
	}
	clientOrgno := req.ClientOrgno
	if clientOrgno == "" {
		clientOrgno = c.caller
	} else if err := checkOrgno("client_orgno", clientOrgno); err != nil {
		return nil, err
	}
	if clientOrgno != c.caller {
		if err := c.requireScope(scopeDCRSupplier); err != nil {
			return nil, err
		}
	}
	id := req.ClientID
	if id == "" {
		id = newUUID()
	} else if !clientIDPattern.MatchString(id) {
		return nil, &apiError{Status: 400, Object: "Client", Fields: []fieldError{{Field: "client_id",
			Msg: fmt.Sprintf("client_id %q may hold only letters, digits, '.', '_', ':' and '-'", id)}}}
	}
	if _, exists := f.state.Clients[id]; exists {
		return nil, conflict(fmt.Sprintf("client %s already exists", id))
	}
	fe := &fieldErrors{object: "Client"}
	fe.checkRequired("integration_type", req.IntegrationType)
	if req.IntegrationType != "" {
		fe.checkEnum("integration_type", req.IntegrationType, integrationTypes)
	}
	f.checkClientFields(fe, &req, clientOrgno, req.IntegrationType)
	if err := fe.err(); err != nil {
		return nil, err
	}
	ts := f.timestamp()
	cl := &Client{ClientID: id, ClientOrgno: clientOrgno, IntegrationType: req.IntegrationType,
		Active: true, Created: ts, LastUpdated: ts}
	if clientOrgno != c.caller {
		cl.SupplierOrgno = c.caller
	}
	applyClientFields(cl, &req)
	f.state.Clients[id] = cl
	view := f.clientView(cl)
	view.ClientSecret = f.syncSecret(cl) // shown this once (client_secrets.go)
	return view, nil
}

// PUT /clients/{id}: replace every changeable field; what is left out goes
// back to its default. client_id, client_orgno and integration_type never
// change, nor a login client's supplier_orgno (§12). A change of auth method
// makes or removes the client's secret (client_secrets.go).
func (f *Fake) updateClient(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	var req clientRequest
	if err := c.decode(&req, "Client"); err != nil {
		return nil, err
	}
	fe := &fieldErrors{object: "Client"}
	if req.ClientID != "" && req.ClientID != cl.ClientID {
		fe.add("client_id", fmt.Sprintf("client_id %q in the body differs from %q in the path", req.ClientID, cl.ClientID))
	}
	if req.IntegrationType != "" && req.IntegrationType != cl.IntegrationType {
		fe.add("integration_type", fmt.Sprintf("integration_type never changes (is %s)", cl.IntegrationType))
	}
	if req.ClientOrgno != "" && req.ClientOrgno != cl.ClientOrgno {
		fe.add("client_orgno", fmt.Sprintf("client_orgno never changes (is %s)", cl.ClientOrgno))
	}
	if loginIntegration(cl.IntegrationType) {
		checkLoginFixedFields(fe, cl, &req)
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	if cl.ClientOrgno != c.caller {
		if err := c.requireScope(scopeDCRSupplier); err != nil {
			return nil, err
		}
	}
	f.checkClientFields(fe, &req, cl.ClientOrgno, cl.IntegrationType)
	if err := fe.err(); err != nil {
		return nil, err
	}
	applyClientFields(cl, &req)
	cl.Active = req.Active == nil || *req.Active // default true; false deactivates, true brings back
	cl.LastUpdated = f.touch(cl.LastUpdated)
	view := f.clientView(cl)
	view.ClientSecret = f.syncSecret(cl) // a secret made by a change of auth method, shown this once
	return view, nil
}

// DELETE /clients/{id}: deactivate; 200 with an empty body. A client that is
// deactivated already answers 409, as the real portal may (§11).
func (f *Fake) deleteClient(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	if !cl.Active {
		return nil, conflict(fmt.Sprintf("client %s is already deactivated", cl.ClientID))
	}
	cl.Active = false
	cl.LastUpdated = f.touch(cl.LastUpdated)
	return nil, nil
}

// checkClientFields validates the changeable fields of a client that belongs
// (or will) to clientOrgno.
func (f *Fake) checkClientFields(fe *fieldErrors, req *clientRequest, clientOrgno, integrationType string) {
	if req.SupplierOrgno != "" && !validOrgno(req.SupplierOrgno) {
		fe.add("supplier_orgno", fmt.Sprintf("supplier_orgno %q is not a valid organisation number (9 digits with a mod-11 check digit)", req.SupplierOrgno))
	}
	fe.checkRequired("client_name", req.ClientName)
	fe.checkRequired("description", req.Description)
	if req.ApplicationType != "" {
		fe.checkEnum("application_type", req.ApplicationType, applicationTypes)
	}
	if req.TokenEndpointAuthMethod != "" {
		fe.checkEnum("token_endpoint_auth_method", req.TokenEndpointAuthMethod, authMethods)
	}
	if req.RefreshTokenUsage != "" {
		fe.checkEnum("refresh_token_usage", req.RefreshTokenUsage, refreshUsages)
	}
	if machineIntegration(integrationType) {
		if req.ApplicationType != "" && req.ApplicationType != "web" {
			fe.add("application_type", fmt.Sprintf("a %s client must have application_type web", integrationType))
		}
		if req.TokenEndpointAuthMethod != "" && req.TokenEndpointAuthMethod != "private_key_jwt" {
			fe.add("token_endpoint_auth_method", fmt.Sprintf("a %s client must use private_key_jwt", integrationType))
		}
		if len(req.GrantTypes) > 0 && !slices.Equal(uniqueStrings(req.GrantTypes), []string{jwtBearerGrantType}) {
			fe.add("grant_types", fmt.Sprintf("a %s client has grant_types [%s]", integrationType, jwtBearerGrantType))
		}
	}
	if loginIntegration(integrationType) {
		f.checkLoginClient(fe, req, integrationType) // login_clients.go
	}
	for _, l := range []struct {
		field string
		v     *int
	}{
		{"access_token_lifetime", req.AccessTokenLifetime},
		{"authorization_lifetime", req.AuthorizationLifetime},
		{"refresh_token_lifetime", req.RefreshTokenLifetime},
	} {
		if l.v != nil && *l.v < 1 {
			fe.add(l.field, fmt.Sprintf("%s must be at least 1 second, not %d; leave it out for the default", l.field, *l.v))
		}
	}
	if integrationType == "maskinporten" && len(req.Scopes) == 0 {
		fe.add("scopes", "a maskinporten client needs at least one scope")
	}
	for _, name := range req.Scopes {
		if msg := f.scopeUnusable(name, clientOrgno, integrationType); msg != "" {
			fe.add("scopes", msg)
		}
	}
	if integrationType == "krr" {
		if msg := krrClientScopesRule(req.Scopes); msg != "" {
			fe.add("scopes", msg)
		}
	}
}

// scopeUnusable says why clientOrgno may not put scope name on a client of
// integrationType, "" when it may: the scope must exist and be active, be
// owned by, granted to (APPROVED) or open to the organisation, and allow the
// integration type.
func (f *Fake) scopeUnusable(name, clientOrgno, integrationType string) string {
	s, ok := f.knownScope(name)
	switch {
	case !ok:
		return fmt.Sprintf("scope %s does not exist", name)
	case !s.Active:
		return fmt.Sprintf("scope %s is inactive", name)
	}
	g := f.state.Grants[GrantKey{Scope: name, Consumer: clientOrgno}]
	if s.OwnerOrgno != clientOrgno && !s.AccessibleForAll && (g == nil || g.State != GrantApproved) {
		return fmt.Sprintf("scope %s has not been shared with organisation %s; ask the API provider to grant access", name, clientOrgno)
	}
	if integrationType != "" && len(s.AllowedIntegrationTypes) > 0 && !slices.Contains(s.AllowedIntegrationTypes, integrationType) {
		return fmt.Sprintf("scope %s does not allow integration type %s (allowed: %s)",
			name, integrationType, strings.Join(s.AllowedIntegrationTypes, ", "))
	}
	return ""
}

// applyClientFields sets the changeable fields but active, with the defaults
// of §6 for what req leaves out.
func applyClientFields(cl *Client, req *clientRequest) {
	cl.ClientName = req.ClientName
	cl.Description = req.Description
	cl.ApplicationType = orDefault(req.ApplicationType, "web")
	cl.TokenEndpointAuthMethod = orDefault(req.TokenEndpointAuthMethod, defaultAuthMethod(cl.IntegrationType))
	cl.GrantTypes = uniqueStrings(req.GrantTypes)
	if len(cl.GrantTypes) == 0 {
		cl.GrantTypes = defaultGrantTypes(cl.IntegrationType)
	}
	cl.Scopes = uniqueStrings(req.Scopes)
	cl.AccessTokenLifetime = orDefaultInt(req.AccessTokenLifetime, defaultAccessTokenLifetime)
	cl.AuthorizationLifetime = orDefaultInt(req.AuthorizationLifetime, defaultAuthorizationLifetime)
	cl.RefreshTokenLifetime = orDefaultInt(req.RefreshTokenLifetime, defaultRefreshTokenLifetime)
	cl.RefreshTokenUsage = req.RefreshTokenUsage
	cl.RedirectURIs = req.RedirectURIs
	cl.PostLogoutRedirectURIs = req.PostLogoutRedirectURIs
	cl.FrontchannelLogoutURI = req.FrontchannelLogoutURI
	cl.LogoURI = req.LogoURI
	cl.SSODisabled = req.SSODisabled
	cl.CodeChallengeMethod = req.CodeChallengeMethod
	cl.ClientURI = req.ClientURI
	cl.FrontchannelLogoutSessionRequired = req.FrontchannelLogoutSessionRequired
	if loginIntegration(cl.IntegrationType) {
		applyLoginDefaults(cl, req)
	}
}

// orDefaultInt is *v, or def when v was left out.
func orDefaultInt(v *int, def int) int {
	if v == nil {
		return def
	}
	return *v
}

// newUUID is a random (version 4) UUID, the shape of the portal's client ids.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func newSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

package fakeportal

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// On-behalf-of records (portal-api.md §12): a supplier serving many
// customers through one client keeps a record per customer on the client.
// At login the client sends onbehalfof=<value>; a KRR machine client sends
// the claim iss_onbehalfof in its grant. A record does not inherit the
// customer's scope grants.
//
// The fake's choices where §12 is silent:
//   - DELETE removes a record for good (§12 names no active flag); a POST
//     of the same onbehalfof afterwards makes it anew.
//   - Reads work on a deactivated client (its records stay); POST and PUT
//     on one answer 409; DELETE works, so that a record can be cleaned up.
//   - onbehalfof is 1 to 64 letters, digits, '.', '_' and '-' (URL safe,
//     no ':', so that <client_id>::<onbehalfof> splits at the last "::").
//   - organization_name is the organisation's name when the fake knows
//     the orgno (its seeded organisations), else what the request sent.
//   - uri and logo_uri, when given, are absolute http or https URIs.
//   - a token with idporten:dcr/onbehalfof.write may read the records too.
//   - answers carry id = <client_id>::<onbehalfof>.

// scopeOnBehalfOfWrite is the narrow scope that allows writing the records.
const scopeOnBehalfOfWrite = "idporten:dcr/onbehalfof.write"

// onBehalfOfTypes are the integration types whose clients may hold records.
var onBehalfOfTypes = []string{"idporten", "api_klient", "krr"}

// onBehalfOfPattern is what an onbehalfof may be.
var onBehalfOfPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

const maxOnBehalfOfDescription = 255

// OnBehalfOfKey identifies a record: its client and its onbehalfof.
type OnBehalfOfKey struct{ ClientID, OnBehalfOf string }

// OnBehalfOf is one record as the fake stores it and answers with it.
type OnBehalfOf struct {
	ID               string `json:"id"` // <client_id>::<onbehalfof>, set when answered
	OnBehalfOf       string `json:"onbehalfof"`
	Name             string `json:"name"`
	Orgno            string `json:"orgno"`
	Description      string `json:"description"`
	URI              string `json:"uri"`
	LogoURI          string `json:"logo_uri"`
	OrganizationName string `json:"organization_name"`
	Created          string `json:"created"`
	LastUpdated      string `json:"last_updated"`
}

type onBehalfOfRequest struct {
	OnBehalfOf       string `json:"onbehalfof"`
	Name             string `json:"name"`
	Orgno            string `json:"orgno"`
	Description      string `json:"description"`
	URI              string `json:"uri"`
	LogoURI          string `json:"logo_uri"`
	OrganizationName string `json:"organization_name"`
}

func onBehalfOfView(clientID string, r *OnBehalfOf) OnBehalfOf {
	v := *r
	v.ID = clientID + "::" + r.OnBehalfOf
	return v
}

// onBehalfOfClient is the client of the path, which the caller must own.
// For a write it must be active and of a kind that allows records.
func (f *Fake) onBehalfOfClient(c *call, write bool) (*Client, error) {
	cl, err := f.callerClient(c)
	if err != nil || !write {
		return cl, err
	}
	if !slices.Contains(onBehalfOfTypes, cl.IntegrationType) {
		return nil, &apiError{Status: 400, Object: "OnBehalfOf", Fields: []fieldError{{Field: "integration_type",
			Msg: fmt.Sprintf("client %s has integration_type %s; on-behalf-of records are allowed only on %s clients",
				cl.ClientID, cl.IntegrationType, strings.Join(onBehalfOfTypes, ", "))}}}
	}
	if !cl.Active {
		return nil, conflict(fmt.Sprintf("client %s is inactive", cl.ClientID))
	}
	return cl, nil
}

// GET /clients/{id}/onbehalfof: the client's records, by onbehalfof. None
// answers 404 "does not have any", as other lists of the real portal do.
func (f *Fake) listOnBehalfOf(c *call) (any, error) {
	cl, err := f.onBehalfOfClient(c, false)
	if err != nil {
		return nil, err
	}
	out := []OnBehalfOf{}
	for k, r := range f.state.OnBehalfOf {
		if k.ClientID == cl.ClientID {
			out = append(out, onBehalfOfView(cl.ClientID, r))
		}
	}
	if len(out) == 0 {
		return nil, noneOf("client "+cl.ClientID, "onbehalfof records")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OnBehalfOf < out[j].OnBehalfOf })
	return out, nil
}

// GET /clients/{id}/onbehalfof/{obo}
func (f *Fake) getOnBehalfOf(c *call) (any, error) {
	cl, err := f.onBehalfOfClient(c, false)
	if err != nil {
		return nil, err
	}
	r, err := f.record(cl, c.param("obo"))
	if err != nil {
		return nil, err
	}
	return onBehalfOfView(cl.ClientID, r), nil
}

func (f *Fake) record(cl *Client, obo string) (*OnBehalfOf, error) {
	r := f.state.OnBehalfOf[OnBehalfOfKey{cl.ClientID, obo}]
	if r == nil {
		return nil, notFound(fmt.Sprintf("client %s has no onbehalfof record %s", cl.ClientID, obo))
	}
	return r, nil
}

// POST /clients/{id}/onbehalfof: a new record; 409 when the client has one
// with that onbehalfof, so that a create sent twice is seen.
func (f *Fake) createOnBehalfOf(c *call) (any, error) {
	cl, err := f.onBehalfOfClient(c, true)
	if err != nil {
		return nil, err
	}
	var req onBehalfOfRequest
	if err := c.decode(&req, "OnBehalfOf"); err != nil {
		return nil, err
	}
	fe := &fieldErrors{object: "OnBehalfOf"}
	switch {
	case req.OnBehalfOf == "":
		fe.add("onbehalfof", "onbehalfof must be set")
	case !onBehalfOfPattern.MatchString(req.OnBehalfOf):
		fe.add("onbehalfof", fmt.Sprintf("onbehalfof %q must be 1 to 64 letters, digits, '.', '_' and '-'", req.OnBehalfOf))
	}
	if !validOrgno(req.Orgno) {
		fe.add("orgno", fmt.Sprintf("orgno %q is not a valid organisation number (9 digits with a mod-11 check digit)", req.Orgno))
	}
	checkOnBehalfOfFields(fe, &req)
	if err := fe.err(); err != nil {
		return nil, err
	}
	key := OnBehalfOfKey{cl.ClientID, req.OnBehalfOf}
	if f.state.OnBehalfOf[key] != nil {
		return nil, conflict(fmt.Sprintf("client %s already has an onbehalfof record %s", cl.ClientID, req.OnBehalfOf))
	}
	ts := f.timestamp()
	r := &OnBehalfOf{OnBehalfOf: req.OnBehalfOf, Orgno: req.Orgno, Created: ts, LastUpdated: ts}
	f.applyOnBehalfOf(r, &req)
	f.state.OnBehalfOf[key] = r
	return onBehalfOfView(cl.ClientID, r), nil
}

// PUT /clients/{id}/onbehalfof/{obo}: replace the changeable fields; what
// is left out is emptied. onbehalfof and orgno never change.
func (f *Fake) updateOnBehalfOf(c *call) (any, error) {
	cl, err := f.onBehalfOfClient(c, true)
	if err != nil {
		return nil, err
	}
	r, err := f.record(cl, c.param("obo"))
	if err != nil {
		return nil, err
	}
	var req onBehalfOfRequest
	if err := c.decode(&req, "OnBehalfOf"); err != nil {
		return nil, err
	}
	fe := &fieldErrors{object: "OnBehalfOf"}
	if req.OnBehalfOf != "" && req.OnBehalfOf != r.OnBehalfOf {
		fe.add("onbehalfof", fmt.Sprintf("onbehalfof never changes (is %s)", r.OnBehalfOf))
	}
	if req.Orgno != "" && req.Orgno != r.Orgno {
		fe.add("orgno", fmt.Sprintf("orgno never changes (is %s)", r.Orgno))
	}
	checkOnBehalfOfFields(fe, &req)
	if err := fe.err(); err != nil {
		return nil, err
	}
	f.applyOnBehalfOf(r, &req)
	r.LastUpdated = f.touch(r.LastUpdated)
	return onBehalfOfView(cl.ClientID, r), nil
}

// DELETE /clients/{id}/onbehalfof/{obo}: the record is removed; 200 with
// an empty body.
func (f *Fake) deleteOnBehalfOf(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	if _, err := f.record(cl, c.param("obo")); err != nil {
		return nil, err
	}
	delete(f.state.OnBehalfOf, OnBehalfOfKey{cl.ClientID, c.param("obo")})
	return nil, nil
}

func checkOnBehalfOfFields(fe *fieldErrors, req *onBehalfOfRequest) {
	fe.checkRequired("name", req.Name)
	fe.checkMaxLen("description", req.Description, maxOnBehalfOfDescription)
	for _, u := range []struct{ field, v string }{{"uri", req.URI}, {"logo_uri", req.LogoURI}} {
		if u.v != "" && !absoluteWebURI(u.v) {
			fe.add(u.field, fmt.Sprintf("%s %q must be an absolute http or https URI", u.field, u.v))
		}
	}
}

func absoluteWebURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !hasSpace(s)
}

func (f *Fake) applyOnBehalfOf(r *OnBehalfOf, req *onBehalfOfRequest) {
	r.Name = req.Name
	r.Description = req.Description
	r.URI = req.URI
	r.LogoURI = req.LogoURI
	r.OrganizationName = req.OrganizationName
	if name := f.orgName(r.Orgno); name != "" {
		r.OrganizationName = name
	}
}

// OnBehalfOfRecord is a copy of a record as the fake holds it, for tests.
func (f *Fake) OnBehalfOfRecord(clientID, onBehalfOf string) (OnBehalfOf, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.state.OnBehalfOf[OnBehalfOfKey{clientID, onBehalfOf}]
	if r == nil {
		return OnBehalfOf{}, false
	}
	return onBehalfOfView(clientID, r), true
}

// EditOnBehalfOf changes a record behind the client's back (drift), as
// someone in the web portal would: fn gets the stored record, and
// last_updated moves on. It reports false when there is no such record.
func (f *Fake) EditOnBehalfOf(clientID, onBehalfOf string, fn func(r *OnBehalfOf)) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.state.OnBehalfOf[OnBehalfOfKey{clientID, onBehalfOf}]
	if r == nil {
		return false
	}
	fn(r)
	r.LastUpdated = f.touch(r.LastUpdated)
	return true
}

// DeleteOnBehalfOf removes a record behind the client's back.
func (f *Fake) DeleteOnBehalfOf(clientID, onBehalfOf string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.state.OnBehalfOf, OnBehalfOfKey{clientID, onBehalfOf})
}

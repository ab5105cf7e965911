package fakeportal

import (
	"fmt"
	"slices"
	"sort"
)

// GET /prefix: the caller's prefixes. An organisation without one gets the
// "does not have any" 404 that the real API gives for some empty lists
// (§3 [choice]), so clients learn to read it as an empty list.
func (f *Fake) callerPrefixes(c *call) (any, error) {
	o := f.orgs[c.caller]
	if o == nil || len(o.prefixes) == 0 {
		return nil, noneOf("organization "+c.caller, "prefixes")
	}
	return append([]Prefix{}, o.prefixes...), nil
}

// GET /prefix/all: every prefix of every organisation; no token needed.
func (f *Fake) allPrefixes(c *call) (any, error) {
	out := []Prefix{}
	krrTaken := false
	for _, o := range f.orgs {
		out = append(out, o.prefixes...)
		krrTaken = krrTaken || slices.Contains(o.Prefixes, krrPrefix)
	}
	if !krrTaken {
		out = append(out, krrPrefixEntry()) // the prefix of KRR's own scopes, Digdir's
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Prefix < out[j].Prefix })
	return out, nil
}

// delegationSourceDate dates a delegation source that was added without dates.
const delegationSourceDate = "2020-01-15T10:00:00.000+01:00"

// GET /delegationsources; no token needed.
func (f *Fake) delegationSources(c *call) (any, error) {
	out := append([]DelegationSource{}, f.state.DelegationSources...)
	for i := range out {
		if out[i].Created == "" {
			out[i].Created = delegationSourceDate
		}
		if out[i].LastUpdated == "" {
			out[i].LastUpdated = out[i].Created
		}
	}
	return out, nil
}

// GET /organizations/{orgno}: the fake knows the names of the organisations
// it was seeded with only (§9).
func (f *Fake) organization(c *call) (any, error) {
	orgno := c.param("orgno")
	if err := checkOrgno("orgno", orgno); err != nil {
		return nil, err
	}
	o := f.orgs[orgno]
	if o == nil {
		return nil, notFound(fmt.Sprintf("organization %s is not known", orgno))
	}
	return Organization{Orgnr: o.Orgno, Name: o.Name}, nil
}

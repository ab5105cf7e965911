package fakeportal

import (
	"fmt"
	"sort"
)

// GET /prefix: the caller's prefixes. An organisation without one gets the
// "does not have any" 404 that the real API gives for some empty lists
// (§3 [choice]), so clients learn to read it as an empty list.
func (f *Fake) callerPrefixes(c *call) (any, error) {
	o := f.orgs[c.caller]
	if o == nil || len(o.prefixes) == 0 {
		return nil, notFound(fmt.Sprintf("organization %s does not have any prefixes", c.caller))
	}
	return append([]Prefix{}, o.prefixes...), nil
}

// GET /prefix/all: every prefix of every organisation; no token needed.
func (f *Fake) allPrefixes(c *call) (any, error) {
	out := []Prefix{}
	for _, o := range f.orgs {
		out = append(out, o.prefixes...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Prefix < out[j].Prefix })
	return out, nil
}

// GET /delegationsources; no token needed.
func (f *Fake) delegationSources(c *call) (any, error) {
	return append([]DelegationSource{}, f.state.DelegationSources...), nil
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

package fakeportal

import (
	"fmt"
)

// Merchant data (§8): the project's own extension of the API.

// GET /organization/contacts: 404 until the organisation has set them.
func (f *Fake) getContacts(c *call) (any, error) {
	oc := f.state.Contacts[c.caller]
	if oc == nil {
		return nil, notFound(fmt.Sprintf("organization %s has no merchant data yet", c.caller))
	}
	return contactsView(oc), nil
}

// PUT /organization/contacts: replace the whole document.
func (f *Fake) putContacts(c *call) (any, error) {
	var req OrgContacts
	if err := c.decode(&req, "OrganizationContacts"); err != nil {
		return nil, err
	}
	fe := &fieldErrors{object: "OrganizationContacts"}
	if req.Orgno != "" && req.Orgno != c.caller {
		if !validOrgno(req.Orgno) {
			fe.add("orgno", fmt.Sprintf("orgno %q is not a valid organisation number (9 digits with a mod-11 check digit)", req.Orgno))
		} else {
			fe.add("orgno", fmt.Sprintf("orgno %s is not the calling organisation %s", req.Orgno, c.caller))
		}
	}
	if inv := req.Invoice; inv != nil {
		if inv.Email == "" {
			fe.add("invoice.email", "invoice.email must be set")
		} else if !validEmail(inv.Email) {
			fe.add("invoice.email", fmt.Sprintf("invoice.email %q is not a valid e-mail address", inv.Email))
		}
	}
	if len(req.NotificationContacts) == 0 {
		fe.add("notification_contacts", "at least one notification contact must be given")
	}
	for i, nc := range req.NotificationContacts {
		field := fmt.Sprintf("notification_contacts[%d]", i)
		if nc.Email == "" {
			fe.add(field+".email", field+".email must be set")
		} else if !validEmail(nc.Email) {
			fe.add(field+".email", fmt.Sprintf("%s.email %q is not a valid e-mail address", field, nc.Email))
		}
		if nc.Phone != "" && !phonePattern.MatchString(nc.Phone) {
			fe.add(field+".phone", fmt.Sprintf("%s.phone %q must be 8 to 15 digits or spaces, optionally after +", field, nc.Phone))
		}
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	prev := ""
	if old := f.state.Contacts[c.caller]; old != nil {
		prev = old.LastUpdated
	}
	req.Orgno = c.caller
	req.LastUpdated = f.touch(prev)
	f.state.Contacts[c.caller] = &req
	return contactsView(&req), nil
}

// contactsView is a copy that shares nothing with the stored document.
func contactsView(oc *OrgContacts) OrgContacts {
	v := *oc
	if oc.Invoice != nil {
		inv := *oc.Invoice
		if inv.Address != nil {
			a := *inv.Address
			inv.Address = &a
		}
		v.Invoice = &inv
	}
	v.NotificationContacts = append([]NotificationContact{}, oc.NotificationContacts...)
	return v
}

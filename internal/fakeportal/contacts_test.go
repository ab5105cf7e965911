package fakeportal

import (
	"net/http"
	"testing"
)

func TestContacts(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)
	c.fails("GET", "/organization/contacts", nil, http.StatusNotFound)

	good := map[string]any{
		"invoice": map[string]any{"email": "faktura@example.no", "reference": "PO-1234", "contact_name": "Kari Nordmann",
			"address": map[string]any{"street": "Postboks 1382 Vika", "postal_code": "0114", "city": "Oslo"}},
		"notification_contacts": []any{map[string]any{"name": "Drift", "email": "drift@example.no", "phone": "+4722450000"}},
	}
	var oc OrgContacts
	c.ok("PUT", "/organization/contacts", good, &oc)
	if oc.Orgno != provOrgno || oc.LastUpdated == "" || oc.Invoice == nil || oc.Invoice.Address.City != "Oslo" ||
		len(oc.NotificationContacts) != 1 {
		t.Fatalf("PUT: %+v", oc)
	}
	var read OrgContacts
	c.ok("GET", "/organization/contacts", nil, &read)
	if read.Invoice.Reference != "PO-1234" || read.NotificationContacts[0].Phone != "+4722450000" {
		t.Fatalf("GET: %+v", read)
	}
	// Full replace: the invoice left out is gone.
	var replaced OrgContacts
	c.ok("PUT", "/organization/contacts", map[string]any{
		"notification_contacts": []any{map[string]any{"email": "vakt@example.no"}}}, &replaced)
	if replaced.Invoice != nil || replaced.LastUpdated == read.LastUpdated || replaced.NotificationContacts[0].Phone != "" {
		t.Fatalf("replace: %+v", replaced)
	}
	// Other organisations have their own.
	s.as(t, consOrgno).fails("GET", "/organization/contacts", nil, http.StatusNotFound)

	cases := []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{}, "notification_contacts"},
		{map[string]any{"notification_contacts": []any{}}, "notification_contacts"},
		{map[string]any{"notification_contacts": []any{map[string]any{"email": "not-an-email"}}}, "notification_contacts[0].email"},
		{map[string]any{"notification_contacts": []any{map[string]any{"email": "a@localhost"}}}, "notification_contacts[0].email"},
		{map[string]any{"notification_contacts": []any{map[string]any{"email": "Kari <kari@example.no>"}}}, "notification_contacts[0].email"},
		{map[string]any{"notification_contacts": []any{map[string]any{"name": "x"}}}, "notification_contacts[0].email"},
		{map[string]any{"notification_contacts": []any{map[string]any{"email": "a@b.no", "phone": "12ab"}}}, "notification_contacts[0].phone"},
		{map[string]any{"notification_contacts": []any{map[string]any{"email": "a@b.no"}}, "invoice": map[string]any{"email": "x@"}}, "invoice.email"},
		{map[string]any{"notification_contacts": []any{map[string]any{"email": "a@b.no"}}, "orgno": "991825828"}, "orgno"},
		{map[string]any{"notification_contacts": []any{map[string]any{"email": "a@b.no"}}, "orgno": consOrgno}, "orgno"},
	}
	for _, tc := range cases {
		eb := c.fails("PUT", "/organization/contacts", tc.body, http.StatusBadRequest)
		if !eb.fieldNamed(tc.field) {
			t.Errorf("%v: want field error %s: %+v", tc.body, tc.field, eb.Errors)
		}
	}
	// scopes.read may read but not write; dcr.write may write.
	s.as(t, provOrgno, "idporten:scopes.read").fails("PUT", "/organization/contacts", good, http.StatusForbidden)
	s.as(t, provOrgno, "idporten:dcr.write").ok("PUT", "/organization/contacts", good, nil)
	s.as(t, provOrgno, "idporten:scopes.read").ok("GET", "/organization/contacts", nil, nil)
}

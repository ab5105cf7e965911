package contacts

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// emailValidator checks an e-mail address the portal will send to: a bare
// address as net/mail parses it (no display name, nothing around it) whose
// domain has a dot. It is the fake portal's rule, checked at plan time so a
// typo fails before anything is written.
type emailValidator struct{}

func (emailValidator) Description(context.Context) string {
	return "must be a bare e-mail address such as drift@example.no (no display name), whose domain has a dot"
}

func (v emailValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v emailValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if err := checkEmail(s); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid e-mail address",
			fmt.Sprintf("%s is %q: %s; it %s.", attributeLabel(req.Path), s, err, v.Description(ctx)))
	}
}

// checkEmail says why s is not an address the portal accepts, or nil.
func checkEmail(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("it is empty")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return fmt.Errorf("it is not an e-mail address (%s)", strings.TrimPrefix(err.Error(), "mail: "))
	}
	if a.Name != "" || a.Address != s {
		return fmt.Errorf("it holds more than the address %s", a.Address)
	}
	domain := s[strings.LastIndex(s, "@")+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return fmt.Errorf("its domain %q has no dot between two names", domain)
	}
	return nil
}

// attributeLabel names a nested attribute the way a configuration spells it,
// e.g. "invoice.email" or "notification_contacts.phone": a path's String()
// spells out the whole value of a set element, which helps no one.
func attributeLabel(p path.Path) string {
	var names []string
	for _, step := range p.Steps() {
		if name, ok := step.(path.PathStepAttributeName); ok {
			names = append(names, string(name))
		}
	}
	if len(names) == 0 {
		return p.String()
	}
	return strings.Join(names, ".")
}

package portal

import (
	"regexp"
	"slices"
	"strings"
)

// ForbiddenCause is why the portal answered 403, as far as its message says.
type ForbiddenCause int

const (
	// ForbiddenUnknown: the message does not say; it is one of the others.
	ForbiddenUnknown ForbiddenCause = iota
	// ForbiddenTokenScope: the access token lacks a scope the message names.
	ForbiddenTokenScope
	// ForbiddenOtherOwner: the object belongs to another organisation than
	// the one the token acts for (the seed FAQ's "I see another
	// organisation's integrations").
	ForbiddenOtherOwner
)

// tokenScopes are the token scopes of portal-api.md §2, which a 403's
// message may name as missing.
var tokenScopes = []string{ScopeScopesRead, ScopeScopesWrite, ScopeDCRRead, ScopeDCRWrite, ScopeDCRModify, ScopeDCRSupplier}

var (
	tokenScopeRe = regexp.MustCompile(`idporten:[a-z]+\.[a-z]+`)
	otherOwnerRe = regexp.MustCompile(`(?i)another organi[sz]ation|other organi[sz]ation|belongs to|not the owner|owned by|not owner`)
)

// classifyForbidden reads a 403's message: a token scope it names is the
// one missing, whatever the operation usually needs; words about another
// organisation mean the object is not the caller's.
func (e *APIError) classifyForbidden() {
	text := e.Message
	for _, fe := range e.FieldErrors {
		text += " " + fe.Message
	}
	var named []string
	for _, s := range tokenScopeRe.FindAllString(text, -1) {
		if slices.Contains(tokenScopes, s) && !slices.Contains(named, s) {
			named = append(named, s)
		}
	}
	switch {
	case len(named) > 0:
		e.Forbidden = ForbiddenTokenScope
		e.RequiredScope = strings.Join(named, " or ")
	case otherOwnerRe.MatchString(text):
		e.Forbidden = ForbiddenOtherOwner
	}
}

package portal

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode"
)

// FieldError is one entry of the "errors" array of an API error body that
// names a field (portal-api.md §3).
type FieldError struct {
	Field      string // fieldIdentifier, e.g. "description"
	Message    string // errorMessage
	ObjectName string // objectName, e.g. "Scope"
}

// APIError is an answer of the portal with a 4xx or 5xx status. It carries the
// correlation id because that is what Digdir's service desk asks for.
type APIError struct {
	Method        string // HTTP method
	Path          string // path without the base and without query, e.g. "/scopes"
	StatusCode    int
	CorrelationID string
	Message       string // error_description (or error, or the joined errorMessage)
	FieldErrors   []FieldError
	// RequiredScope is, for 401 and 403, the token scope this operation needs
	// (portal-api.md §2), or the one the portal's message names as missing
	// (for example idporten:dcr.supplier for a client of another
	// organisation), which is then the better guess.
	RequiredScope string
	// Forbidden says, for a 403, why the portal refused as far as its
	// message tells: a token scope it names is missing, or the object is
	// another organisation's.
	Forbidden ForbiddenCause
	// Caller is, for a 403, the organisation the access token acts for,
	// when the token says so.
	Caller string
	// Hint is advice of this client for the situation, added to Error().
	Hint string
	// Attempts is how many times the request was sent (retries included).
	Attempts int
	// RetryAfter is the answer's Retry-After header, if any, for a caller
	// that retries the operation itself (RetryBudget.Wait).
	RetryAfter string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d", e.Method, e.Path, e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + t)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	var parts []string
	switch e.StatusCode {
	case http.StatusUnauthorized:
		parts = append(parts, "the access token was refused (missing, expired, or not issued for this environment)")
	case http.StatusForbidden:
		switch {
		case e.Forbidden == ForbiddenTokenScope:
			parts = append(parts, fmt.Sprintf("the access token lacks token scope %s", e.RequiredScope))
		case e.Forbidden == ForbiddenOtherOwner && e.Caller != "":
			parts = append(parts, fmt.Sprintf("the object belongs to another organisation than %s, which the credentials act for", e.Caller))
		case e.Forbidden == ForbiddenOtherOwner:
			parts = append(parts, "the object belongs to another organisation")
		case e.RequiredScope != "":
			parts = append(parts, fmt.Sprintf("the operation needs token scope %s (or the object belongs to another organisation)", e.RequiredScope))
		default:
			parts = append(parts, "not allowed (the object may belong to another organisation)")
		}
	case http.StatusPreconditionRequired:
		parts = append(parts, "the organisation has not accepted the terms of use of Samarbeidsportalen")
	}
	if e.Message != "" {
		parts = append(parts, e.Message)
	}
	for _, fe := range e.FieldErrors {
		// The body usually repeats a field error's message as the overall
		// message; say it once.
		if fe.Message == "" || strings.Contains(e.Message, fe.Message) {
			continue
		}
		if fe.Field != "" {
			parts = append(parts, fmt.Sprintf("%s: %s", fe.Field, fe.Message))
		} else {
			parts = append(parts, fe.Message)
		}
	}
	if e.Hint != "" {
		parts = append(parts, e.Hint)
	}
	if len(parts) > 0 {
		b.WriteString(": " + strings.Join(parts, ": "))
	}
	if e.CorrelationID != "" {
		fmt.Fprintf(&b, " (correlation_id %s)", e.CorrelationID)
	}
	return b.String()
}

// IsNotFound reports whether err is an APIError with status 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsConflict reports whether err is an APIError with status 409: the object
// exists already (active or not), or is in the wrong state.
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

// IsForbidden reports whether err is an APIError with status 403. A 403 is
// never "gone" (lesson 8): the token lacks a scope or the object is another
// organisation's.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsUnauthorized reports whether err is an APIError with status 401.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

func hasStatus(err error, status int) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.StatusCode == status
}

// noneMarker is what some list endpoints say instead of answering [] (lesson 8).
const noneMarker = "does not have any"

// isNoneError reports whether err is the portal's way of saying a list is
// empty: a 404 (or 400) that says "does not have any". Never a 401 or 403:
// a token that "does not have any" of the scopes a call needs is refused,
// and a refusal read as an empty list would plan to create what exists
// (lesson 8: a 403 is never "gone").
func isNoneError(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || (ae.StatusCode != http.StatusNotFound && ae.StatusCode != http.StatusBadRequest) {
		return false
	}
	if strings.Contains(strings.ToLower(ae.Message), noneMarker) {
		return true
	}
	for _, fe := range ae.FieldErrors {
		if strings.Contains(strings.ToLower(fe.Message), noneMarker) {
			return true
		}
	}
	return false
}

// TransportError is a request that got no HTTP answer at all: the host could
// not be reached, the connection dropped, or the attempt timed out.
type TransportError struct {
	Method, Path string
	Host         string
	Attempts     int
	Err          error
}

func (e *TransportError) Error() string {
	s := fmt.Sprintf("%s %s: could not reach the portal API at %s", e.Method, e.Path, e.Host)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (%d attempts)", e.Attempts)
	}
	return s + ": " + e.Err.Error()
}

func (e *TransportError) Unwrap() error { return e.Err }

// errorBody is the portal's error body (portal-api.md §3); note the camelCase
// inside "errors". "message" is Spring's default field, read as a fallback.
type errorBody struct {
	Status           int    `json:"status"`
	CorrelationID    string `json:"correlation_id"`
	CorrelationIDAlt string `json:"correlationId"`
	Errors           []struct {
		ErrorMessage    string `json:"errorMessage"`
		IsFieldError    bool   `json:"isFieldError"`
		ObjectName      string `json:"objectName"`
		FieldIdentifier string `json:"fieldIdentifier"`
	} `json:"errors"`
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
	Message          string `json:"message"`
}

// correlationHeaders are headers a gateway may put the correlation id in when
// the body has none.
var correlationHeaders = []string{"X-Correlation-Id", "Correlation-Id", "X-Request-Id"}

// newAPIError builds the APIError for a response with status >= 400 whose
// body has been read.
func newAPIError(method, path string, status int, header http.Header, body []byte) *APIError {
	e := &APIError{Method: method, Path: path, StatusCode: status, RetryAfter: header.Get("Retry-After")}
	var eb errorBody
	if isJSON(header.Get("Content-Type"), body) && json.Unmarshal(body, &eb) == nil {
		e.CorrelationID = firstNonEmpty(eb.CorrelationID, eb.CorrelationIDAlt)
		var msgs []string
		for _, x := range eb.Errors {
			if x.ErrorMessage != "" {
				msgs = append(msgs, x.ErrorMessage)
			}
			if x.IsFieldError || x.FieldIdentifier != "" {
				e.FieldErrors = append(e.FieldErrors, FieldError{Field: x.FieldIdentifier, Message: redactSecrets(x.ErrorMessage), ObjectName: x.ObjectName})
			}
		}
		// Redacted in case a gateway echoes the request's credentials.
		e.Message = redactSecrets(firstNonEmpty(eb.ErrorDescription, eb.Error, strings.Join(msgs, "; "), eb.Message))
	} else if len(strings.TrimSpace(string(body))) > 0 {
		ct := header.Get("Content-Type")
		if ct == "" {
			ct = "no content type"
		}
		e.Message = fmt.Sprintf("the server answered with %s, not the portal's JSON error: %q", ct, excerpt(body))
	}
	if e.CorrelationID == "" {
		for _, h := range correlationHeaders {
			if v := header.Get(h); v != "" {
				e.CorrelationID = v
				break
			}
		}
	}
	if status == http.StatusUnauthorized || status == http.StatusForbidden {
		e.RequiredScope = requiredScope(method, path)
	}
	if status == http.StatusForbidden {
		e.classifyForbidden()
	}
	return e
}

// isJSON: the content type says JSON, or (no content type) the body looks like an object.
func isJSON(contentType string, body []byte) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt == "application/json" || strings.HasSuffix(mt, "+json")
	}
	t := strings.TrimSpace(string(body))
	return strings.HasPrefix(t, "{")
}

var (
	titleRe  = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	tagRe    = regexp.MustCompile(`(?s)<[^>]*>`)
	scriptRe = regexp.MustCompile(`(?is)<(script|style)[^>]*>.*?</(script|style)>`)
)

// excerptLen bounds what of a foreign body (an HTML page from a proxy) goes
// into an error message: enough to recognise it, short enough to be safe.
const excerptLen = 160

// excerpt gives a short, printable summary of a non-JSON body: an HTML page's
// title, or its text without tags, whitespace collapsed, cut to excerptLen.
func excerpt(body []byte) string {
	s := string(body)
	if m := titleRe.FindStringSubmatch(s); m != nil && strings.TrimSpace(m[1]) != "" {
		s = m[1]
	} else {
		s = scriptRe.ReplaceAllString(s, " ")
		s = tagRe.ReplaceAllString(s, " ")
	}
	s = html.UnescapeString(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, s)
	// Redacted before it is cut: a token cut in two would no longer look
	// like one, and its first half would stay.
	s = redactSecrets(strings.Join(strings.Fields(s), " "))
	if r := []rune(s); len(r) > excerptLen {
		s = string(r[:excerptLen]) + "…"
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

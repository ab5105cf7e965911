package fakeportal

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// apiError is an answer of §3's error shape. Handlers return it as an error;
// the dispatcher writes it.
type apiError struct {
	Status int
	Object string       // objectName in the errors list, e.g. "Scope"
	Fields []fieldError // empty for an error that is not about one field
	Msg    string       // used when Fields is empty
}

type fieldError struct {
	Field string
	Msg   string
}

func (e *apiError) Error() string { return e.message() }

func (e *apiError) message() string {
	if len(e.Fields) == 0 {
		return e.Msg
	}
	msgs := make([]string, len(e.Fields))
	for i, fe := range e.Fields {
		msgs[i] = fe.Msg
	}
	return strings.Join(msgs, "; ")
}

func newError(status int, msg string) *apiError {
	return &apiError{Status: status, Msg: msg}
}

func badRequest(msg string) *apiError   { return newError(http.StatusBadRequest, msg) }
func forbidden(msg string) *apiError    { return newError(http.StatusForbidden, msg) }
func notFound(msg string) *apiError     { return newError(http.StatusNotFound, msg) }
func conflict(msg string) *apiError     { return newError(http.StatusConflict, msg) }
func unauthorized(msg string) *apiError { return newError(http.StatusUnauthorized, msg) }

// noneOf is how the real portal answers some lists that have nothing in
// them (§3, §11): not [], but an error whose description says "does not
// have any", 404 [choice], which clients must read as an empty list.
func noneOf(subject, things string) *apiError {
	return notFound(fmt.Sprintf("%s does not have any %s", subject, things))
}

// fieldErrors collects the validation errors of one request so the answer can
// name every bad field at once, as the real API does.
type fieldErrors struct {
	object string
	list   []fieldError
}

func (fe *fieldErrors) add(field, msg string) {
	fe.list = append(fe.list, fieldError{Field: field, Msg: msg})
}

// err is nil when nothing was added, so handlers can `if err := v.err(); err != nil`.
func (fe *fieldErrors) err() error {
	if len(fe.list) == 0 {
		return nil
	}
	return &apiError{Status: http.StatusBadRequest, Object: fe.object, Fields: fe.list}
}

// errorBody is §3's error body. Note the camelCase inside errors: it is the
// real API's, copied as is.
type errorBody struct {
	Status        int          `json:"status"`
	Timestamp     string       `json:"timestamp"`
	CorrelationID string       `json:"correlation_id"`
	Errors        []errorEntry `json:"errors"`
	Error         string       `json:"error"`
	ErrorDesc     string       `json:"error_description"`
}

type errorEntry struct {
	ErrorMessage    string `json:"errorMessage"`
	IsFieldError    bool   `json:"isFieldError"`
	ObjectName      string `json:"objectName"`
	FieldIdentifier string `json:"fieldIdentifier"`
}

func (e *apiError) body(now time.Time) errorBody {
	b := errorBody{
		Status:        e.Status,
		Timestamp:     now.UTC().Format("2006-01-02T15:04:05.000Z"),
		CorrelationID: newCorrelationID(),
		Error:         e.message(),
		ErrorDesc:     e.message(),
	}
	if len(e.Fields) == 0 {
		b.Errors = []errorEntry{{ErrorMessage: e.Msg, ObjectName: e.Object}}
	}
	for _, fe := range e.Fields {
		b.Errors = append(b.Errors, errorEntry{
			ErrorMessage: fe.Msg, IsFieldError: true, ObjectName: e.Object, FieldIdentifier: fe.Field,
		})
	}
	return b
}

// newCorrelationID is 32 hex characters, like the portal's: what a user quotes
// to Digdir's service desk.
func newCorrelationID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// oauthError is the token endpoint's error shape (RFC 6749 §5.2), not §3's.
type oauthError struct {
	Status int
	Code   string // invalid_request, invalid_grant, unsupported_grant_type, invalid_scope, invalid_client
	Desc   string
}

func (e *oauthError) Error() string { return e.Code + ": " + e.Desc }

func invalidGrant(desc string) *oauthError {
	return &oauthError{Status: http.StatusBadRequest, Code: "invalid_grant", Desc: desc}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeAPIError(w http.ResponseWriter, now time.Time, e *apiError) {
	b := e.body(now)
	w.Header().Set("X-Correlation-Id", b.CorrelationID)
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	}
	writeJSON(w, e.Status, b)
}

func writeOAuthError(w http.ResponseWriter, e *oauthError) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, e.Status, map[string]string{"error": e.Code, "error_description": e.Desc})
}

package portal

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// Logger receives the client's diagnostics. The provider plugs tflog in; the
// context is the request's, because tflog finds its sinks through it.
//
// What is logged: method, path, status, attempt, wait and correlation id.
// Never headers, tokens, JWT assertions, keys, or bodies (a client's answer
// may hold its client_secret) (lesson 7).
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// nopLogger is used when Config.Logger is nil.
type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Warn(context.Context, string, map[string]any)  {}

// safeLogger wraps a Logger and scrubs every string it is given of anything
// that looks like a bearer token or a JWT: a second line of defence should
// an error text ever quote one.
type safeLogger struct{ l Logger }

func (s safeLogger) Debug(ctx context.Context, msg string, f map[string]any) {
	s.l.Debug(ctx, redactSecrets(msg), scrubFields(f))
}

func (s safeLogger) Warn(ctx context.Context, msg string, f map[string]any) {
	s.l.Warn(ctx, redactSecrets(msg), scrubFields(f))
}

func scrubFields(f map[string]any) map[string]any {
	out := make(map[string]any, len(f))
	for k, v := range f {
		switch x := v.(type) {
		case string:
			out[k] = redactSecrets(x)
		case error:
			out[k] = redactSecrets(x.Error())
		case fmt.Stringer:
			out[k] = redactSecrets(x.String())
		default:
			out[k] = v
		}
	}
	return out
}

var (
	// A JWT wherever it stands, with or without "Bearer" or a field name
	// before it: a base64url JSON header (so starting "eyJ") and one to four
	// more parts. That is a JWS (three parts) or a JWE (five), and also one
	// cut short, as an error text that quotes an assertion may be (header
	// and payload, the signature lost). Padding is taken too, since a
	// sloppy encoder adds it and a match that stopped at "=" would leave the
	// rest of the token behind.
	jwtRe    = regexp.MustCompile(`eyJ[A-Za-z0-9_=-]+(?:\.[A-Za-z0-9_=-]*){1,4}`)
	bearerRe = regexp.MustCompile(`(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+`)
	// Fields that hold a secret, in JSON ("client_secret":"…"), YAML-ish
	// (client_secret: "…") or form (client_secret=…) text. A quoted value
	// is redacted whole, escapes and spaces included; an unquoted one up
	// to the next separator.
	secretNames           = `(?:client_secret|access_token|refresh_token|id_token|assertion|private_key|password|certificate_password)`
	quotedSecretFieldRe   = regexp.MustCompile(`(?i)("?` + secretNames + `"?\s*[:=]\s*)"(?:[^"\\]|\\.)*"?`)
	unquotedSecretFieldRe = regexp.MustCompile(`(?i)("?` + secretNames + `"?\s*[:=]\s*)[^"&\s,}]+`)
	// A PEM private key, whatever its kind.
	privateKeyPEMRe = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)`)
)

// redactSecrets removes bearer tokens, JWTs, private keys and the values of
// secret-looking fields from s, whole.
func redactSecrets(s string) string {
	s = privateKeyPEMRe.ReplaceAllString(s, "[redacted-private-key]")
	s = jwtRe.ReplaceAllStringFunc(s, redactJWT)
	s = bearerRe.ReplaceAllString(s, "${1}[redacted]")
	s = quotedSecretFieldRe.ReplaceAllString(s, `${1}"[redacted]"`)
	s = unquotedSecretFieldRe.ReplaceAllString(s, "${1}[redacted]")
	return s
}

// redactJWT replaces one JWT. A match that ends in "." took the full stop
// of the sentence it stood in (an empty last part is allowed, as in an
// unsigned JWT): the stop is kept.
func redactJWT(jwt string) string {
	if strings.HasSuffix(jwt, ".") {
		return "[redacted-jwt]."
	}
	return "[redacted-jwt]"
}

// leveledLogger adapts a Logger to go-retryablehttp's LeveledLogger for one
// request, carrying that request's context. go-retryablehttp logs the URL
// (scope names in the query are not secret) and error texts, never headers.
type leveledLogger struct {
	ctx context.Context
	l   Logger
}

func (a leveledLogger) Error(msg string, kv ...any) { a.l.Warn(a.ctx, "portal: "+msg, kvFields(kv)) }
func (a leveledLogger) Warn(msg string, kv ...any)  { a.l.Warn(a.ctx, "portal: "+msg, kvFields(kv)) }
func (a leveledLogger) Info(msg string, kv ...any)  { a.l.Debug(a.ctx, "portal: "+msg, kvFields(kv)) }
func (a leveledLogger) Debug(msg string, kv ...any) {
	// The client logs each retry itself, with path, status and correlation id.
	if msg == "retrying request" {
		return
	}
	a.l.Debug(a.ctx, "portal: "+msg, kvFields(kv))
}

func kvFields(kv []any) map[string]any {
	f := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		f[fmt.Sprint(kv[i])] = kv[i+1]
	}
	if len(kv)%2 == 1 {
		f["extra"] = kv[len(kv)-1]
	}
	return f
}

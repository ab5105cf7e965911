// Package fakeportal is an in-process fake of Samarbeidsportalen's self-service
// API and of Maskinporten's token endpoint, faithful to shared/portal-api.md.
// It speaks only HTTP/JSON and knows nothing of Terraform or of the project's
// portal client, so that tests of the client exercise the real wire contract.
package fakeportal

import (
	"crypto/rsa"
	"crypto/x509"
	"strings"
	"sync"
	"time"
)

// Org is an organisation seeded by a test.
type Org struct {
	Orgno    string   // 9 digits, valid mod-11
	Name     string   //
	Prefixes []string // scope prefixes it owns; may be empty

	AdminClientID    string            // the admin client that signs JWT grants at the token endpoint
	AdminKeyID       string            // kid of AdminPublicKey (grant with `kid` header)
	AdminPublicKey   *rsa.PublicKey    // may be nil if only a certificate is registered
	AdminCertificate *x509.Certificate // business certificate: grant with `x5c` header whose leaf equals this cert; may be nil
	AdminScopes      []string          // scopes the admin client may request; nil means all scopes of portal-api.md §2
	TermsNotSigned   bool              // every API call by this org answers 428

	// ExtraAdminClients are further admin clients acting for the
	// organisation, e.g. one with the business certificate beside one with
	// a registered key.
	ExtraAdminClients []AdminClient
}

// Options tune a Fake. The zero value is ready to use.
type Options struct {
	Now           func() time.Time // default time.Now
	TokenLifetime time.Duration    // lifetime of tokens from the token endpoint ("expires_in"); default 599s

	// StaticTokenLifetime is the lifetime of tokens made by IssueToken;
	// default 1h. The standalone server uses 12h so a demo session lasts.
	StaticTokenLifetime time.Duration

	// SigningKey signs the access tokens; default a fresh 2048-bit key. Tests
	// may share keys to save key generation, but two fakes with one key
	// accept each other's tokens.
	SigningKey *rsa.PrivateKey

	// Latency is added to every request before it is handled, as a network
	// and a real portal would: for benchmarks (make bench-plan).
	Latency time.Duration

	// OnRequest, when set, is called once per request after it was answered,
	// with the route pattern (as in RequestCount) and the status sent (0 when
	// the connection was dropped). It never sees a token or a body.
	OnRequest func(method, route string, status int, elapsed time.Duration)

	// CredentialDelay is how long a new client, or a new key of a client,
	// is unknown to the token endpoint: Maskinporten takes up to two
	// minutes (portal-api.md §10). Default none.
	CredentialDelay time.Duration

	// TimestampSeed, when not zero, makes every new timestamp take one of the
	// forms the real API answers in (milliseconds or microseconds with Z, no
	// fraction, milliseconds with an offset), chosen by a random source with
	// this seed so that a run can be replayed. Zero keeps one form,
	// milliseconds with the clock's offset.
	TimestampSeed int64

	// KeySetAnswer is how POST /clients/{id}/jwks writes each key's created
	// and exp, which the real portal does not promise (portal-api.md §11):
	// KeySetAnswerVaried (the default), KeySetAnswerBare or
	// KeySetAnswerRenewed; see key_set_answer.go.
	KeySetAnswer string

	// Production makes the fake judge as the production environment where
	// it differs from the test environment: there a web or browser login
	// client may not redirect to localhost or a loopback address, only a
	// native one may (portal-api.md §12). Default false: the test
	// environment, where the tests and the demo run.
	Production bool
}

// Fake is the fake portal. It implements http.Handler and is safe for
// concurrent use: one mutex guards the state, the organisations and the
// token endpoint's replay cache; faults and request counts have their own.
type Fake struct {
	opts      Options
	now       func() time.Time
	signing   *rsa.PrivateKey
	signingID string // kid of the signing key in access-token headers
	verified  verifiedTokens
	routes    []*route

	mu     sync.Mutex
	issuer string
	orgs   map[string]*seededOrg
	state  *State
	jtis   map[string]time.Time // grant jti → when it may be forgotten

	stamps *formChooser

	chaos   chaos // random faults, off unless SetChaos
	faultMu sync.Mutex
	grants  map[string]int // token requests by the client they name
	faults  []*activeFault
	counts  map[string]int
}

// seededOrg is an Org plus the prefix objects made for it when it was added.
type seededOrg struct {
	Org
	prefixes []Prefix
}

// New makes a Fake with no organisations and an issuer of
// "http://fakeportal.invalid"; call SetIssuer with the server's real URL.
func New(opts Options) *Fake {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TokenLifetime <= 0 {
		opts.TokenLifetime = 599 * time.Second
	}
	if opts.StaticTokenLifetime <= 0 {
		opts.StaticTokenLifetime = time.Hour
	}
	key := opts.SigningKey
	if key == nil {
		key = mustRSAKey()
	}
	f := &Fake{
		opts:      opts,
		now:       opts.Now,
		signing:   key,
		signingID: "fakeportal-" + newCorrelationID()[:8],
		issuer:    "http://fakeportal.invalid",
		orgs:      map[string]*seededOrg{},
		state:     newState(),
		jtis:      map[string]time.Time{},
		counts:    map[string]int{},
		stamps:    newFormChooser(opts.TimestampSeed),
	}
	f.routes = f.buildRoutes()
	return f
}

// SetIssuer sets the public URL of the server, without a trailing slash: the
// audience of grants is url+"/", the token endpoint url+"/token", the API base
// url+"/api/v1".
func (f *Fake) SetIssuer(url string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.issuer = strings.TrimRight(url, "/")
}

// Audience is what a grant's `aud` must be: the issuer with a trailing slash,
// like Maskinporten's.
func (f *Fake) Audience() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.issuer + "/"
}

// AddOrg seeds an organisation, replacing one with the same number. Its
// prefixes become prefix objects created now.
func (f *Fake) AddOrg(o Org) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ts := f.timestamp()
	so := &seededOrg{Org: o}
	so.Prefixes = append([]string(nil), o.Prefixes...)
	so.AdminScopes = copyScopes(o.AdminScopes)
	so.ExtraAdminClients = make([]AdminClient, len(o.ExtraAdminClients))
	for i, c := range o.ExtraAdminClients {
		c.Scopes = copyScopes(c.Scopes)
		so.ExtraAdminClients[i] = c
	}
	for _, p := range o.Prefixes {
		so.prefixes = append(so.prefixes, Prefix{
			Prefix: p, OwnerOrgno: o.Orgno, OrganizationName: o.Name,
			Active: true, Created: ts, LastUpdated: ts,
		})
	}
	f.orgs[o.Orgno] = so
}

// Edit runs fn with the state locked: for tests that change objects behind
// the provider's back (drift). fn must not call other methods of f.
func (f *Fake) Edit(fn func(st *State)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f.state)
}

// orgName is the seeded name of orgno, "" when the fake does not know it.
// Callers hold f.mu.
func (f *Fake) orgName(orgno string) string {
	if o, ok := f.orgs[orgno]; ok {
		return o.Name
	}
	return ""
}

package clients

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

// defaultWaitFor is how long a new client or key may take to be known:
// Maskinporten takes up to two minutes, and other clients of the API
// retry for about three.
const defaultWaitFor = 3 * time.Minute

// The arguments that the ephemeral krr_maskinporten_token and the action
// krr_client_token_check share, described and checked alike (their schema
// packages differ, so the attributes themselves cannot be shared).
const (
	tokenClientIDDescription = "The client's id, e.g. `krr_client.x.client_id`: the `iss` of the grant."
	tokenKeyIDDescription    = "The `kid` of the client's key that signs the grant (a key of its `krr_client_jwks`)."
	tokenScopesDescription   = "The scopes to ask for; the client must carry each."
	tokenWaitForDescription  = "How long to keep asking while Maskinporten does not know the client or key yet, " +
		"as a Go duration. Default `3m`."
)

func tokenScopesValidators() []validator.Set {
	return []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(scopes.NameValidator{})}
}

// tokenArgs are what the ephemeral krr_maskinporten_token and the action
// krr_client_token_check take: a client, the key that signs its grant, the
// scopes to ask for, and how long to wait for a new client or key.
type tokenArgs struct {
	ClientID      string
	KeyID         string
	PrivateKeyPEM string
	Scopes        []string
	WaitFor       string // a Go duration the validator has checked; "" is defaultWaitFor
	// KeyAttribute is the argument the key came from, for diagnostics:
	// private_key when empty.
	KeyAttribute string
}

func (a tokenArgs) keyAttribute() string {
	if a.KeyAttribute == "" {
		return "private_key"
	}
	return a.KeyAttribute
}

// requestClientToken asks Maskinporten, at the token endpoint and audience
// of the provider's environment, for a token for a client, with the grant
// signed by the client's key, and asks again while the client or key is
// not known yet (requestUntilKnown). progress, when not nil, hears of each
// try. On failure it adds an error in Maskinporten's own words and returns
// false.
func requestClientToken(ctx context.Context, data *framework.ProviderData, a tokenArgs, progress func(string), diags *diag.Diagnostics) (portal.Token, bool) {
	if refuseLoginClient(ctx, data, a.ClientID, diags) {
		return portal.Token{}, false
	}
	key, err := portal.ParseRSAPrivateKeyPEM([]byte(a.PrivateKeyPEM))
	if err != nil {
		diags.AddAttributeError(path.Root(a.keyAttribute()), "Invalid private key",
			fmt.Sprintf("%s cannot sign the grant: %s. It must be an RSA private key in PEM (PKCS#1 or PKCS#8).",
				a.keyAttribute(), err))
		return portal.Token{}, false
	}
	waitFor := defaultWaitFor
	if a.WaitFor != "" {
		waitFor, _ = time.ParseDuration(a.WaitFor) // the validator has parsed it
	}
	cfg := portal.GrantConfig{
		TokenEndpoint: data.TokenEndpoint,
		Audience:      data.Audience,
		ClientID:      a.ClientID,
		KeyID:         a.KeyID,
		PrivateKey:    key,
		Scopes:        a.Scopes,
		UserAgent:     data.UserAgent,
		HTTPClient:    &http.Client{Timeout: data.RequestTimeout},
	}
	tok, waited, err := requestUntilKnown(ctx, cfg, waitFor, progress)
	if err != nil {
		detail := err.Error()
		if waited > 0 {
			detail += fmt.Sprintf(" (after asking for %s while Maskinporten might not know the client or key yet)", waited.Round(time.Second))
		}
		diags.AddError(fmt.Sprintf("Maskinporten gave client %s no token", a.ClientID), detail+
			". Check client_id, key_id and "+a.keyAttribute()+" (the private half of the key registered as key_id), and that "+
			"the client carries every scope in scopes.")
		return portal.Token{}, false
	}
	return tok, true
}

// requestUntilKnown asks for a token, and asks again while Maskinporten
// answers that it does not know the client or the key (a new one takes up
// to two minutes), until waitFor has passed. Any other answer is final.
func requestUntilKnown(ctx context.Context, cfg portal.GrantConfig, waitFor time.Duration, progress func(string)) (portal.Token, time.Duration, error) {
	request, err := portal.NewTokenRequest(cfg)
	if err != nil {
		return portal.Token{}, 0, err
	}
	start := time.Now()
	pause := time.Second
	for {
		tok, err := request(ctx)
		waited := time.Since(start)
		if err == nil || !notKnownYet(err) || waited+pause > waitFor {
			return tok, waited, err
		}
		if progress != nil {
			progress(fmt.Sprintf("Maskinporten does not know client %s or key %s yet (%s); asking again in %s",
				cfg.ClientID, cfg.KeyID, err, pause))
		}
		if err := portal.Sleep(ctx, pause); err != nil {
			return portal.Token{}, waited, err
		}
		pause = min(2*pause, 15*time.Second)
	}
}

// notKnownYet tells an answer that the client or its key is not known
// (yet), the one answer that waiting can change. Maskinporten gives a client
// or key it does not know "Invalid assertion. Client authentication
// failed." and nothing more, for a client it has not taken in yet and a
// typo alike, so the typo waits too; and a grant signed with a key it does
// not know (a key rotated in place under its kid) fails its signature in
// the same words. A grant it read and refused says why after those words
// ("… Client authentication failed. Invalid JWT claim aud", an expired
// assertion), and one it could not read says "Invalid parameter value":
// waiting changes neither, so they fail at once with the endpoint's words.
func notKnownYet(err error) bool {
	var te *portal.TokenError
	if !errors.As(err, &te) || (te.Code != "invalid_grant" && te.Code != "invalid_client") {
		return false
	}
	words := func(s string) string { return strings.Trim(strings.TrimSpace(s), ". ") }
	d := words(strings.TrimPrefix(words(strings.ToLower(te.Description)), "invalid assertion"))
	if reason, ok := strings.CutPrefix(d, "client authentication failed"); ok {
		d = words(reason)
		if d == "" {
			return true
		}
	}
	return slices.Contains(unknownClientOrKey, d)
}

// unknownClientOrKey are the reasons, after "Client authentication
// failed." or alone, that say the client or key is not known, lower case.
var unknownClientOrKey = []string{"client not found", "unknown client", "unknown kid", "kid not found"}

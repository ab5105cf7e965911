package fakeportal

// Maskinporten's words for a grant it refuses, after Digdir's troubleshooting
// page ("Feilsøking i Maskinporten"), so that a client learns to tell a
// client or key that is not known (yet) from a grant that will never work:
//   - a client or key it does not know, or a signature that none of the
//     keys it knows verifies, gets clientAuthFailed and nothing more: the
//     same words for a typo and for a client made a minute ago;
//   - a grant it could read but refuses gets the same words followed by
//     the reason ("… Client authentication failed. Invalid JWT claim aud");
//   - a grant it cannot read at all gets invalidParameter.
//
// The reasons after the words are the fake's own.
const (
	clientAuthFailed = "Invalid assertion. Client authentication failed."
	invalidParameter = "Invalid assertion. Invalid parameter value"
)

// refusedGrant is a grant that was read and refused for reason.
func refusedGrant(reason string) *oauthError {
	return invalidGrant(clientAuthFailed + " " + reason)
}

// unreadableGrant is an assertion that is no usable JWT at all.
func unreadableGrant(reason string) *oauthError {
	return invalidGrant(invalidParameter + ": " + reason)
}

package portal

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// CallerOrgno is the organisation the credentials act for: every object the
// API shows is that organisation's. It is read from the access token's
// consumer claim, without verification (the API verifies it).
func (c *Client) CallerOrgno(ctx context.Context) (string, error) {
	if c.tokens == nil {
		return "", errNoTokens
	}
	tok, err := c.tokens.Token(ctx)
	if err != nil {
		return "", err
	}
	return OrgnoFromAccessToken(tok)
}

// iso6523Prefix is the ICD of Norwegian organisation numbers in Maskinporten's
// consumer claim: "0192:991825827".
const iso6523Prefix = "0192:"

// OrgnoFromAccessToken reads the organisation number from a Maskinporten
// access token's consumer claim without verifying the token. The claim is
// either the string "0192:<orgno>" or Maskinporten's object
// {"authority":"iso6523-actorid-upis","ID":"0192:<orgno>"}.
func OrgnoFromAccessToken(token string) (string, error) {
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 3 {
		return "", errors.New("the access token is not a JWT (it may be opaque), so the organisation it acts for cannot be read from it")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return "", fmt.Errorf("the access token's payload is not base64url: %v", err)
	}
	var claims struct {
		Consumer json.RawMessage `json:"consumer"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return "", fmt.Errorf("the access token's payload is not JSON: %v", err)
	}
	if len(claims.Consumer) == 0 || string(claims.Consumer) == "null" {
		return "", errors.New("the access token has no consumer claim; it is not a Maskinporten token for an organisation")
	}
	var id string
	if err := json.Unmarshal(claims.Consumer, &id); err != nil {
		var obj struct {
			ID string `json:"ID"`
		}
		if err := json.Unmarshal(claims.Consumer, &obj); err != nil || obj.ID == "" {
			return "", errors.New("the access token's consumer claim is neither \"0192:<orgno>\" nor an object with an ID")
		}
		id = obj.ID
	}
	orgno := id
	if i := strings.LastIndex(id, ":"); i >= 0 {
		if !strings.HasPrefix(id, iso6523Prefix) {
			return "", fmt.Errorf("the access token's consumer %q is not a Norwegian organisation number (0192:…)", id)
		}
		orgno = id[i+1:]
	}
	if err := ValidOrgno(orgno); err != nil {
		return "", fmt.Errorf("the access token's consumer claim: %w", err)
	}
	return orgno, nil
}

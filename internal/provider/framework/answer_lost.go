package framework

import (
	"errors"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// AnswerLost reports an error after which the portal may or may not have
// done the work: no answer at all, or a server error. A create that meets
// one looks the object up before it tries again, so that nothing is made
// twice and nothing made is left out of state.
func AnswerLost(err error) bool {
	var transport *portal.TransportError
	var api *portal.APIError
	return errors.As(err, &transport) || errors.As(err, &api) && api.StatusCode >= 500
}

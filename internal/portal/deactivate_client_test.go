package portal

import (
	"context"
	"net/http"
	"testing"
)

// DELETE /clients/{id} of a client that is deactivated already may answer
// 409 (portal-api.md §11): the client is read back, and one that is
// inactive is done; an active one keeps the 409.
func TestDeactivateIntegrationAlreadyDeactivated(t *testing.T) {
	for _, active := range []bool{false, true} {
		c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodDelete {
				writeJSON(w, http.StatusConflict, map[string]any{"status": 409, "error": "conflict",
					"error_description": "client c1 is already deactivated"})
				return
			}
			writeJSON(w, 200, Integration{ClientID: "c1", Active: active})
		})
		err := c.DeactivateIntegration(context.Background(), "c1")
		if active != (err != nil) || (err != nil && !IsConflict(err)) {
			t.Errorf("active %v: err = %v", active, err)
		}
	}
}

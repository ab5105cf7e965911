package scopes

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// grantWriteLimit bounds how many of one scope's grants krr_scope_consumers
// writes at once. Each grant is a request of its own, so a list of nine
// written one after another waits nine round trips; ten at once write most
// lists in one round trip, and Terraform's parallelism (ten resources)
// bounds the whole apply to a hundred requests in flight. The portal
// client's max_requests_per_second holds whatever this is.
const grantWriteLimit = 10

// writeEach calls write for each organisation number, at most
// grantWriteLimit at a time. After the first error no new write starts;
// those already sent finish (one cut off mid-request would leave the
// portal's answer unknown). It returns the number whose write failed first,
// with its error.
func writeEach(ctx context.Context, orgnos []string, write func(ctx context.Context, orgno string) error) (string, error) {
	var (
		g        errgroup.Group
		mu       sync.Mutex
		failedAt string
		firstErr error
	)
	g.SetLimit(grantWriteLimit)
	for _, orgno := range orgnos {
		mu.Lock()
		stop := firstErr != nil
		mu.Unlock()
		if stop {
			break
		}
		g.Go(func() error {
			if err := write(ctx, orgno); err != nil {
				mu.Lock()
				if firstErr == nil {
					failedAt, firstErr = orgno, err
				}
				mu.Unlock()
			}
			return nil
		})
	}
	_ = g.Wait()
	return failedAt, firstErr
}

package portal

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Requests many at once to one host, as a plan's reads ahead are, reuse
// their connections the next time: the second wave dials (nearly) none.
// With net/http's default of two idle connections per host it would dial
// all but two again.
func TestDefaultTransportReusesConnections(t *testing.T) {
	var dialed atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(20 * time.Millisecond) // so that a wave's requests overlap
		_, _ = w.Write([]byte("[]"))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			dialed.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	client := &http.Client{Transport: Config{}.withDefaults().Transport}
	const wave = 20
	send := func() {
		var wg sync.WaitGroup
		for range wave {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := client.Get(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body) // as the client reads every answer
				_ = resp.Body.Close()
			}()
		}
		wg.Wait()
	}
	send()
	first := dialed.Load()
	send()
	if again := dialed.Load() - first; again > 2 {
		t.Errorf("the second wave of %d requests dialed %d new connections (the first dialed %d); want them reused", wave, again, first)
	}
}

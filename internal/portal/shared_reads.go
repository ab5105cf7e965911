package portal

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"

	"golang.org/x/sync/singleflight"
)

// Shared reads (Config.ShareReads): a plan refreshes every scope, grant and
// client of a configuration, and one request per object makes a plan's
// calls grow with its resources. Instead, the first read of a kind lists
// them all, and later reads of that kind are served from the list:
//   - every GetScope from one GET /scopes?inactive=true;
//   - every GetScopeAccess on one scope from one GET /scopes/access?scope=;
//   - every GetIntegration from one GET /clients?inactive=true.
//
// Readers that come while a list is on its way wait for it (singleflight).
// A write marks exactly the object it changed as stale, whatever its answer
// (a write may have happened although its answer was lost), and the next
// read of that object is a single read. A list that fails is never an
// error of its own: the reader falls back to the single read, which fails
// or not for that object alone, and the kind is read singly from then on.

// sharedList is one kind's list, by key.
type sharedList[T any] struct {
	mu     sync.Mutex
	loaded bool
	failed bool // the list call failed: read singly from now on
	byKey  map[string]T
	// stale holds the keys written since the list was read, each with the
	// write's sequence number, so that a single read that overlapped a
	// later write does not clear the later mark.
	stale map[string]uint64
	seq   uint64
}

// lookup is how one read of a shared list goes.
type lookup[T any] struct {
	flight *singleflight.Group
	// flightKey names the list call, so that concurrent loaders share it.
	flightKey string
	// list reads every object of the kind, by key.
	list func(ctx context.Context) (map[string]T, error)
	// single reads one object the way it is read without sharing.
	single func(ctx context.Context) (T, error)
	// absent answers for a key the loaded list does not hold; nil means
	// ask single (the object may be another organisation's: a 403, not a
	// 404).
	absent func() (T, error)
}

func (s *sharedList[T]) get(ctx context.Context, key string, l lookup[T]) (T, error) {
	s.mu.Lock()
	if seq, stale := s.stale[key]; stale || s.failed {
		s.mu.Unlock()
		return s.readSingly(ctx, key, seq, stale, l)
	}
	if s.loaded {
		v, ok := s.byKey[key]
		s.mu.Unlock()
		if ok {
			return v, nil
		}
		if l.absent != nil {
			return l.absent()
		}
		return l.single(ctx)
	}
	s.mu.Unlock()
	if err := s.load(ctx, l); err != nil {
		return l.single(ctx)
	}
	// Loaded now. A write that ran while the list was on its way may or
	// may not be in it; its stale mark, which the load keeps, sends this
	// read to single.
	return s.get(ctx, key, l)
}

// load reads the list unless it is loaded or failed; concurrent loaders
// share one call.
func (s *sharedList[T]) load(ctx context.Context, l lookup[T]) error {
	_, err, _ := l.flight.Do(l.flightKey, func() (any, error) {
		s.mu.Lock()
		loaded, failed := s.loaded, s.failed
		s.mu.Unlock()
		switch {
		case failed:
			return nil, errListFailed
		case loaded:
			return nil, nil
		}
		byKey, err := l.list(ctx)
		s.mu.Lock()
		defer s.mu.Unlock()
		if err != nil {
			s.failed = true
			return nil, err
		}
		s.byKey, s.loaded = byKey, true
		return nil, nil
	})
	return err
}

var errListFailed = errors.New("the list call failed before")

// all returns the whole list, in no order, when it is loaded and nothing
// in it was written since; otherwise false, and the caller reads the list
// itself.
func (s *sharedList[T]) all(ctx context.Context, l lookup[T]) ([]T, bool) {
	if err := s.load(ctx, l); err != nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.stale) > 0 {
		return nil, false
	}
	return slices.Collect(maps.Values(s.byKey)), true
}

// loadedList is the whole list when it is loaded and nothing in it was
// written since; it never loads.
func (s *sharedList[T]) loadedList() ([]T, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.loaded || s.failed || len(s.stale) > 0 {
		return nil, false
	}
	return slices.Collect(maps.Values(s.byKey)), true
}

// readSingly reads one object singly and, when no write to it came in the
// meantime, keeps the answer in the list.
func (s *sharedList[T]) readSingly(ctx context.Context, key string, seq uint64, stale bool, l lookup[T]) (T, error) {
	v, err := l.single(ctx)
	if err != nil || !stale {
		return v, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stale[key] == seq {
		delete(s.stale, key)
		if s.loaded {
			s.byKey[key] = v
		}
	}
	return v, nil
}

// wrote marks key as changed by a write.
func (s *sharedList[T]) wrote(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	if s.stale == nil {
		s.stale = map[string]uint64{}
	}
	s.stale[key] = s.seq
}

// sharedReads holds one client's lists.
type sharedReads struct {
	flight  singleflight.Group
	scopes  sharedList[Scope]
	clients sharedList[Integration]

	mu     sync.Mutex
	grants map[string]*sharedList[AccessGrant] // by scope, by consumer
	keys   map[string]*sharedList[JWKS]        // by client, one entry each

	// Read-ahead. Terraform refreshes a scope's grants together (they all
	// refer to the scope), and its parallelism then holds every slot
	// waiting on one scope's list; likewise for clients' keys. Once the
	// first grant (key set) is read, the grant lists (key sets) of the
	// scopes (clients) this process has read, which are a configuration's
	// own, are read ahead, a bounded number at a time, so that the slots
	// find them loaded. One read later is read ahead when it comes.
	ahead  chan struct{}
	seen   map[string]map[string]bool // kind → keys read
	wanted map[string]bool            // kind → read-ahead started
}

// Kinds of read-ahead.
const (
	aheadGrants = "grants" // by scope
	aheadKeys   = "keys"   // by client
)

// readAheadWidth bounds the reads ahead in flight at once. Each round of
// reads ahead is a round trip that a plan waits for: 64 read a hundred
// scopes' grant lists in two, and fifty clients' key sets in one (with 32,
// four and two: a third of a second of a plan at 100 ms). The client's
// max_requests_per_second, when set, still holds them.
const readAheadWidth = 64

func (r *sharedReads) grantsOf(scope string) *sharedList[AccessGrant] {
	return listOf(&r.mu, &r.grants, scope)
}

func (r *sharedReads) keysOf(clientID string) *sharedList[JWKS] {
	return listOf(&r.mu, &r.keys, clientID)
}

// listOf is the list under key in lists, made on first use.
func listOf[T any](mu *sync.Mutex, lists *map[string]*sharedList[T], key string) *sharedList[T] {
	mu.Lock()
	defer mu.Unlock()
	if *lists == nil {
		*lists = map[string]*sharedList[T]{}
	}
	l, ok := (*lists)[key]
	if !ok {
		l = &sharedList[T]{}
		(*lists)[key] = l
	}
	return l
}

// deref makes a single read's pointer answer a value, for lookup.single.
func deref[T any](p *T, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return *p, nil
}

// indexBy is a list call's answer by key, for lookup.list.
func indexBy[T any](list []T, err error, key func(T) string) (map[string]T, error) {
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]T, len(list))
	for _, v := range list {
		byKey[key(v)] = v
	}
	return byKey, nil
}

// saw records that this process read key (a scope, a client), and reads
// its kind's data ahead if that has started.
func (r *sharedReads) saw(kind, key string, read func(ctx context.Context, key string)) {
	r.mu.Lock()
	if r.seen == nil {
		r.seen = map[string]map[string]bool{}
	}
	if r.seen[kind] == nil {
		r.seen[kind] = map[string]bool{}
	}
	known := r.seen[kind][key]
	r.seen[kind][key] = true
	ahead := r.wanted[kind] && !known
	r.mu.Unlock()
	if ahead {
		r.readAhead(key, read)
	}
}

// want starts the read-ahead of kind for every key seen, once.
func (r *sharedReads) want(kind string, read func(ctx context.Context, key string)) {
	r.mu.Lock()
	if r.wanted[kind] {
		r.mu.Unlock()
		return
	}
	if r.wanted == nil {
		r.wanted = map[string]bool{}
	}
	r.wanted[kind] = true
	keys := make([]string, 0, len(r.seen[kind]))
	for key := range r.seen[kind] {
		keys = append(keys, key)
	}
	r.mu.Unlock()
	for _, key := range keys {
		r.readAhead(key, read)
	}
}

func (r *sharedReads) readAhead(key string, read func(ctx context.Context, key string)) {
	r.mu.Lock()
	if r.ahead == nil {
		r.ahead = make(chan struct{}, readAheadWidth)
	}
	ahead := r.ahead
	r.mu.Unlock()
	go func() {
		ahead <- struct{}{}
		defer func() { <-ahead }()
		read(context.Background(), key)
	}()
}

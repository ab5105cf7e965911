package fakeportal

import "time"

// The per-key created and exp of a key-set answer are not promised
// (portal-api.md §11): the real portal's answer to POST /clients/{id}/jwks
// may write them otherwise than GET does, leave them out, or give a key that
// did not change a new exp. The fake's answer, by default, writes each key's
// created as the same instant in another form than the stored one and leaves
// last_updated out, so that a client that takes a planned value from it, or
// compares timestamps as strings, fails; Options.KeySetAnswer asks for more.

// Key-set answers (Options.KeySetAnswer).
const (
	// KeySetAnswerVaried is the default described above.
	KeySetAnswerVaried = ""
	// KeySetAnswerBare leaves each key's created, last_updated and exp out
	// of the answer: a client must read the set back for them.
	KeySetAnswerBare = "bare"
	// KeySetAnswerRenewed gives every key of a replaced set, changed or not,
	// a new exp one year ahead, as a portal that renews on every write would.
	KeySetAnswerRenewed = "renewed"
)

// keySetAnswerKey is a key as a key-set answer writes it.
type keySetAnswerKey struct {
	JWK
	Exp         *int64  `json:"exp,omitempty"`
	Created     *string `json:"created,omitempty"`
	LastUpdated *string `json:"last_updated,omitempty"`
}

type keySetAnswerBody struct {
	Keys        []keySetAnswerKey `json:"keys"`
	Created     string            `json:"created,omitempty"`
	LastUpdated string            `json:"last_updated,omitempty"`
}

// replaceAnswer is the answer to a replace of the set ks.
func (f *Fake) replaceAnswer(ks *KeySet) keySetAnswerBody {
	out := keySetAnswerBody{Keys: []keySetAnswerKey{}, Created: ks.Created, LastUpdated: ks.LastUpdated}
	for _, k := range ks.Keys {
		a := keySetAnswerKey{JWK: k}
		if f.opts.KeySetAnswer != KeySetAnswerBare {
			exp, created := k.Exp, otherForm(k.Created)
			a.Exp, a.Created = &exp, &created
		}
		out.Keys = append(out.Keys, a)
	}
	return out
}

// otherForm is the instant ts in another ISO 8601 form than ts, exactly (to
// the microsecond): a client must compare instants, never strings.
func otherForm(ts string) string {
	t, err := parseTimestamp(ts)
	if err != nil {
		return ts
	}
	if s := t.UTC().Format("2006-01-02T15:04:05.000000Z07:00"); s != ts {
		return s
	}
	return t.In(oslo(t)).Format("2006-01-02T15:04:05.000000-07:00")
}

// renewOnReplace gives every key a new exp when the fake is asked to.
func (f *Fake) renewOnReplace(keys []JWK) {
	if f.opts.KeySetAnswer != KeySetAnswerRenewed {
		return
	}
	exp := f.now().Add(maxKeyLifetime).Truncate(time.Second).Unix()
	for i := range keys {
		keys[i].Exp = exp
	}
}

package fakeportal

import (
	"math/rand/v2"
	"sync"
	"time"
)

// The real API writes timestamps in more than one form (portal-api.md §3),
// and a client that compares them as strings, or reads only one layout,
// breaks on the next answer. The fake can vary its form for that reason
// (Options.TimestampSeed); an object keeps the string it was given until it
// changes, as the fake stores timestamps as strings.

// tsLayout is ISO 8601 with milliseconds and the clock's offset: the one
// form of a fake without a TimestampSeed.
const tsLayout = "2006-01-02T15:04:05.000-07:00"

// timestampForm is one way of writing an instant.
type timestampForm struct {
	layout    string
	precision time.Duration                  // what the layout keeps of the fraction
	zone      func(time.Time) *time.Location // the offset it is written in
}

func (tf timestampForm) format(t time.Time) string {
	return t.Truncate(tf.precision).In(tf.zone(t)).Format(tf.layout)
}

// defaultForm is tsLayout in the clock's own location, as before forms varied.
var defaultForm = timestampForm{tsLayout, time.Millisecond, func(t time.Time) *time.Location { return t.Location() }}

// realForms are the forms seen in the real API's answers.
var realForms = []timestampForm{
	{"2006-01-02T15:04:05.000Z07:00", time.Millisecond, utc},    // 2025-07-02T08:30:00.597Z
	{"2006-01-02T15:04:05.000000Z07:00", time.Microsecond, utc}, // 2025-06-04T09:40:37.258551Z
	{"2006-01-02T15:04:05Z07:00", time.Second, utc},             // 2025-06-04T09:40:37Z
	{"2006-01-02T15:04:05.000-07:00", time.Millisecond, oslo},   // 2021-01-13T10:53:56.301+01:00
}

func utc(time.Time) *time.Location { return time.UTC }

var (
	cet  = time.FixedZone("CET", 1*60*60)
	cest = time.FixedZone("CEST", 2*60*60)
)

// oslo is Norway's offset at t by the EU rule (summer time from 01:00 UTC on
// the last Sunday of March to 01:00 UTC on the last Sunday of October),
// worked out here so that the answers do not depend on the machine's time
// zone database.
func oslo(t time.Time) *time.Location {
	u := t.UTC()
	start := lastSunday(u.Year(), time.March).Add(time.Hour)
	end := lastSunday(u.Year(), time.October).Add(time.Hour)
	if !u.Before(start) && u.Before(end) {
		return cest
	}
	return cet
}

// lastSunday is 00:00 UTC on the last Sunday of month m.
func lastSunday(year int, m time.Month) time.Time {
	last := time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC)
	return last.AddDate(0, 0, -int(last.Weekday()))
}

// formChooser picks the form of each new timestamp. It has its own lock so
// that it is safe whether or not the caller holds f.mu.
type formChooser struct {
	mu  sync.Mutex
	rng *rand.Rand // nil: always defaultForm
}

func newFormChooser(seed int64) *formChooser {
	if seed == 0 {
		return &formChooser{}
	}
	return &formChooser{rng: rand.New(rand.NewPCG(uint64(seed), 0))}
}

func (fc *formChooser) next() timestampForm {
	if fc.rng == nil {
		return defaultForm
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	return realForms[fc.rng.IntN(len(realForms))]
}

// parseTimestamp reads every form the fake writes, and those of the real API.
func parseTimestamp(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}

// timestamp is now, as a new object's created and last_updated.
func (f *Fake) timestamp() string { return f.stamps.next().format(f.now()) }

// touch is the new last_updated of an object last updated at prev. It moves
// forward on every write even when the clock has not (a frozen test clock,
// two writes in one millisecond), so that a client can always see that a
// write happened. The instants are compared, never the strings: prev may be
// in another form than the new value, and of a finer precision (a
// microsecond prev followed by a form without fraction moves on to the next
// whole second).
func (f *Fake) touch(prev string) string {
	form := f.stamps.next()
	now := f.now().Truncate(form.precision)
	if p, err := parseTimestamp(prev); err == nil && !now.After(p) {
		// In the clock's location, as the default form writes the clock's offset.
		now = p.Truncate(form.precision).Add(form.precision).In(now.Location())
	}
	return form.format(now)
}

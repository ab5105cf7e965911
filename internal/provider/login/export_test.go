package login

import "time"

// SetClockForTest sets the clock of rotate_after_days and of a secret's
// created, and returns the function that puts the real one back.
func SetClockForTest(c func() time.Time) (restore func()) {
	old := clock.Swap(&c)
	return func() { clock.Store(old) }
}

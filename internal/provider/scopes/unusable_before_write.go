package scopes

import "context"

// UnusableBeforeWrite is the apply-time check of a client's scopes, just
// before the client is written: the verdict of every name a client of
// integrationType may not carry now. It judges from the facts this
// provider instance has read, and, when those refuse one, once more from a
// fresh read: a grant made earlier in this apply is not in them.
func (d *Rules) UnusableBeforeWrite(ctx context.Context, names []string, integrationType string) ([]Verdict, error) {
	refusedBy := func(facts *Facts) ([]Verdict, error) {
		judge := d.Judge(facts, nil)
		var refused []Verdict
		for _, name := range names {
			v, err := judge.Decide(ctx, name, integrationType)
			if err != nil {
				return nil, err
			}
			if !v.Usable {
				refused = append(refused, v)
			}
		}
		return refused, nil
	}
	facts, gen, err := d.Facts(ctx)
	if err != nil {
		return nil, err
	}
	refused, err := refusedBy(facts)
	if err != nil || len(refused) == 0 {
		return refused, err
	}
	if facts, err = d.RefreshFacts(ctx, gen); err != nil {
		return nil, err
	}
	return refusedBy(facts)
}

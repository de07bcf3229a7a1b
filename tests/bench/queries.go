package main

import (
	"context"
	"fmt"
	"log"
)

// queries runs section 4's long queries only (the 1M-row scan with a
// filter, GROUP BY over 1M rows, the 100k × 100k indexed join) against the
// wire suite's systems (wireTargets: mirrorsql, an optional "mirrorsql B"
// from -mirrorsql-b, PostgreSQL unless -no-pg), the order rotating every
// round, so a before/after pair of builds of the scan and join operators is
// measured interleaved (issue #5). The statements and their basis rows are
// the local suite's. heavy's CPU figures are per returned row; per row
// processed is that × rows returned ÷ basis.
func (r *runner) queries(ctx context.Context) error {
	log.Printf("queries: starting the systems and loading the data set")
	targets, stop, err := r.wireTargets(ctx)
	defer stop()
	if err != nil {
		return err
	}
	b := r.b
	steps := b.heavyQuerySteps(ctx)
	for round := 0; round < b.rounds; round++ {
		log.Printf("queries: round %d of %d", round+1, b.rounds)
		for _, s := range steps {
			for i := range targets {
				if err := s(targets[(i+round)%len(targets)]); err != nil {
					return fmt.Errorf("round %d: %w", round+1, err)
				}
			}
		}
	}
	return nil
}

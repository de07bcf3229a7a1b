package exec

// SetDMLPlans switches the session's bound-DML plan cache (dmlplan.go) on or
// off, so tests can run the same script both ways.
func SetDMLPlans(s *Session, on bool) { s.dml.off = !on }

// DMLPlanHits is how many statements of the session ran from a kept plan.
func DMLPlanHits(s *Session) int64 { return s.dml.hits }

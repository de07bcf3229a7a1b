package exec

// SetDMLPlans switches the session's bound-DML plan cache (dmlplan.go) on or
// off, so tests can run the same script both ways.
func SetDMLPlans(s *Session, on bool) { s.dml.off = !on }

// DMLPlanHits is how many statements of the session ran from a kept plan.
func DMLPlanHits(s *Session) int64 { return s.dml.hits }

// SetBoundPlans switches the session's bound SELECT plans (boundplan.go) on
// or off; set it before the session runs a query.
func SetBoundPlans(s *Session, on bool) { s.noBound = !on }

// BoundPlanHits is how many queries of the session ran from a kept bound
// plan.
func BoundPlanHits(s *Session) int64 { return s.boundHits }

// SetDMLCompiled switches the compiled part of the session's kept UPDATE
// and DELETE plans (dmlcompiled.go) on or off.
func SetDMLCompiled(s *Session, on bool) { s.dml.noCompiled = !on }

// DMLCompiledHits is how many UPDATE or DELETE statements of the session
// ran from a kept compiled part.
func DMLCompiledHits(s *Session) int64 { return s.dml.compiledHits }

package exec

import "errors"

var errTranEndedInTrigger = errorKind{3609, 16, 1, "The transaction ended in the trigger. The batch has been aborted.", AbortBatch}

// beginTriggerTran makes the firing statement's transaction the trigger's
// when none is open: @@TRANCOUNT 1. implied says it did.
func (s *Session) beginTriggerTran() (implied bool) {
	if s.nest.Active() {
		return false
	}
	s.nest.Begin("")
	s.beginTx(true)
	return true
}

// endTriggerTran ends what beginTriggerTran began once the trigger's body
// returned err, and returns the trigger's error.
func (s *Session) endTriggerTran(implied bool, err error) error {
	if !s.nest.Active() {
		if err != nil {
			return err // an aborting error already rolled back
		}
		return errTranEndedInTrigger.New()
	}
	if !implied {
		return err
	}
	if err != nil && s.tryContext() != nil && (s.nest.XactState() < 0 || abortScopeOf(err) >= AbortTransaction) {
		// The CATCH block sees the firing statement's transaction, doomed.
		s.nest.Doom()
		return err
	}
	// Back to the firing statement, which commits or rolls back as before.
	_, _ = s.nest.Rollback("")
	return err
}

// SQL Server runs a trigger's body with XACT_ABORT ON (the SET XACT_ABORT
// page: "ON is the default setting in a trigger"), so an error the body
// raises ends the firing statement, the batch and the transaction, even a
// name-resolution error (208, 207) that in a batch or a procedure would end
// only its scope. The trigger is a scope of its own: a TRY around the
// firing statement catches such an error (the rule that a TRY does not
// catch a 208 raised at its own level, uncatchableHere, is about the
// batch's own statements), and its transaction is then doomed. RAISERROR
// is not affected by XACT_ABORT: with no TRY to go to, its error is sent
// and the trigger goes on (runFuncStmt).
//
// A trigger always runs inside a transaction (CREATE TRIGGER's and
// ROLLBACK TRANSACTION's pages): the one open, or else the firing
// statement's own, which is @@TRANCOUNT 1 in the trigger and in what it
// calls (so a procedure's statements there neither commit nor end it). A
// ROLLBACK (or COMMIT) that ends the transaction in the trigger lets the
// trigger go on and then ends the batch with 3609. An error out of the
// trigger inside a TRY leaves the firing statement's transaction open and
// doomed for the CATCH block (@@TRANCOUNT 1, XACT_STATE() -1); a batch
// that ends with it still open rolls it back with 3998 (batch.go).

// triggerAbort marks the error a trigger's body ended with as one that
// rolls the transaction back and that was raised in the trigger's scope;
// raised says the body's last statement was a RAISERROR.
func triggerAbort(err error, raised bool) error {
	if raised || errors.Is(err, errCaught) || errors.Is(err, errBatchAborted) {
		return err
	}
	prior, last := splitChain(err)
	var e *Error
	if !errors.As(last, &e) || e.Severity < 11 || e.Severity >= 20 {
		return err
	}
	c := *e
	c.inTrigger = true
	if c.Abort < AbortTransaction {
		c.Abort = AbortTransaction
	}
	return chainErrors(prior, &c)
}

// raisedInTrigger reports whether err came out of a trigger's body.
func raisedInTrigger(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.inTrigger
}

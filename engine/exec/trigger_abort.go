package exec

import "errors"

// SQL Server runs a trigger's body with XACT_ABORT ON (the SET XACT_ABORT
// page: "ON is the default setting in a trigger"), so an error the body
// raises ends the firing statement, the batch and the transaction, even a
// name-resolution error (208, 207) that in a batch or a procedure would end
// only its scope. The trigger is a scope of its own: a TRY around the
// firing statement catches such an error (the rule that a TRY does not
// catch a 208 raised at its own level, uncatchableHere, is about the
// batch's own statements), and its transaction is then doomed. RAISERROR
// is not affected by XACT_ABORT and keeps its own scope.

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

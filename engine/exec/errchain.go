package exec

import "errors"

// chainedError is a statement failure SQL Server reports as several error
// messages in one response, such as ALTER TABLE DROP COLUMN's 5074 (one
// per dependent object) followed by 4922. The last error is the one that
// counts: errors.As finds it for @@ERROR, the abort scope and CATCH's
// ERROR_NUMBER(); reportError sends the prior ones first.
type chainedError struct {
	prior []error
	last  error
}

func (e *chainedError) Error() string { return e.last.Error() }

func (e *chainedError) Unwrap() error { return e.last }

// chainErrors returns last preceded by prior (prior may be empty).
func chainErrors(prior []error, last error) error {
	if len(prior) == 0 {
		return last
	}
	return &chainedError{prior: prior, last: last}
}

// splitChain returns the errors to send before err's own message, and err
// without them.
func splitChain(err error) ([]error, error) {
	var ch *chainedError
	if errors.As(err, &ch) {
		return ch.prior, ch.last
	}
	return nil, err
}

// ChainErrors is chainErrors for packages that run statements for exec
// (engine's BACKUP and RESTORE end a failure with 3013 after its cause).
func ChainErrors(prior []error, last error) error { return chainErrors(prior, last) }

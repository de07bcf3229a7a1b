package exec

import (
	"fmt"
	"runtime"
	"time"
)

// SET STATISTICS TIME ON: every statement is followed by SQL Server's
// message 3612 with its CPU and elapsed time, and every batch starts with
// message 3613 (parse and compile time) — what a developer reads in SSMS's
// Messages tab while tuning a query.
//
// CPU time is the statement's own: the session's goroutine is locked to its
// OS thread while the statement runs and the thread's CPU clock is read
// before and after (threadCPU), so other sessions' work is not counted. The
// lock is taken only while the option is ON. Work the statement hands to
// other goroutines (read-ahead, the log writer) is not counted, as SQL
// Server's worker time does not count its background tasks either.

// statementTimer starts timing one statement; the returned function sends
// its 3612 message.
func (s *Session) statementTimer() func(out Output) {
	runtime.LockOSThread()
	cpu0, t0 := threadCPU(), time.Now()
	return func(out Output) {
		cpu := threadCPU() - cpu0
		runtime.UnlockOSThread()
		_ = out.Message(&Error{Number: 3612, Severity: 0, State: 1, Message: fmt.Sprintf(
			"\n SQL Server Execution Times:\n   CPU time = %d ms,  elapsed time = %d ms.", cpu.Milliseconds(), time.Since(t0).Milliseconds())})
	}
}

// compileTimeMessage is message 3613 for a batch whose parse and compile
// took elapsed (CPU counted the same: parsing does not wait).
func compileTimeMessage(elapsed time.Duration) *Error {
	ms := elapsed.Milliseconds()
	return &Error{Number: 3613, Severity: 0, State: 1, Message: fmt.Sprintf(
		"SQL Server parse and compile time: \n   CPU time = %d ms, elapsed time = %d ms.", ms, ms)}
}

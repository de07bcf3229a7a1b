package exec

// The statements that send a message or raise an error: PRINT, RAISERROR
// (with its severity rules and printf-style arguments) and THROW.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

func (s *Session) runPrint(ctx context.Context, st *ast.PrintStmt, out Output) error {
	vt, err := s.evalScalar(ctx, st.X)
	if err != nil {
		return err
	}
	text := ""
	if !vt.v.IsNull() {
		if text, err = asText(vt.v); err != nil {
			return err
		}
	}
	if err := out.Message(&Error{Number: 0, Severity: 0, State: 1, Message: text, Line: s.lineOf(st), Proc: s.messageProc()}); err != nil {
		return err
	}
	// Like every statement, PRINT ends with a DONE (message-queue clients
	// order messages and results by it).
	return s.done(out, CmdNone, 0, false)
}

func (s *Session) runRaiserror(ctx context.Context, st *ast.RaiserrorStmt, out Output) error {
	vs, err := s.evalScalars(ctx, st.Message, st.Severity, st.State)
	if err != nil {
		return err
	}
	msgV, sevV, stateV := vs[0], vs[1], vs[2]
	num := int32(50000)
	text := ""
	sev, state := sevV.v.Int64(), stateV.v.Int64()
	sm, known := s.lookupMessage(int32(msgV.v.Int64())) // messages.go
	if msgV.t.ID.IsInteger() && !known {
		num = int32(msgV.v.Int64())
		text = fmt.Sprintf("Error %d, severity %d, state %d was raised, but no message with that error number was found in sys.messages. If error is larger than 50000, make sure the user-defined message is added using sp_addmessage.", num, sevV.v.Int64(), stateV.v.Int64())
	} else {
		text = msgV.v.Str()
		if msgV.t.ID.IsInteger() {
			num, text = int32(msgV.v.Int64()), sm.text
			if sev < 0 {
				sev = int64(sm.severity)
			}
		}
		args := make([]types.Value, len(st.Args))
		for i, a := range st.Args {
			vt, err := s.evalScalar(ctx, a)
			if err != nil {
				return err
			}
			args[i] = vt.v
		}
		text = formatMessage(text, args)
	}
	if state < 0 {
		state = 1
	}
	sev, err = s.raiserrorSeverity(st, sev)
	if err != nil {
		return err
	}
	e := &Error{Number: num, Severity: uint8(sev), State: uint8(min(state, 255)), Message: text, Line: s.lineOf(st)}
	if sev <= 10 {
		e.Proc = s.messageProc() // an error gets it from withLine
		return out.Message(e)
	}
	return e
}

// raiserrorSeverity applies SQL Server's rules for RAISERROR's severity
// (Microsoft's RAISERROR page): below 0 is 0 and above 25 is 25; 19 through
// 25 need WITH LOG and a sysadmin or a holder of ALTER TRACE (2754), and so
// does WITH LOG itself (2778). Without them any login could end its own
// connection (severity 20 and up is fatal) — or, as a wrapped uint8, pick
// any class at all.
func (s *Session) raiserrorSeverity(st *ast.RaiserrorStmt, sev int64) (int64, error) {
	sev = min(max(sev, 0), 25)
	withLog := slices.Contains(st.Options, "LOG")
	allowed := s.Sysadmin() || s.HasServerPermission("ALTER TRACE")
	if sev > 18 && (!withLog || !allowed) {
		return 0, &Error{Number: 2754, Severity: 16, State: 1, Line: s.lineOf(st),
			Message: "Error severity levels greater than 18 can only be specified by members of the sysadmin role, using the WITH LOG option."}
	}
	if withLog && !allowed {
		return 0, &Error{Number: 2778, Severity: 16, State: 1, Line: s.lineOf(st),
			Message: "Only System Administrator can specify WITH LOG option for RAISERROR command."}
	}
	return sev, nil
}

// formatMessage substitutes RAISERROR's printf-style arguments (%s, %d, %i,
// %u, %x, %o, with optional width and precision).
func formatMessage(f string, args []types.Value) string {
	var b strings.Builder
	ai := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 >= len(f) {
			b.WriteByte(f[i])
			continue
		}
		if f[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("-+ #0123456789.*lhI", f[j]) >= 0 {
			j++
		}
		if j >= len(f) {
			b.WriteString(f[i:])
			break
		}
		spec := f[i+1 : j]
		verb := f[j]
		i = j
		if ai >= len(args) {
			b.WriteString("(null)")
			continue
		}
		a := args[ai]
		ai++
		spec = strings.NewReplacer("l", "", "h", "", "I64", "").Replace(spec)
		switch verb {
		case 's':
			txt, _ := asText(a)
			if a.IsNull() {
				txt = "(null)"
			}
			b.WriteString(fmt.Sprintf("%"+spec+"s", txt))
		case 'd', 'i', 'u':
			b.WriteString(fmt.Sprintf("%"+spec+"d", a.Int64()))
		case 'x', 'X', 'o':
			b.WriteString(fmt.Sprintf("%"+spec+string(verb), a.Int64()))
		default:
			b.WriteString("%" + spec + string(verb))
		}
	}
	return b.String()
}

func (s *Session) runThrow(ctx context.Context, st *ast.ThrowStmt) error {
	if st.Number == nil {
		// THROW without arguments re-raises the error being handled.
		for b := s.batch; b != nil; b = b.parent {
			if ce := b.caught; ce != nil {
				return &Error{Number: ce.number, Severity: ce.severity, State: ce.state, Message: ce.message, Line: ce.line, Proc: ce.proc, Abort: AbortBatch}
			}
		}
		return &Error{Number: 10704, Severity: 15, State: 1, Message: "To rethrow an error, a THROW statement must be used inside a CATCH block. Insert the THROW statement inside a CATCH block, or add error parameters to the THROW statement.", Abort: AbortBatch}
	}
	vs, err := s.evalScalars(ctx, st.Number, st.Message, st.State)
	if err != nil {
		return err
	}
	n, m, stt := vs[0], vs[1], vs[2]
	if n.v.Int64() < 50000 {
		return &Error{Number: 35100, Severity: 16, State: 10, Message: "Error number " + n.v.String() + " in the THROW statement is outside the valid range. Specify an error number in the valid range of 50000 to 2147483647."}
	}
	return &Error{Number: int32(n.v.Int64()), Severity: 16, State: uint8(stt.v.Int64()), Message: m.v.Str(), Line: s.lineOf(st), Abort: AbortBatch}
}

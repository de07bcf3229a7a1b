package exec

// The statements that send a message or raise an error: PRINT, RAISERROR
// (with its severity rules and printf-style arguments) and THROW.

import (
	"context"
	"fmt"
	"slices"
	"strconv"
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
	if msgV.t.ID.IsInteger() && (msgV.v.Int64() < 13000 || msgV.v.Int64() == 50000) {
		return &Error{Number: 2732, Severity: 16, State: 1, Line: s.lineOf(st),
			Message: fmt.Sprintf("Error number %d is invalid. The number must be from 13000 through 2147483647 and it cannot be 50000.", msgV.v.Int64())}
	}
	if msgV.t.ID.IsInteger() && !known {
		// A number sp_addmessage did not add raises 18054, which names it.
		num = 18054
		text = fmt.Sprintf("Error %d, severity %d, state %d was raised, but no message with that error number was found in sys.messages. If error is larger than 50000, make sure the user-defined message is added using sp_addmessage.", msgV.v.Int64(), sevV.v.Int64(), stateV.v.Int64())
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
		if err := out.Message(e); err != nil {
			return err
		}
		if raiseSetsError(st) {
			s.errNum = num // runStatement keeps it (SETERROR)
		}
		return nil
	}
	return e
}

// raiseSetsError reports RAISERROR … WITH SETERROR, which sets @@ERROR to
// the message's number whatever its severity; without it a severity of 10
// or less leaves @@ERROR at 0.
func raiseSetsError(st ast.Statement) bool {
	r, ok := st.(*ast.RaiserrorStmt)
	return ok && slices.Contains(r.Options, "SETERROR")
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

// formatMessage substitutes RAISERROR's and FORMATMESSAGE's printf-style
// arguments: % [flag] [width] [.precision] [h | l | I64] type, with the
// flags - + 0 # and space, * taking a width or precision from the next
// argument, and the types d i o s u x X (the RAISERROR page). u, o, x and X
// print an int's 32 bits unsigned (I64 a bigint's 64), as C's printf does;
// a NULL or missing argument prints (null).
func formatMessage(f string, args []types.Value) string {
	var b strings.Builder
	ai := 0
	next := func() (types.Value, bool) {
		if ai >= len(args) {
			return types.Value{}, false
		}
		ai++
		return args[ai-1], true
	}
	// star takes a width or precision from the next argument.
	star := func() string {
		a, ok := next()
		if !ok || a.IsNull() {
			return ""
		}
		return strconv.FormatInt(argInt64(a), 10)
	}
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
		start, j := i, i+1
		var spec strings.Builder
		for j < len(f) && strings.IndexByte("-+ #0", f[j]) >= 0 {
			spec.WriteByte(f[j])
			j++
		}
		if j < len(f) && f[j] == '*' {
			spec.WriteString(star())
			j++
		}
		for j < len(f) && f[j] >= '0' && f[j] <= '9' {
			spec.WriteByte(f[j])
			j++
		}
		if j < len(f) && f[j] == '.' {
			spec.WriteByte('.')
			j++
			if j < len(f) && f[j] == '*' {
				spec.WriteString(star())
				j++
			}
			for j < len(f) && f[j] >= '0' && f[j] <= '9' {
				spec.WriteByte(f[j])
				j++
			}
		}
		wide := false
		switch {
		case j < len(f) && (f[j] == 'h' || f[j] == 'l'):
			j++
		case strings.HasPrefix(f[j:], "I64"):
			wide = true
			j += 3
		}
		if j >= len(f) {
			b.WriteString(f[i:])
			break
		}
		verb := f[j]
		i = j
		if strings.IndexByte("diosuxX", verb) < 0 {
			b.WriteString(f[start : j+1])
			continue
		}
		a, ok := next()
		if !ok || a.IsNull() {
			b.WriteString(fmt.Sprintf("%"+strings.TrimLeft(spec.String(), "+ #0")+"s", "(null)"))
			continue
		}
		switch verb {
		case 's':
			txt, _ := asText(a)
			b.WriteString(fmt.Sprintf("%"+spec.String()+"s", txt))
		case 'd', 'i':
			b.WriteString(fmt.Sprintf("%"+spec.String()+"d", argInt64(a)))
		default: // u o x X: unsigned
			n := argInt64(a)
			var u uint64
			if wide {
				u = uint64(n)
			} else {
				u = uint64(uint32(n))
			}
			if verb == 'u' {
				verb = 'd'
			}
			b.WriteString(fmt.Sprintf("%"+spec.String()+string(verb), u))
		}
	}
	return b.String()
}

// argInt64 is a substitution argument as an integer: a numeric literal such
// as 3000000000 (FORMATMESSAGE's %I64d example) is a decimal, not a bigint.
func argInt64(a types.Value) int64 {
	if a.TypeID().IsInteger() {
		return a.Int64()
	}
	if v, err := types.Convert(a, types.TypeBigInt, 0); err == nil {
		return v.Int64()
	}
	return 0
}

func (s *Session) runThrow(ctx context.Context, st *ast.ThrowStmt) error {
	if st.Number == nil {
		// THROW without arguments re-raises the error being handled.
		for b := s.batch; b != nil; b = b.parent {
			if ce := b.caught; ce != nil {
				return &Error{Number: ce.number, Severity: ce.severity, State: ce.state, Message: ce.message, Line: ce.line, Proc: ce.proc, procSchema: ce.procSchema, Abort: AbortBatch}
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

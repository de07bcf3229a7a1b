package exec

import (
	"errors"
	"slices"
	"unicode/utf16"

	"github.com/mirrorsql/mirrorsql/tsql"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// A module's source text. SQL Server keeps the batch that created a view,
// procedure, function or trigger as its definition (sys.sql_modules,
// OBJECT_DEFINITION, sp_helptext): comments before CREATE and after the
// body included, the user's layout untouched. ALTER is stored as CREATE (the
// keyword replaced by upper-case CREATE), CREATE OR ALTER as CREATE (the
// words OR and ALTER removed, what lies between them kept), so the text
// always re-creates the object; sp_rename leaves it alone. Lines of errors
// raised inside the module count from the first line of that text, that is
// of the batch: the module's statements are re-parsed from it when it runs,
// so their positions are positions in it.

// moduleDefinition is the definition to store for the module st creates
// or alters: the batch text around st when st came from it, st's canonical
// form otherwise (a statement built without positions).
func (s *Session) moduleDefinition(st ast.Statement) string {
	if b := s.batch; b != nil && st.Pos().IsValid() && st.End().IsValid() {
		if from, to := st.Pos().Offset(), st.End().Offset(); 0 <= from && from < to && to <= len(b.text) {
			return definitionText(b.text, from, to, b.qiOff)
		}
	}
	text := st.SQL()
	return definitionText(text, 0, len(text), false)
}

// definitionText is the stored definition of the module whose CREATE or
// ALTER statement spans text[from:to]. It starts at the start of the text
// when only comments, blanks and semicolons come before the statement (the
// batch rule makes CREATE first; CREATE SCHEMA's elements are the
// exception) and runs to the end of the text when nothing but those
// follows it, else to the next statement. qiOff is the QUOTED_IDENTIFIER
// the text was read under.
func definitionText(text string, from, to int, qiOff bool) string {
	toks, err := tsql.TokenizeOptions(text, tsql.ParseOptions{QuotedIdentifierOff: qiOff})
	if err != nil { // the statement parsed, so this is not expected
		return text[from:to]
	}
	start, end := 0, len(text)
	var head []tsql.Token // the statement's first three tokens
	for _, t := range toks {
		off := t.Pos.Offset()
		switch {
		case t.Kind == token.EOF:
		case off < from:
			if t.Kind != token.SEMICOLON {
				start = from
			}
		case off >= to:
			if t.Kind != token.SEMICOLON && end == len(text) {
				end = off
			}
		case len(head) < 3:
			head = append(head, t)
		}
	}
	def := []byte(text[start:end])
	rel := func(p token.Pos) int { return p.Offset() - start }
	switch {
	case len(head) >= 3 && head[0].Kind == token.CREATE && head[1].Kind == token.OR && head[2].Kind == token.ALTER:
		// Cut ALTER first so that OR's offsets stay valid.
		def = slices.Delete(def, rel(head[2].Pos), rel(head[2].End))
		def = slices.Delete(def, rel(head[1].Pos), rel(head[1].End))
	case len(head) >= 1 && head[0].Kind == token.ALTER:
		def = slices.Replace(def, rel(head[0].Pos), rel(head[0].End), []byte("CREATE")...)
	}
	return string(def)
}

// helpTextWidth and helpTextChunk are sp_helptext's row width and the size
// of the sys.syscomments rows it reads the definition from, in characters
// (UTF-16 code units, as nvarchar counts them).
const (
	helpTextWidth = 255
	helpTextChunk = 4000
)

// helpTextRows splits a definition into sp_helptext's rows as SQL Server's
// procedure does: the definition is read in 4,000-character pieces; a line
// ends after CR LF (a lone LF does not end one) and keeps its line break; a
// line longer than 255 characters continues on further rows. A piece that
// ends inside a line carries the line over to the next piece with its
// trailing blanks reduced to one (LEN ignores them), which is why long
// definitions sometimes come back with a line broken or a blank lost.
func helpTextRows(def string) []string {
	var rows []string
	var line []uint16
	pending, blank := false, 0
	emit := func(r []uint16) {
		rows = append(rows, string(utf16.Decode(r)))
		line, pending = nil, false
	}
	join := func(tail []uint16) []uint16 { // @Line + tail, an nvarchar(255)
		r := append(append([]uint16(nil), line...), tail...)
		return r[:min(len(r), helpTextWidth)]
	}
	all := utf16.Encode([]rune(def))
	for c := 0; c < len(all); c += helpTextChunk {
		text := all[c:min(c+helpTextChunk, len(all))]
		n := lenTrimmed(text)
		base := 0
		for {
			if cr := indexCRLF(text, base); cr >= 0 {
				for lenTrimmed(line)+blank+cr-base+2 > helpTextWidth {
					add := helpTextWidth - (lenTrimmed(line) + blank)
					emit(join(text[base : base+add]))
					base += add
					blank = 0
				}
				emit(join(text[base : cr+2]))
				base = cr + 2
				continue
			}
			if base < n {
				for lenTrimmed(line)+blank+n-base > helpTextWidth {
					add := helpTextWidth - (lenTrimmed(line) + blank)
					emit(join(text[base : base+add]))
					base += add
					blank = 0
				}
				line, pending = join(text[base:n]), true
				if lenTrimmed(line) < helpTextWidth && n < len(text) {
					line, blank = append(line, ' '), 1
				}
			}
			break
		}
	}
	if pending {
		emit(line)
	}
	return rows
}

// lenTrimmed is LEN: the length without trailing blanks.
func lenTrimmed(u []uint16) int {
	n := len(u)
	for n > 0 && u[n-1] == ' ' {
		n--
	}
	return n
}

// indexCRLF is the index of the first CR LF at or after from, or -1.
func indexCRLF(u []uint16, from int) int {
	for i := from; i+1 < len(u); i++ {
		if u[i] == '\r' && u[i+1] == '\n' {
			return i
		}
	}
	return -1
}

// encrypted reports WITH ENCRYPTION among a module's options.
func encrypted(opts []string) bool { return slices.Contains(opts, "ENCRYPTION") }

// moduleError gives an error raised by statement st of a function or
// trigger body the line of st in the module's text and the module's name,
// unless it already has them: such bodies return errors to the statement
// that called them (runFuncStmt), which would otherwise report its own
// line, as an error of the calling batch. Errors that are not SQL Server's
// (control flow, cancellation) pass unchanged.
func (s *Session) moduleError(err error, st ast.Node) error {
	if err == nil || errors.Is(err, errCaught) || errors.Is(err, errBatchAborted) {
		return err
	}
	var se interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if !errors.As(err, &se) {
		return err
	}
	return s.withLine(err, st)
}

// atName gives a name-binding error (207 invalid column, 209 ambiguous
// column, 4104 multi-part identifier not bound) the line of the name it is
// about, as SQL Server's binder reports it: in
//
//	SELECT c.CustomerID
//	FROM Customers AS c
//	JOIN Orders AS ord ON c.CustomerID = o.CustomerID
//
// 4104 names Line 3, not the statement's first line, which other errors
// report. Names of a view being expanded are positions in the view's text,
// not in the batch, so they keep the statement's line.
func (c *compiler) atName(err error, n ast.Node) error {
	var e *Error
	if !errors.As(err, &e) || e.Line != 0 || !n.Pos().IsValid() || len(c.s.viewStack) > 0 || c.s.batch == nil {
		return err
	}
	switch e.Number {
	case 207, 209, 4104:
		e.Line = c.s.lineOf(n)
	}
	return err
}

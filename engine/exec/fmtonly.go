package exec

// fmtOnlyOutput implements SET FMTONLY ON for a batch: result sets keep their
// COLMETADATA (Columns) and DONE, their rows are dropped. The flag is read
// per row, so `SET FMTONLY ON; SELECT …; SET FMTONLY OFF` in one batch
// works as bulk-copy clients (go-mssqldb CopyIn) send it. Statements that
// modify data do not run at all (execStatement).
type fmtOnlyOutput struct {
	Output
	s *Session
}

// Row drops r while FMTONLY is on.
func (o fmtOnlyOutput) Row(r Row) error {
	if o.s.Opts.FmtOnly {
		return nil
	}
	return o.Output.Row(r)
}

// hasFmtOnly reports whether a batch may turn FMTONLY on (so batches that
// cannot are not wrapped: the row path stays one interface call).
func hasFmtOnly(text string) bool {
	for i := 0; i+7 <= len(text); i++ {
		if c := text[i]; (c == 'f' || c == 'F') && equalFoldASCII(text[i:i+7], "fmtonly") {
			return true
		}
	}
	return false
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

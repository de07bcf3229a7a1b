package exec

import "testing"

// TestOptionFlagConstants: the bits the statement and commit paths read as
// constants are the ones SET and @@OPTIONS use (optionBit).
func TestOptionFlagConstants(t *testing.T) {
	for name, bit := range map[string]int32{
		"CURSOR_CLOSE_ON_COMMIT": cursorCloseOnCommitFlag,
		"ANSI_WARNINGS":          ansiWarningsFlag,
		"ARITHABORT":             arithAbortFlag,
		"ARITHIGNORE":            arithIgnoreFlag,
	} {
		if optionBit[name] != bit {
			t.Errorf("%s: constant %d, optionBit %d", name, bit, optionBit[name])
		}
	}
}

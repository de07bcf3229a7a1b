package token

import "fmt"

// Pos is a byte offset into the batch text, plus one; the zero Pos (NoPos)
// means "no position". Pos values are cheap to store in every AST node; turn
// them into lines and columns with a File.
type Pos int32

// NoPos is the zero Pos.
const NoPos Pos = 0

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p != NoPos }

// Offset returns the 0-based byte offset of p.
func (p Pos) Offset() int { return int(p) - 1 }

// PosAt returns the Pos of the 0-based byte offset off.
func PosAt(off int) Pos { return Pos(off + 1) }

// Position is a human-readable source position: 1-based line and column
// (column counted in bytes).
type Position struct {
	Line, Col int
}

// String formats the position as "line:col".
func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// File maps positions of one batch text to lines and columns. Line breaks
// are '\n'; "\r\n" counts once.
type File struct {
	lines []int // byte offset of the start of each line
}

// NewFile scans text for line starts.
func NewFile(text string) *File {
	f := &File{lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// Position returns the line and column of p (Line 0 for NoPos).
func (f *File) Position(p Pos) Position {
	if !p.IsValid() {
		return Position{}
	}
	off := p.Offset()
	lo, hi := 0, len(f.lines)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if f.lines[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return Position{Line: lo + 1, Col: off - f.lines[lo] + 1}
}

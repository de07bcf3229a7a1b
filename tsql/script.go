package tsql

import (
	"strconv"
	"strings"
)

// Batch is one batch of a script split on GO lines.
type Batch struct {
	Text   string // the batch text, without the GO line
	Line   int    // 1-based line of the script where Text starts
	Repeat int    // GO n: run the batch n times (1 when GO has no count)
}

// SplitScript splits a script the way sqlcmd and SSMS do: a line holding
// only GO (any case), optionally followed by a repeat count and a --
// comment, ends a batch. GO inside a string, a quoted identifier or a
// comment is text. Batches that are empty or only white space and comments
// are still returned when a GO ends them, so line numbers stay meaningful;
// a trailing batch without GO is returned if it is not blank.
//
// This is a client-side tool for tests and command-line tools; the server
// never splits on GO (a batch containing it is a syntax error there).
func SplitScript(text string) []Batch {
	var out []Batch
	start, startLine, line := 0, 1, 1
	var quote byte // ', ", ] while inside a string or delimited identifier
	depth := 0     // block comment nesting
	for i := 0; i <= len(text); {
		atLineStart := i == 0 || text[i-1] == '\n'
		if atLineStart && quote == 0 && depth == 0 {
			end := strings.IndexByte(text[i:], '\n')
			lineEnd := len(text)
			if end >= 0 {
				lineEnd = i + end
			}
			if n, ok := goLine(text[i:lineEnd]); ok {
				out = append(out, Batch{Text: text[start:i], Line: startLine, Repeat: n})
				if end < 0 {
					return out
				}
				i = lineEnd + 1
				line++
				start, startLine = i, line
				continue
			}
		}
		if i == len(text) {
			break
		}
		c := text[i]
		switch {
		case c == '\n':
			line++
			i++
		case quote != 0:
			if c == quote {
				if i+1 < len(text) && text[i+1] == quote {
					i += 2
					continue
				}
				quote = 0
			}
			i++
		case depth > 0:
			if strings.HasPrefix(text[i:], "/*") {
				depth++
				i += 2
			} else if strings.HasPrefix(text[i:], "*/") {
				depth--
				i += 2
			} else {
				i++
			}
		case c == '\'' || c == '"':
			quote = c
			i++
		case c == '[':
			quote = ']'
			i++
		case strings.HasPrefix(text[i:], "/*"):
			depth = 1
			i += 2
		case strings.HasPrefix(text[i:], "--"):
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				i = len(text)
			} else {
				i += j
			}
		default:
			i++
		}
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, Batch{Text: text[start:], Line: startLine, Repeat: 1})
	}
	return out
}

// goLine reports whether line is "GO [count] [-- comment]" and the count.
func goLine(line string) (int, bool) {
	s := strings.TrimSpace(strings.TrimSuffix(line, "\r"))
	if len(s) < 2 || !strings.EqualFold(s[:2], "GO") {
		return 0, false
	}
	s = s[2:]
	if i := strings.Index(s, "--"); i >= 0 {
		s = s[:i]
	}
	if s != "" && s[0] != ' ' && s[0] != '\t' {
		return 0, false
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 1, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}

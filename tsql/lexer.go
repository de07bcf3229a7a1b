package tsql

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// Token is one lexical token of a batch.
type Token struct {
	Kind token.Kind
	Pos  token.Pos // first byte
	End  token.Pos // just after the last byte
	// Text is the source text of the token (a substring of the batch).
	Text string
	// Value is the token's meaning: the name of an identifier without
	// brackets or quotes and with escapes resolved; the content of a string
	// with doubled quotes resolved; for other tokens it equals Text.
	Value string
	// Quoted reports an identifier written as [..] or "..".
	Quoted bool
}

// lexError is a lexical error found while scanning; the parser reports it
// when it reaches the ILLEGAL token that carries it.
type lexError struct {
	number int32
	msg    string
}

// lexer scans a batch. It never fails: a malformed token becomes an
// ILLEGAL token, with a lexError for unclosed strings, identifiers and
// comments and over-long identifiers.
type lexer struct {
	src  string
	off  int
	prev token.Kind
	errs map[token.Pos]*lexError
	// quotedOff is SET QUOTED_IDENTIFIER OFF: "…" is a string literal,
	// not an identifier ([…] always is one).
	quotedOff bool
}

func isIdentStart(r rune) bool {
	return r == '_' || r == '#' || r == '@' || unicode.IsLetter(r)
}

func isIdentPart(r rune) bool {
	return r == '_' || r == '#' || r == '@' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (l *lexer) fail(pos token.Pos, number int32, msg string) {
	if l.errs == nil {
		l.errs = map[token.Pos]*lexError{}
	}
	l.errs[pos] = &lexError{number, msg}
}

// skip skips white space and comments. It returns false (and records an
// error at the comment) for an unterminated block comment.
func (l *lexer) skip() bool {
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			l.off++
		case c == '-' && strings.HasPrefix(l.src[l.off:], "--"):
			i := strings.IndexByte(l.src[l.off:], '\n')
			if i < 0 {
				l.off = len(l.src)
			} else {
				l.off += i + 1
			}
		case c == '/' && strings.HasPrefix(l.src[l.off:], "/*"):
			start := l.off
			depth := 0
			for l.off < len(l.src) {
				if strings.HasPrefix(l.src[l.off:], "/*") {
					depth++
					l.off += 2
				} else if strings.HasPrefix(l.src[l.off:], "*/") {
					depth--
					l.off += 2
					if depth == 0 {
						break
					}
				} else {
					l.off++
				}
			}
			if depth > 0 {
				l.off = start
				return false
			}
		case c >= 0x80:
			r, n := utf8.DecodeRuneInString(l.src[l.off:])
			if !unicode.IsSpace(r) && r != '\uFEFF' { // a byte order mark counts as space
				return true
			}
			l.off += n
		default:
			return true
		}
	}
	return true
}

// next scans the next token.
func (l *lexer) next() Token {
	if !l.skip() {
		pos := token.PosAt(l.off)
		l.fail(pos, ErrMissingEndComment, "Missing end comment mark '*/'.")
		t := Token{Kind: token.ILLEGAL, Pos: pos, End: token.PosAt(len(l.src)), Text: l.src[l.off:]}
		t.Value = t.Text
		l.off = len(l.src)
		return t
	}
	start := l.off
	t := Token{Pos: token.PosAt(start)}
	if l.off >= len(l.src) {
		t.Kind = token.EOF
		t.End = t.Pos
		return t
	}
	c := l.src[l.off]
	switch {
	case c == '\'':
		l.str(&t, start, start+1, '\'')
	case (c == 'N' || c == 'n') && l.off+1 < len(l.src) && l.src[l.off+1] == '\'':
		l.str(&t, start, start+2, '\'')
		if t.Kind == token.STRING {
			t.Kind = token.NSTRING
		}
	case c == '[':
		l.delimited(&t, start, ']')
	case c == '"' && l.quotedOff:
		l.str(&t, start, start+1, '"')
	case c == '"':
		l.delimited(&t, start, '"')
	case c == '0' && l.off+1 < len(l.src) && (l.src[l.off+1] == 'x' || l.src[l.off+1] == 'X'):
		l.off += 2
		for l.off < len(l.src) && isHex(l.src[l.off]) {
			l.off++
		}
		t.Kind = token.BINARY
		t.Text = l.src[start:l.off]
		t.Value = t.Text[2:]
	case c >= '0' && c <= '9' || c == '.' && l.off+1 < len(l.src) && isDigit(l.src[l.off+1]) && l.prev != token.IDENT && l.prev != token.RPAREN:
		l.number(&t, start)
	case c == '$' && isMoneyStart(l.src[l.off+1:]):
		l.off++
		if l.src[l.off] == '-' || l.src[l.off] == '+' {
			l.off++
		}
		l.number(&t, l.off)
		t.Kind = token.MONEY
		t.Text = l.src[start:l.off]
		t.Value = strings.TrimPrefix(t.Text[1:], "+")
	default:
		r, n := utf8.DecodeRuneInString(l.src[l.off:])
		if c == '$' && l.off+1 < len(l.src) {
			// $action, $identity, $rowguid: pseudo-columns.
			if r2, _ := utf8.DecodeRuneInString(l.src[l.off+1:]); unicode.IsLetter(r2) {
				r = r2
			}
		}
		if isIdentStart(r) {
			l.off += n
			for l.off < len(l.src) {
				r, n := utf8.DecodeRuneInString(l.src[l.off:])
				if !isIdentPart(r) {
					break
				}
				l.off += n
			}
			t.Text = l.src[start:l.off]
			t.Value = t.Text
			switch {
			case strings.HasPrefix(t.Text, "@@"):
				t.Kind = token.SYSVAR
			case c == '@':
				t.Kind = token.VARIABLE
			case c == '#':
				t.Kind = token.IDENT
			default:
				t.Kind = token.Lookup(t.Text)
			}
			l.checkLength(&t)
		} else {
			l.operator(&t, start)
		}
	}
	t.End = token.PosAt(l.off)
	l.prev = t.Kind
	return t
}

// isMoneyStart reports whether s (the text after '$') starts a money
// amount: [+|-] then a digit, or a point and a digit.
func isMoneyStart(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return s != "" && (isDigit(s[0]) || len(s) > 1 && s[0] == '.' && isDigit(s[1]))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (l *lexer) checkLength(t *Token) {
	if utf8.RuneCountInString(t.Value) > maxIdentifierLength {
		prefix := t.Value
		if i := runeOffset(prefix, maxIdentifierLength); i >= 0 {
			prefix = prefix[:i]
		}
		l.fail(t.Pos, ErrIdentifierTooLong, "The identifier that starts with '"+prefix+"' is too long. Maximum length is 128.")
		t.Kind = token.ILLEGAL
	}
}

// runeOffset returns the byte offset of the n-th rune of s, or -1.
func runeOffset(s string, n int) int {
	i := 0
	for off := range s {
		if i == n {
			return off
		}
		i++
	}
	return -1
}

// str scans a string quoted by q (' or, under QUOTED_IDENTIFIER OFF, ")
// whose content starts at body (a doubled quote escapes a quote).
func (l *lexer) str(t *Token, start, body int, q byte) {
	var b strings.Builder
	escaped := false
	i := body
	for {
		j := strings.IndexByte(l.src[i:], q)
		if j < 0 {
			content := l.src[body:]
			if escaped {
				content = strings.ReplaceAll(content, string([]byte{q, q}), string(q))
			}
			l.fail(t.Pos, ErrUnclosedQuote, "Unclosed quotation mark after the character string '"+content+"'.")
			l.off = len(l.src)
			t.Kind, t.Text, t.Value = token.ILLEGAL, l.src[start:], content
			return
		}
		i += j
		if i+1 < len(l.src) && l.src[i+1] == q {
			b.WriteString(l.src[body:i])
			escaped = true
			b.WriteByte(q)
			i += 2
			body = i
			continue
		}
		break
	}
	l.off = i + 1
	t.Kind = token.STRING
	t.Text = l.src[start:l.off]
	if escaped {
		b.WriteString(l.src[body:i])
		t.Value = b.String()
	} else {
		t.Value = l.src[body:i]
	}
}

// delimited scans [ident] or "ident"; a doubled closing character escapes
// it.
func (l *lexer) delimited(t *Token, start int, close byte) {
	body := start + 1
	i := body
	var b strings.Builder
	escaped := false
	for {
		j := strings.IndexByte(l.src[i:], close)
		if j < 0 {
			content := l.src[body:]
			l.fail(t.Pos, ErrUnclosedQuote, "Unclosed quotation mark after the character string '"+content+"'.")
			l.off = len(l.src)
			t.Kind, t.Text, t.Value = token.ILLEGAL, l.src[start:], content
			return
		}
		i += j
		if i+1 < len(l.src) && l.src[i+1] == close {
			b.WriteString(l.src[body : i+1])
			escaped = true
			i += 2
			body = i
			continue
		}
		break
	}
	l.off = i + 1
	t.Kind = token.IDENT
	t.Quoted = true
	if i == start+1 {
		t.Kind, t.Text, t.Value = token.ILLEGAL, l.src[start:l.off], ""
		l.fail(t.Pos, ErrEmptyName, emptyNameMessage)
		return
	}
	t.Text = l.src[start:l.off]
	if escaped {
		b.WriteString(l.src[body:i])
		t.Value = b.String()
	} else {
		t.Value = l.src[body:i]
	}
	l.checkLength(t)
}

// number scans digits [. digits] [E [+-] digits] from l.off; Text starts
// at start.
func (l *lexer) number(t *Token, start int) {
	kind := token.INT
	for l.off < len(l.src) && isDigit(l.src[l.off]) {
		l.off++
	}
	if l.off < len(l.src) && l.src[l.off] == '.' {
		kind = token.DECIMAL
		l.off++
		for l.off < len(l.src) && isDigit(l.src[l.off]) {
			l.off++
		}
	}
	if l.off < len(l.src) && (l.src[l.off] == 'e' || l.src[l.off] == 'E') {
		kind = token.FLOAT
		l.off++
		if l.off < len(l.src) && (l.src[l.off] == '+' || l.src[l.off] == '-') {
			l.off++
		}
		for l.off < len(l.src) && isDigit(l.src[l.off]) {
			l.off++
		}
	}
	t.Kind = kind
	t.Text = l.src[start:l.off]
	t.Value = t.Text
}

var twoCharOps = map[string]token.Kind{
	"<>": token.NE, "!=": token.NE, "<=": token.LE, ">=": token.GE, "!<": token.NLT,
	"!>": token.NGT, "+=": token.PLUSEQ, "-=": token.MINUSEQ, "*=": token.STAREQ,
	"/=": token.SLASHEQ, "%=": token.PERCENTEQ, "&=": token.AMPEQ, "|=": token.PIPEEQ,
	"^=": token.CARETEQ, "::": token.COLONCOLON, "<<": token.SHL, ">>": token.SHR,
}

var oneCharOps = [128]token.Kind{
	'+': token.PLUS, '-': token.MINUS, '*': token.STAR, '/': token.SLASH,
	'%': token.PERCENTOP, '&': token.AMP, '|': token.PIPE, '^': token.CARET,
	'~': token.TILDE, '=': token.EQ, '<': token.LT, '>': token.GT,
	'(': token.LPAREN, ')': token.RPAREN, ',': token.COMMA, '.': token.DOT,
	';': token.SEMICOLON, ':': token.COLON,
}

func (l *lexer) operator(t *Token, start int) {
	if l.off+1 < len(l.src) {
		if k, ok := twoCharOps[l.src[l.off:l.off+2]]; ok {
			l.off += 2
			t.Kind, t.Text = k, l.src[start:l.off]
			t.Value = t.Text
			return
		}
	}
	c := l.src[l.off]
	if c < 128 && oneCharOps[c] != token.ILLEGAL {
		l.off++
		t.Kind, t.Text = oneCharOps[c], l.src[start:l.off]
		t.Value = t.Text
		return
	}
	_, n := utf8.DecodeRuneInString(l.src[l.off:])
	l.off += n
	t.Kind, t.Text = token.ILLEGAL, l.src[start:l.off]
	t.Value = t.Text
}

// Tokenize splits text into tokens, ending with an EOF token. It reports
// the first lexical error (unclosed quote or comment, identifier too
// long); the tokens up to it are returned as well.
func Tokenize(text string) ([]Token, error) {
	return TokenizeOptions(text, ParseOptions{})
}

// TokenizeOptions is Tokenize reading the text under opts (a SET
// QUOTED_IDENTIFIER in the text changes nothing here).
func TokenizeOptions(text string, opts ParseOptions) ([]Token, error) {
	l := lexer{src: text, quotedOff: opts.QuotedIdentifierOff}
	var toks []Token
	var file *token.File
	for {
		t := l.next()
		toks = append(toks, t)
		if t.Kind == token.ILLEGAL {
			if e := l.errs[t.Pos]; e != nil {
				if file == nil {
					file = token.NewFile(text)
				}
				return toks, newError(file, t.Pos, e.number, e.msg, "")
			}
		}
		if t.Kind == token.EOF {
			return toks, nil
		}
	}
}

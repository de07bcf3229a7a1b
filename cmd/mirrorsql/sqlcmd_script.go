package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql"
)

// batchRunner runs one batch (text between GO separators) and prints its
// results. connRunner implements it over go-mssqldb; tests use a fake.
type batchRunner interface {
	RunBatch(ctx context.Context, text string) batchResult
}

// batchResult is what the script processor needs to know about a batch run.
type batchResult struct {
	MaxSeverity uint8  // highest severity (class) of the errors the server sent; 0 if none
	ExitCode    int    // > 0: RAISERROR … WITH state 127 asked sqlcmd to exit with this code
	First       string // first column of the first row, as printed (for :exit(query))
	HasFirst    bool   // First is set
	Fatal       error  // the connection failed; sqlcmd stops with exit code 1
}

// maxIncludeDepth bounds :r nesting (a file that includes itself).
const maxIncludeDepth = 32

// processor is sqlcmd's script processor. It reads input line by line; a line
// outside a string, quoted identifier or block comment may be a command:
// GO [n] (tsql.SplitScript's rule), :setvar, :r, :on error, :reset, :listvar,
// :quit, :exit[(query)], or bare quit/exit. Other lines have $(var) replaced
// and are appended to the batch buffer. Not safe for concurrent use.
type processor struct {
	runner      batchRunner
	out         io.Writer // echo, :listvar, prompts
	errOut      io.Writer // "Sqlcmd: Error" messages (out, or stderr with -r)
	vars        *sqlcmdVars
	exitOnError bool // -b or :on error exit
	echo        bool // -e: print each batch before running it
	prompt      bool // print "1> " prompts (interactive standard input)
	// open opens :r and -i files (os.Open; tests replace it).
	open func(name string) (io.ReadCloser, error)
	// connect replaces the connection for :CONNECT (sqlcmd.go); it prints
	// why it failed and reports whether it succeeded. nil: not available.
	connect func(ctx context.Context, to connectArgs) bool

	buf      strings.Builder
	scan     scanState
	bufLines int
	badBatch bool // a line of the buffer had an undefined variable: skip it
	exitCode int
	done     bool // :quit, :exit or an error under -b: stop reading
}

func newProcessor(r batchRunner, out io.Writer, getenv func(string) string) *processor {
	open := func(name string) (io.ReadCloser, error) { return os.Open(name) }
	return &processor{runner: r, out: out, errOut: out, vars: newSqlcmdVars(getenv), open: open}
}

// runText processes text as a whole script (for -Q and -q), running what is
// left after the last GO. It reports whether sqlcmd must stop.
func (p *processor) runText(ctx context.Context, name, text string) bool {
	if !p.run(ctx, name, strings.NewReader(text), 0) {
		p.flush(ctx)
	}
	return p.done
}

// runFile processes an -i file and runs what is left after its last GO. It
// reports whether sqlcmd must stop.
func (p *processor) runFile(ctx context.Context, name string) bool {
	f, err := p.open(name)
	if err != nil {
		fmt.Fprintf(p.errOut, "Sqlcmd: Error: Error occurred while opening or operating on file %s (Reason: %v).\n", name, err)
		p.exitCode, p.done = 1, true
		return true
	}
	defer f.Close()
	if !p.run(ctx, name, f, 0) {
		p.flush(ctx)
	}
	return p.done
}

// run processes the lines of r (name is used in messages); depth counts :r
// nesting. It reports whether sqlcmd must stop; the batch buffer is left for
// the caller (a :r file continues the current batch, as in sqlcmd).
func (p *processor) run(ctx context.Context, name string, r io.Reader, depth int) bool {
	br := bufio.NewReader(r)
	for lineNo := 1; !p.done; lineNo++ {
		if p.prompt {
			fmt.Fprintf(p.out, "%d> ", p.bufLines+1)
		}
		line, err := br.ReadString('\n')
		if line == "" && err != nil {
			break
		}
		line = strings.TrimRight(line, "\r\n")
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		p.line(ctx, name, lineNo, line, depth)
		if ctx.Err() != nil {
			p.exitCode, p.done = 1, true
		}
	}
	return p.done
}

// line handles one input line.
func (p *processor) line(ctx context.Context, name string, lineNo int, line string, depth int) {
	if p.scan.clean() && p.command(ctx, lineNo, line, depth) {
		return
	}
	sub, err := p.vars.substitute(line)
	if err != nil { // the batch is not sent
		p.scriptError(err.Error())
		p.badBatch = true
		sub = line
	}
	p.buf.WriteString(sub)
	p.buf.WriteByte('\n')
	p.bufLines++
	p.scan.advance(sub)
}

// command runs line if it is a sqlcmd command or GO and reports whether it was.
func (p *processor) command(ctx context.Context, lineNo int, line string, depth int) bool {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return false
	}
	if n, ok := goCount(trimmed); ok || (len(trimmed) > 2 && strings.EqualFold(trimmed[:2], "go") && strings.Contains(trimmed, "$(")) {
		if !ok {
			sub, err := p.vars.substitute(trimmed)
			if n, ok = goCount(sub); err != nil || !ok {
				return false
			}
		}
		p.execute(ctx, n)
		return true
	}
	word, rest := trimmed, ""
	if trimmed[0] == ':' {
		word = trimmed[1:]
	} else if !strings.EqualFold(trimmed, "quit") && !strings.EqualFold(trimmed, "exit") && !hasFoldPrefix(trimmed, "exit(") {
		return false
	}
	if i := strings.IndexAny(word, " \t("); i >= 0 {
		word, rest = word[:i], strings.TrimSpace(word[i:])
	}
	rest, err := p.vars.substitute(rest)
	if err != nil {
		p.scriptError(err.Error())
		return true
	}
	switch strings.ToLower(word) {
	case "go":
		return false // "go" followed by text that is not a count: T-SQL text
	case "setvar":
		name, value, ok := parseSetvar(rest)
		if !ok {
			p.scriptError(fmt.Sprintf("Syntax error at line %d near command ':SETVAR'.", lineNo))
		} else if value == nil {
			p.vars.unset(name)
		} else {
			p.vars.set(name, *value)
		}
	case "r":
		file := unquote(rest)
		if depth+1 > maxIncludeDepth {
			p.scriptError(fmt.Sprintf(":r nesting deeper than %d at %s.", maxIncludeDepth, file))
			return true
		}
		f, err := p.open(file)
		if err != nil {
			p.scriptError(fmt.Sprintf("Error occurred while opening or operating on file %s (Reason: %v).", file, err))
			return true
		}
		p.run(ctx, file, f, depth+1)
		f.Close()
	case "on":
		switch strings.ToLower(strings.Join(strings.Fields(rest), " ")) {
		case "error exit":
			p.exitOnError = true
		case "error ignore":
			p.exitOnError = false
		default:
			p.scriptError(fmt.Sprintf("Syntax error at line %d near command ':ON ERROR'.", lineNo))
		}
	case "connect":
		p.connectTo(ctx, lineNo, rest)
	case "reset":
		p.resetBuffer()
	case "listvar":
		p.vars.list(p.out)
	case "quit":
		p.done = true
	case "exit":
		p.exit(ctx, lineNo, rest)
	default:
		if trimmed[0] != ':' {
			return false
		}
		p.scriptError(fmt.Sprintf("Syntax error at line %d near command '%s'.", lineNo, strings.ToUpper(":"+word)))
	}
	return true
}

// connectTo implements ":CONNECT server[\instance] [-l timeout] [-U user
// [-P password]]": later batches, and the one being typed, run on the new
// connection. A connection that fails stops the script with exit code 1, so
// that what was meant for one server never runs on another.
func (p *processor) connectTo(ctx context.Context, lineNo int, rest string) {
	to, ok := parseConnectArgs(rest)
	if !ok || p.connect == nil {
		p.scriptError(fmt.Sprintf("Syntax error at line %d near command ':CONNECT'.", lineNo))
		return
	}
	if !p.connect(ctx, to) {
		p.exitCode, p.done = 1, true
	}
}

// exit implements :exit (stop without running the buffer), :exit() (run the
// buffer, then stop) and :exit(query) (run the buffer, then query, and exit
// with the query's first value as the exit code).
func (p *processor) exit(ctx context.Context, lineNo int, rest string) {
	if rest == "" {
		p.done = true
		return
	}
	if !strings.HasPrefix(rest, "(") || !strings.HasSuffix(rest, ")") {
		p.scriptError(fmt.Sprintf("Syntax error at line %d near command ':EXIT'.", lineNo))
		return
	}
	query := strings.TrimSpace(rest[1 : len(rest)-1])
	p.execute(ctx, 1)
	if p.done || query == "" {
		p.done = true
		return
	}
	res := p.runner.RunBatch(ctx, query)
	p.handle(res)
	if !p.done && res.HasFirst {
		if n, err := strconv.ParseFloat(strings.TrimSpace(res.First), 64); err == nil {
			p.exitCode = int(n)
		}
	}
	p.done = true
}

// flush runs what is left in the batch buffer once (end of input).
func (p *processor) flush(ctx context.Context) {
	if !p.done {
		p.execute(ctx, 1)
	}
}

// execute runs the batch buffer n times (GO n) and empties it. A buffer of
// only white space is not sent.
func (p *processor) execute(ctx context.Context, n int) {
	text, bad := p.buf.String(), p.badBatch
	p.resetBuffer()
	if bad || strings.TrimSpace(text) == "" {
		return
	}
	if p.echo {
		fmt.Fprint(p.out, text)
	}
	for i := 0; i < n && !p.done; i++ {
		p.handle(p.runner.RunBatch(ctx, text))
	}
}

func (p *processor) resetBuffer() {
	p.buf.Reset()
	p.scan = scanState{}
	p.bufLines = 0
	p.badBatch = false
}

// handle applies sqlcmd's exit rules to one batch result.
func (p *processor) handle(res batchResult) {
	switch {
	case res.Fatal != nil:
		fmt.Fprintf(p.errOut, "Sqlcmd: Error: %v.\n", res.Fatal)
		p.exitCode, p.done = 1, true
	case res.ExitCode > 0:
		p.exitCode, p.done = res.ExitCode, true
	case res.MaxSeverity > 10 && p.exitOnError:
		p.exitCode, p.done = 1, true
	}
}

// scriptError prints a client-side error; under -b it stops with exit code 1.
func (p *processor) scriptError(msg string) {
	fmt.Fprintf(p.errOut, "Sqlcmd: Error: %s\n", msg)
	if p.exitOnError {
		p.exitCode, p.done = 1, true
	}
}

// goCount reports whether line is a GO separator and its repeat count, using
// tsql.SplitScript's definition (GO, GO n, GO -- comment; any case).
func goCount(line string) (int, bool) {
	b := tsql.SplitScript(line + "\n")
	if len(b) == 1 && b[0].Text == "" {
		return b[0].Repeat, true
	}
	return 0, false
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// parseSetvar parses ":setvar NAME [value]"; value is nil when absent (the
// variable is removed). A value with blanks must be double-quoted.
func parseSetvar(rest string) (name string, value *string, ok bool) {
	name, v, _ := strings.Cut(rest, " ")
	if i := strings.IndexByte(name, '\t'); i >= 0 {
		name, v = name[:i], name[i+1:]+" "+v
	}
	if !validVarName(name) {
		return "", nil, false
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return name, nil, true
	}
	if v[0] != '"' && strings.ContainsAny(v, " \t") {
		return "", nil, false
	}
	if v[0] == '"' && (len(v) < 2 || v[len(v)-1] != '"') {
		return "", nil, false
	}
	u := unquote(v)
	return name, &u, true
}

// unquote removes surrounding double quotes, turning "" inside into ".
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return s
}

// scanState tracks, across lines, whether the batch text is inside a string,
// a quoted identifier or a block comment, where commands are not recognized.
type scanState struct {
	quote byte // ', " or ] while inside one
	depth int  // block comment nesting
}

func (s scanState) clean() bool { return s.quote == 0 && s.depth == 0 }

// advance moves the state over one line of batch text.
func (s *scanState) advance(line string) {
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case s.quote != 0:
			if c == s.quote {
				if i+1 < len(line) && line[i+1] == s.quote {
					i += 2
					continue
				}
				s.quote = 0
			}
			i++
		case s.depth > 0:
			if strings.HasPrefix(line[i:], "/*") {
				s.depth++
				i += 2
			} else if strings.HasPrefix(line[i:], "*/") {
				s.depth--
				i += 2
			} else {
				i++
			}
		case c == '\'' || c == '"':
			s.quote = c
			i++
		case c == '[':
			s.quote = ']'
			i++
		case strings.HasPrefix(line[i:], "/*"):
			s.depth = 1
			i += 2
		case strings.HasPrefix(line[i:], "--"):
			return
		default:
			i++
		}
	}
}

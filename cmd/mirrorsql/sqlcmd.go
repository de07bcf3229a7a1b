package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
	"github.com/urfave/cli/v2"
)

// sqlcmdCommand is `mirrorsql sqlcmd`. Flags are parsed by parseSqlcmdArgs, not
// urfave/cli, because sqlcmd's single-letter flags take separate values.
func sqlcmdCommand() *cli.Command {
	return &cli.Command{
		Name:            "sqlcmd",
		Usage:           "run T-SQL like Microsoft sqlcmd (-S host,port -U user -P password -Q query …)",
		SkipFlagParsing: true,
		Action: func(c *cli.Context) error {
			code := runSqlcmd(c.Context, c.Args().Slice(), os.Stdin, c.App.Writer, c.App.ErrWriter, os.Getenv)
			if code != 0 {
				return cli.Exit("", code)
			}
			return nil
		},
	}
}

// runSqlcmd runs sqlcmd with args and returns the process exit code: 0, 1 for
// an error of severity > 10 under -b or :on error exit, 1 for usage and
// connection errors, or a value chosen by :exit(query) or RAISERROR state 127.
func runSqlcmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if ctx == nil {
		ctx = context.Background()
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	o, err := parseSqlcmdArgs(args, getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if o.Help {
		fmt.Fprint(stdout, sqlcmdUsage)
		return 0
	}
	out := stdout
	if o.OutputFile != "" {
		f, err := os.Create(o.OutputFile)
		if err != nil {
			fmt.Fprintf(stderr, "Sqlcmd: Error: Unable to open output file %s: %v\n", o.OutputFile, err)
			return 1
		}
		defer f.Close()
		out = f
	}
	errOut, msgOut := out, out // -r sends errors (and with -r1 messages) to stderr
	if o.Redirect >= 0 {
		errOut = stderr
	}
	if o.Redirect == 1 {
		msgOut = stderr
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	f := newFormatter(out, o.Headers, o.ColSep, o.TrimSpaces)
	f.errW, f.msgW = errOut, msgOut
	db, conn, watch, ok := dialSqlcmd(ctx, o, f, errOut)
	if !ok {
		return 1
	}
	runner := &connRunner{conn: conn, watch: watch, f: f}
	defer func() { // the connection of the last :CONNECT
		runner.conn.Close()
		db.Close()
	}()
	if o.QueryTimeout > 0 {
		runner.timeout = time.Duration(o.QueryTimeout) * time.Second
	}
	p := newProcessor(runner, out, getenv)
	p.errOut = errOut
	p.exitOnError = o.ExitOnError
	p.echo = o.Echo
	for _, k := range o.VarOrder {
		p.vars.set(k, o.Vars[k])
	}
	p.vars.set("SQLCMDSERVER", o.Server)
	p.vars.set("SQLCMDUSER", o.User)
	p.vars.set("SQLCMDDBNAME", o.Database)
	p.connect = func(ctx context.Context, to connectArgs) bool {
		next := *o
		next.Server = to.Server
		if to.User != "" {
			next.User, next.Password = to.User, to.Password
		}
		if to.Timeout > 0 {
			next.LoginTimeout = to.Timeout
		}
		nextDB, nextConn, nextWatch, ok := dialSqlcmd(ctx, &next, f, errOut)
		if !ok {
			return false
		}
		runner.conn.Close()
		db.Close()
		runner.conn, runner.watch, db = nextConn, nextWatch, nextDB
		p.vars.set("SQLCMDSERVER", next.Server)
		p.vars.set("SQLCMDUSER", next.User)
		return true
	}

	switch {
	case o.ExitQuery != "":
		p.runText(ctx, "-Q", o.ExitQuery)
	case len(o.InputFiles) > 0:
		for _, name := range o.InputFiles {
			if p.runFile(ctx, name) {
				break
			}
		}
	default:
		if o.Query != "" && p.runText(ctx, "-q", o.Query) {
			break
		}
		p.prompt = isTerminal(stdin)
		p.run(ctx, "stdin", stdin, 0)
		p.flush(ctx)
	}
	return p.exitCode
}

// dialSqlcmd connects as o says. A failure is printed as sqlcmd prints it
// (a refused login as its Msg 4060 … and Msg 18456 …) and reported as !ok.
func dialSqlcmd(ctx context.Context, o *sqlcmdOptions, f *formatter, errOut io.Writer) (*sql.DB, *sql.Conn, *connWatch, bool) {
	dsn, err := o.connString()
	if err != nil {
		fmt.Fprintf(errOut, "Sqlcmd: Error: %v.\n", err)
		return nil, nil, nil, false
	}
	connector, err := mssql.NewConnector(dsn)
	if err != nil {
		fmt.Fprintf(errOut, "Sqlcmd: Error: %v.\n", err)
		return nil, nil, nil, false
	}
	watch := newConnWatch()
	connector.Dialer = watch
	db := sql.OpenDB(connector)
	conn, err := db.Conn(ctx)
	if err == nil {
		if err = conn.PingContext(ctx); err != nil {
			conn.Close()
		}
	}
	if err == nil {
		return db, conn, watch, true
	}
	db.Close()
	var se mssql.Error
	if errors.As(err, &se) { // login errors: Msg 4060 …, then Msg 18456, Level 14, …
		all := se.All
		if len(all) == 0 {
			all = []mssql.Error{se}
		}
		for _, e := range all {
			e.Message = strings.TrimPrefix(e.Message, "login error: ") // added by go-mssqldb
			f.sqlError(e)
		}
	} else {
		fmt.Fprintf(errOut, "Sqlcmd: Error: %s.\n", err)
	}
	return nil, nil, nil, false
}

// isTerminal reports whether r is an interactive terminal (then sqlcmd prompts).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

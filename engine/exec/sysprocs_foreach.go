package exec

import (
	"context"
	"strings"
)

// sp_MSforeachdb and sp_MSforeachtable: undocumented, and in nearly every
// DBA's maintenance script (EXEC sp_MSforeachdb 'USE [?]; DBCC …',
// EXEC sp_MSforeachtable 'UPDATE STATISTICS ?'). Each command runs as
// dynamic SQL (as EXEC(@cmd) in SQL Server's sp_MSforeach_worker), once per
// database or table, with every occurrence of @replacechar ('?') replaced by
// the database's name or the table's quoted two-part name ([dbo].[t]):
// @precommand first, then @command1, @command2, @command3 per item, then
// @postcommand. The list of items is taken before the first command runs,
// so commands that create databases or tables do not extend it. An error
// inside a command is sent to the client and the loop goes on with the next
// command and item, as SQL Server's cursor loop does after a failed
// EXEC(@cmd) (ExecuteSQL reports such errors itself); only what ends the
// whole request (a cancel, a connection-ending error) stops it.
//
// sp_MSforeachtable's @whereand is appended to the query that lists the
// user tables, "SELECT … FROM sys.objects o WHERE o.type = 'U'", so scripts'
// filters on o.name, o.object_id and o.schema_id work (SQL Server lists
// from dbo.sysobjects o, whose o.id and o.uid columns are not there).

// foreachArgs are the parameters both procedures share.
type foreachArgs struct {
	commands          []string // @command1..3, the empty ones left out
	replace           string
	pre, post, where  string
	procName, cmd1Arg string
}

func parseForeachArgs(args []*ProcArg, name string, withWhere bool) (foreachArgs, error) {
	// Positions: @command1, @replacechar, @command2, @command3,
	// [@whereand,] @precommand, @postcommand.
	fa := foreachArgs{procName: name, replace: "?"}
	pos := 2
	get := func(n string) string {
		v := ArgString(args, pos, n)
		pos++
		return v
	}
	c1 := ArgString(args, 0, "@command1")
	if _, ok := argValue(args, 0, "@command1"); !ok || c1 == "" {
		return fa, ErrProcMissingArg.New(name, "@command1")
	}
	if r := ArgString(args, 1, "@replacechar"); r != "" {
		fa.replace = r
	}
	c2, c3 := get("@command2"), get("@command3")
	if withWhere {
		fa.where = get("@whereand")
	}
	fa.pre, fa.post = get("@precommand"), get("@postcommand")
	for _, c := range []string{c1, c2, c3} {
		if strings.TrimSpace(c) != "" {
			fa.commands = append(fa.commands, c)
		}
	}
	return fa, nil
}

// run runs the pre-command, the commands for every item, and the
// post-command.
func (fa foreachArgs) run(ctx context.Context, s *Session, items []string, out Output) error {
	if strings.TrimSpace(fa.pre) != "" {
		if err := s.ExecuteSQL(ctx, fa.pre, "", nil, out); err != nil {
			return err
		}
	}
	for _, item := range items {
		for _, c := range fa.commands {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := s.ExecuteSQL(ctx, strings.ReplaceAll(c, fa.replace, item), "", nil, out); err != nil {
				return err
			}
		}
	}
	if strings.TrimSpace(fa.post) != "" {
		return s.ExecuteSQL(ctx, fa.post, "", nil, out)
	}
	return nil
}

// rowsOf runs query and returns its rows' first column as text.
func (s *Session) rowsOf(ctx context.Context, query string, out Output) ([]string, error) {
	c := &captureOutput{Output: out}
	if err := s.ExecuteSQL(ctx, query, "", nil, c); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(c.rows))
	for _, r := range c.rows {
		if len(r) > 0 && !r[0].IsNull() {
			t, _ := asText(r[0])
			names = append(names, t)
		}
	}
	return names, nil
}

func init() {
	RegisterProc("sp_MSforeachdb", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		fa, err := parseForeachArgs(args, "sp_MSforeachdb", false)
		if err != nil {
			return 1, err
		}
		// Databases the caller can use now, in database_id order.
		var names []string
		for _, d := range s.srv.DatabaseList() {
			if d.Open == nil || d.State != "ONLINE" || d.Open.CheckAccess() != nil || s.CheckDatabaseAccess(d.Open) != nil {
				continue
			}
			names = append(names, d.Entry.Name)
		}
		if err := fa.run(ctx, s, names, out); err != nil {
			return 1, err
		}
		return 0, nil
	})
	RegisterProc("sp_MSforeachtable", func(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
		fa, err := parseForeachArgs(args, "sp_MSforeachtable", true)
		if err != nil {
			return 1, err
		}
		names, err := s.rowsOf(ctx, "SELECT QUOTENAME(SCHEMA_NAME(o.schema_id)) + N'.' + QUOTENAME(o.name) FROM sys.objects o WHERE o.type = 'U' "+
			fa.where+" ORDER BY SCHEMA_NAME(o.schema_id), o.name", out)
		if err != nil {
			return 1, err
		}
		if err := fa.run(ctx, s, names, out); err != nil {
			return 1, err
		}
		return 0, nil
	})
}

package exec_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// dmlTrace records everything a client would see of a statement: result
// rows, errors with their number, severity and text, messages and DONE
// counts.
type dmlTrace struct{ lines []string }

func (o *dmlTrace) Columns(cols []exec.ResultColumn) error {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprintf("%s %+v %v/%v", c.Name, c.Type, c.Nullable, c.NotNull)
	}
	o.lines = append(o.lines, "-- "+strings.Join(parts, ", "))
	return nil
}
func (o *dmlTrace) Row(r exec.Row) error {
	parts := make([]string, len(r))
	for i, v := range r {
		parts[i] = v.String()
	}
	o.lines = append(o.lines, strings.Join(parts, "|"))
	return nil
}
func (o *dmlTrace) Done(_ exec.Cmd, count int64, hasCount, _, failed bool) error {
	switch {
	case failed:
		o.lines = append(o.lines, "done failed")
	case hasCount:
		o.lines = append(o.lines, fmt.Sprintf("done %d", count))
	}
	return nil
}
func (o *dmlTrace) Message(m *exec.Error) error {
	o.lines = append(o.lines, fmt.Sprintf("msg %d: %s", m.Number, m.Message))
	return nil
}
func (o *dmlTrace) Error(err error) error {
	o.lines = append(o.lines, errLine(err))
	return nil
}
func (o *dmlTrace) Transaction(exec.TranEvent, uint64) error { return nil }
func (o *dmlTrace) DatabaseChanged(string, string) error     { return nil }
func (o *dmlTrace) ReturnStatus(int32) error                 { return nil }

func errLine(err error) string {
	var se interface {
		SQLServerError() (int32, uint8, uint8)
	}
	if errors.As(err, &se) {
		n, sev, st := se.SQLServerError()
		return fmt.Sprintf("error %d/%d/%d: %s", n, sev, st, err.Error())
	}
	return "error: " + err.Error()
}

// dmlArg is one sp_executesql argument (@p1, @p2… by position).
type dmlArg struct {
	v types.Value
	t types.Type
}

func aInt(n int32) dmlArg { return dmlArg{types.NewInt(n), types.TypeInt} }
func aBig(n int64) dmlArg { return dmlArg{types.NewBigInt(n), types.TypeBigInt} }
func aNullInt() dmlArg    { return dmlArg{types.Null(types.Int), types.TypeInt} }
func aVC(s string, n int) dmlArg {
	return dmlArg{types.NewVarChar(s), types.VarCharType(n)}
}
func aNVC(s string, n int) dmlArg {
	return dmlArg{types.NewNVarChar(s), types.NVarCharType(n)}
}

// dmlStep is a batch (sql) or an sp_executesql call (stmt, decls, args), on
// session 1 or, with second, session 2.
type dmlStep struct {
	sql, stmt, decls string
	args             []dmlArg
	second           bool
}

func q(sql string) dmlStep  { return dmlStep{sql: sql} }
func q2(sql string) dmlStep { return dmlStep{sql: sql, second: true} }
func x(stmt, decls string, args ...dmlArg) dmlStep {
	return dmlStep{stmt: stmt, decls: decls, args: args}
}
func x2(stmt, decls string, args ...dmlArg) dmlStep {
	return dmlStep{stmt: stmt, decls: decls, args: args, second: true}
}

// The statements as go-mssqldb sends them.
const (
	insT   = "INSERT INTO dbo.t (id, v) VALUES (@p1, @p2)"
	insT0  = "INSERT INTO t VALUES (@p1, @p2)"
	updT   = "UPDATE dbo.t SET v = @p2 WHERE id = @p1"
	updN   = "UPDATE t SET n = n + @p2 WHERE id = @p1"
	delT   = "DELETE FROM dbo.t WHERE id = @p1"
	declIV = "@p1 int, @p2 varchar(20)"
	declII = "@p1 int, @p2 int"
	declI  = "@p1 int"
	selT   = "SELECT * FROM dbo.t ORDER BY id"
)

// dmlPlanCases are scripts whose every step must give the same trace with
// the DML plan cache as without it. Each changes what a kept plan was bound
// to in one way and then runs the planned statements again, so a plan that
// outlived its binding shows as different rows, errors or counts.
var dmlPlanCases = []struct {
	name  string
	steps []dmlStep
	// unplanned: no statement of the script may run from a plan.
	unplanned bool
	// asApp: session 2 is the login app, user app in dp_home, not sa.
	asApp bool
}{
	{name: "values and errors", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NULL, n int NOT NULL DEFAULT 0, CONSTRAINT ck_n CHECK (n >= 0))"),
		x(insT, declIV, aInt(1), aVC("a", 20)),
		x(insT, declIV, aInt(2), aVC("b", 20)),
		x(insT, declIV, aInt(1), aVC("dup", 20)),        // 2627
		x(insT, declIV, aInt(3), aVC("toolong", 20)),    // 2628
		x(insT, declIV, aNullInt(), aVC("x", 20)),       // 515
		x(updN, declII, aInt(1), aInt(2147483647)),      //
		x(updN, declII, aInt(1), aInt(1)),               // 8115
		x(updN, declII, aInt(2), aInt(-5)),              // 547 CHECK
		x(updT, declIV, aInt(2), aVC("zz", 20)),         //
		x(updT, declIV, aInt(2), aVC("zzzzzzzzzz", 20)), // 2628
		x(delT, declI, aInt(1)),
		x(delT, declI, aInt(9)),
		q(selT),
	}},
	{name: "alter add and drop column", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(10) NULL)"),
		x(insT0, declIV, aInt(1), aVC("a", 20)),
		x(insT0, declIV, aInt(2), aVC("b", 20)),
		x(updT, declIV, aInt(2), aVC("b2", 20)),
		q("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 7"),
		x(insT0, declIV, aInt(3), aVC("c", 20)), // 213: the table has 3 columns now
		x(insT, declIV, aInt(4), aVC("d", 20)),
		x(updT, declIV, aInt(4), aVC("d2", 20)),
		q(selT),
		q("ALTER TABLE dbo.t ADD x2 int NULL"),
		x(insT, declIV, aInt(5), aVC("e", 20)),
		q("ALTER TABLE dbo.t DROP COLUMN x2"),
		x(insT, declIV, aInt(6), aVC("f", 20)),
		x(delT, declI, aInt(6)),
		q(selT),
	}},
	{name: "drop and create the same name", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(10) NULL)"),
		x(insT, declIV, aInt(1), aVC("a", 20)),
		x(updT, declIV, aInt(1), aVC("a2", 20)),
		x(delT, declI, aInt(7)),
		q("DROP TABLE dbo.t"),
		q("CREATE TABLE dbo.t (v varchar(3) NULL, z int NOT NULL DEFAULT 42, id int NOT NULL PRIMARY KEY)"),
		x(insT, declIV, aInt(2), aVC("b", 20)),
		x(insT, declIV, aInt(3), aVC("long", 20)),
		x(updT, declIV, aInt(2), aVC("b2", 20)),
		x(delT, declI, aInt(2)),
		x(insT, declIV, aInt(4), aVC("c", 20)),
		q(selT),
		q("DROP TABLE dbo.t"),
		x(insT, declIV, aInt(5), aVC("e", 20)), // 208
		x(updT, declIV, aInt(5), aVC("e", 20)),
		x(delT, declI, aInt(5)),
	}},
	{name: "create and drop index", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(10) NULL)"),
		x(insT, declIV, aInt(1), aVC("a", 20)),
		x(insT, declIV, aInt(2), aVC("a", 20)),
		x(delT, declI, aInt(2)),
		q("CREATE UNIQUE INDEX ux ON dbo.t (v)"),
		x(insT, declIV, aInt(2), aVC("a", 20)), // 2601
		x(insT, declIV, aInt(3), aVC("b", 20)),
		x(updT, declIV, aInt(3), aVC("a", 20)), // 2601
		q("SELECT id FROM dbo.t WITH (INDEX(ux)) WHERE v = 'b'"),
		q("DROP INDEX ux ON dbo.t"),
		x(insT, declIV, aInt(4), aVC("a", 20)),
		x(updT, declIV, aInt(3), aVC("a", 20)),
		q(selT),
	}},
	{name: "triggers", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		q("CREATE TABLE dbo.log (id int IDENTITY PRIMARY KEY, msg varchar(40) NULL)"),
		x(insT, declIV, aInt(1), aVC("a", 20)),
		x(updT, declIV, aInt(1), aVC("a1", 20)),
		x(delT, declI, aInt(1)),
		q("CREATE TRIGGER dbo.tr_after ON dbo.t AFTER INSERT, UPDATE, DELETE AS INSERT dbo.log (msg) SELECT 'after ins ' + v FROM inserted; INSERT dbo.log (msg) SELECT 'after del ' + v FROM deleted"),
		x(insT, declIV, aInt(2), aVC("b", 20)),
		x(insT, declIV, aInt(22), aVC("bb", 20)),
		x(updT, declIV, aInt(2), aVC("b2", 20)),
		x(updT, declIV, aInt(22), aVC("bb2", 20)),
		x(delT, declI, aInt(2)),
		x(delT, declI, aInt(22)),
		q("DROP TRIGGER dbo.tr_after"),
		x(insT, declIV, aInt(3), aVC("c", 20)),
		x(updT, declIV, aInt(3), aVC("c2", 20)),
		q("CREATE TRIGGER dbo.tr_instead ON dbo.t INSTEAD OF INSERT, DELETE AS INSERT dbo.log (msg) SELECT 'instead ins ' + v FROM inserted; INSERT dbo.log (msg) SELECT 'instead del ' + v FROM deleted"),
		x(insT, declIV, aInt(4), aVC("d", 20)),
		x(delT, declI, aInt(3)),
		x(updT, declIV, aInt(3), aVC("c3", 20)),
		q("DROP TRIGGER dbo.tr_instead"),
		x(insT, declIV, aInt(5), aVC("e", 20)),
		x(delT, declI, aInt(3)),
		q(selT),
		q("SELECT id, msg FROM dbo.log ORDER BY id"),
	}},
	{name: "check foreign key and default constraints", steps: []dmlStep{
		q("CREATE TABLE dbo.p (id varchar(20) NOT NULL PRIMARY KEY)"),
		q("INSERT dbo.p VALUES ('ok'), ('ok2')"),
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL, w int NULL)"),
		x(insT, declIV, aInt(1), aVC("bad", 20)),
		x(updT, declIV, aInt(1), aVC("nope", 20)),
		q("DELETE dbo.t"),
		q("ALTER TABLE dbo.t ADD CONSTRAINT ck_v CHECK (v <> 'bad')"),
		x(insT, declIV, aInt(2), aVC("bad", 20)), // 547
		x(insT, declIV, aInt(2), aVC("ok", 20)),
		x(updT, declIV, aInt(2), aVC("bad", 20)), // 547
		q("ALTER TABLE dbo.t DROP CONSTRAINT ck_v"),
		x(insT, declIV, aInt(3), aVC("bad", 20)),
		q("ALTER TABLE dbo.t ADD CONSTRAINT df_w DEFAULT 9 FOR w"),
		x(insT, declIV, aInt(4), aVC("ok", 20)),
		q("ALTER TABLE dbo.t DROP CONSTRAINT df_w"),
		x(insT, declIV, aInt(5), aVC("ok", 20)),
		q("DELETE dbo.t WHERE v = 'bad'"),
		q("ALTER TABLE dbo.t ADD CONSTRAINT fk_v FOREIGN KEY (v) REFERENCES dbo.p (id)"),
		x(insT, declIV, aInt(6), aVC("nope", 20)), // 547
		x(insT, declIV, aInt(6), aVC("ok2", 20)),
		x(updT, declIV, aInt(6), aVC("nope", 20)), // 547
		q("ALTER TABLE dbo.t DROP CONSTRAINT fk_v"),
		x(insT, declIV, aInt(7), aVC("nope", 20)),
		x(updT, declIV, aInt(6), aVC("nope", 20)),
		q(selT),
	}},
	{name: "use another database", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		x(insT, declIV, aInt(1), aVC("home", 20)),
		x(updT, declIV, aInt(1), aVC("home2", 20)),
		q("CREATE DATABASE dp_other"),
		q("USE dp_other"),
		x(insT, declIV, aInt(1), aVC("other", 20)), // 208
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, extra int NOT NULL DEFAULT 5, v varchar(20) NULL)"),
		x(insT, declIV, aInt(1), aVC("other", 20)),
		x(updT, declIV, aInt(1), aVC("other2", 20)),
		x(insT, declIV, aInt(2), aVC("other3", 20)),
		x(delT, declI, aInt(2)),
		q(selT),
		q("USE dp_home"),
		x(insT, declIV, aInt(2), aVC("home3", 20)),
		x(delT, declI, aInt(1)),
		q(selT),
		q("CREATE SCHEMA s2"),
		q("CREATE TABLE s2.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		x(insT0, declIV, aInt(3), aVC("dbo", 20)),
		x("INSERT INTO s2.t VALUES (@p1, @p2)", declIV, aInt(3), aVC("s2", 20)),
		q("SELECT * FROM s2.t"),
		q(selT),
	}},
	{name: "set options", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NULL, n int NULL)"),
		x(insT, declIV, aInt(1), aVC("toolongvalue", 20)), // 2628
		q("SET ANSI_WARNINGS OFF"),
		x(insT, declIV, aInt(1), aVC("toolongvalue", 20)), // truncated silently
		q("SET ANSI_WARNINGS ON"),
		x(insT, declIV, aInt(2), aVC("toolongvalue", 20)),
		q("SET NOCOUNT ON"),
		x(insT, declIV, aInt(3), aVC("c", 20)),
		x(updT, declIV, aInt(3), aVC("c2", 20)),
		q("SET NOCOUNT OFF"),
		x(insT, declIV, aInt(4), aVC("d", 20)),
		x("UPDATE dbo.t SET v = 'eq' WHERE n = @p1", declI, aNullInt()),
		q("SET ANSI_NULLS OFF"),
		x("UPDATE dbo.t SET v = 'eq' WHERE n = @p1", declI, aNullInt()),
		q("SET ANSI_NULLS ON"),
		x("UPDATE dbo.t SET n = 2147483647 WHERE id = @p1", declI, aInt(4)),
		x(updN, declII, aInt(4), aInt(1)), // 8115
		q("SET ARITHABORT OFF; SET ANSI_WARNINGS OFF"),
		x(updN, declII, aInt(4), aInt(1)), // NULL, no error
		q("SET ARITHABORT ON; SET ANSI_WARNINGS ON"),
		q("SET QUOTED_IDENTIFIER OFF"),
		x(insT, declIV, aInt(5), aVC("e", 20)),
		q("SET QUOTED_IDENTIFIER ON"),
		q("SET XACT_ABORT ON"),
		q("BEGIN TRANSACTION"),
		x(insT, declIV, aInt(6), aVC("f", 20)),
		x(insT, declIV, aInt(6), aVC("dup", 20)), // 2627 aborts the transaction
		q("SELECT @@TRANCOUNT"),
		q("SET XACT_ABORT OFF"),
		q(selT),
		q("CREATE TABLE dbo.ti (id int IDENTITY(1,1) NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		x("INSERT INTO dbo.ti (v) VALUES (@p2)", declIV, aInt(0), aVC("gen", 20)),
		x("INSERT INTO dbo.ti (id, v) VALUES (@p1, @p2)", declIV, aInt(10), aVC("explicit", 20)), // 544
		x("INSERT INTO dbo.ti VALUES (@p1, @p2)", declIV, aInt(11), aVC("nolist", 20)),           // 213
		q("SET IDENTITY_INSERT dbo.ti ON"),
		x("INSERT INTO dbo.ti (id, v) VALUES (@p1, @p2)", declIV, aInt(10), aVC("explicit", 20)),
		x("INSERT INTO dbo.ti VALUES (@p1, @p2)", declIV, aInt(11), aVC("nolist", 20)), // 8101
		x("INSERT INTO dbo.ti (v) VALUES (@p2)", declIV, aInt(0), aVC("gen", 20)),      // 545
		q("SET IDENTITY_INSERT dbo.ti OFF"),
		x("INSERT INTO dbo.ti (v) VALUES (@p2)", declIV, aInt(0), aVC("gen2", 20)),
		x("INSERT INTO dbo.ti (id, v) VALUES (@p1, @p2)", declIV, aInt(12), aVC("explicit", 20)), // 544
		q("SELECT * FROM dbo.ti ORDER BY id"),
	}},
	{name: "parameters of another type, length and value", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id bigint NOT NULL PRIMARY KEY, v varchar(5) NULL)"),
		x(insT, "@p1 int, @p2 varchar(3)", aInt(1), aVC("abc", 3)),
		x(insT, "@p1 bigint, @p2 nvarchar(50)", aBig(2), aNVC("abcdefgh", 50)), // 2628
		x(insT, "@p1 bigint, @p2 nvarchar(50)", aBig(3000000000), aNVC("big", 50)),
		x(insT, "@p1 varchar(20), @p2 varchar(5)", aVC("4", 20), aVC("str", 5)),
		x(insT, "@p1 varchar(20), @p2 varchar(5)", aVC("x", 20), aVC("bad", 5)), // 245
		x(updT, "@p1 bigint, @p2 varchar(5)", aBig(3000000000), aVC("upd", 5)),
		x(updT, "@p1 int, @p2 int", aInt(1), aInt(12345)),
		x(updT, "@p1 int, @p2 int", aInt(1), aInt(123456)), // 2628
		x(delT, "@p1 varchar(20)", aVC("4", 20)),
		q(selT),
	}},
	{name: "DDL inside the transaction", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		x(insT, declIV, aInt(1), aVC("a", 20)),
		q("BEGIN TRANSACTION"),
		x(insT, declIV, aInt(2), aVC("b", 20)),
		q("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 3"),
		x(insT, declIV, aInt(3), aVC("c", 20)),
		q("ALTER TABLE dbo.t ADD CONSTRAINT ck_v CHECK (v <> 'bad')"),
		x(insT, declIV, aInt(4), aVC("bad", 20)), // 547
		x(updT, declIV, aInt(3), aVC("bad", 20)), // 547
		q(selT),
		q("ROLLBACK"),
		x(insT, declIV, aInt(4), aVC("bad", 20)),
		x(updT, declIV, aInt(4), aVC("bad2", 20)),
		q(selT),
		q("BEGIN TRANSACTION"),
		q("ALTER TABLE dbo.t ADD w int NULL DEFAULT 8"),
		x(insT, declIV, aInt(5), aVC("e", 20)),
		q("COMMIT"),
		x(insT, declIV, aInt(6), aVC("f", 20)),
		q(selT),
	}},
	{name: "two sessions", steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		x(insT, declIV, aInt(1), aVC("s1", 20)),
		x2(insT, declIV, aInt(2), aVC("s2", 20)),
		x(insT, declIV, aInt(3), aVC("s1b", 20)),
		x2(insT, declIV, aInt(3), aVC("s2dup", 20)), // 2627
		x2(updT, declIV, aInt(1), aVC("by s2", 20)),
		x(updT, declIV, aInt(2), aVC("by s1", 20)),
		q2("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 1"),
		x(insT, declIV, aInt(4), aVC("s1c", 20)),
		x2(delT, declI, aInt(3)),
		q(selT),
	}},
	{name: "permissions of the calling principal", asApp: true, steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		x2(insT, declIV, aInt(1), aVC("no grant", 20)), // 229
		q("GRANT INSERT, UPDATE, DELETE, SELECT ON dbo.t TO app"),
		x2(insT, declIV, aInt(1), aVC("a", 20)),
		x2(insT, declIV, aInt(2), aVC("b", 20)),
		x2(insT, declIV, aInt(3), aVC("c", 20)),
		x2(updT, declIV, aInt(1), aVC("a1", 20)),
		x2(updT, declIV, aInt(2), aVC("b1", 20)),
		x2(delT, declI, aInt(3)),
		x2(delT, declI, aInt(4)),
		q("DENY INSERT ON dbo.t TO app"),
		x2(insT, declIV, aInt(5), aVC("denied", 20)), // 229
		x2(updT, declIV, aInt(1), aVC("a2", 20)),
		x(insT, declIV, aInt(6), aVC("by sa", 20)),
		q("REVOKE INSERT ON dbo.t FROM app"),
		x2(insT, declIV, aInt(7), aVC("revoked", 20)), // 229
		q("GRANT INSERT ON dbo.t TO app"),
		x2(insT, declIV, aInt(7), aVC("granted", 20)),
		q("DENY SELECT ON dbo.t TO app"),
		x2(updT, declIV, aInt(1), aVC("no select", 20)), // 229: WHERE reads
		x2(delT, declI, aInt(7)),                        // 229
		x2(insT, declIV, aInt(8), aVC("insert ok", 20)),
		q("REVOKE SELECT ON dbo.t FROM app"),
		q("REVOKE UPDATE ON dbo.t FROM app"),
		x2(updT, declIV, aInt(1), aVC("no update", 20)), // 229
		q("CREATE ROLE rw"),
		q("GRANT SELECT, UPDATE ON dbo.t TO rw"),
		q("ALTER ROLE rw ADD MEMBER app"),
		x2(updT, declIV, aInt(1), aVC("via role", 20)),
		x2(updT, declIV, aInt(2), aVC("via role", 20)),
		q("ALTER ROLE rw DROP MEMBER app"),
		x2(updT, declIV, aInt(1), aVC("left role", 20)), // 229
		q(selT),
	}},
	{name: "views temp tables and CTEs are not planned", unplanned: true, steps: []dmlStep{
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		q("CREATE VIEW dbo.vt AS SELECT id, v FROM dbo.t WHERE id < 100"),
		x("INSERT INTO dbo.vt (id, v) VALUES (@p1, @p2)", declIV, aInt(1), aVC("view", 20)),
		x("INSERT INTO dbo.vt (id, v) VALUES (@p1, @p2)", declIV, aInt(2), aVC("view", 20)),
		x("UPDATE dbo.vt SET v = @p2 WHERE id = @p1", declIV, aInt(2), aVC("view2", 20)),
		x("UPDATE dbo.vt SET v = @p2 WHERE id = @p1", declIV, aInt(1), aVC("view1", 20)),
		q("CREATE TABLE #tt (id int NOT NULL PRIMARY KEY, v varchar(20) NULL)"),
		x("INSERT INTO #tt VALUES (@p1, @p2)", declIV, aInt(1), aVC("temp", 20)),
		x("INSERT INTO #tt VALUES (@p1, @p2)", declIV, aInt(2), aVC("temp", 20)),
		q("DROP TABLE #tt"),
		q("CREATE TABLE #tt (id int NOT NULL PRIMARY KEY, w int NULL, v varchar(20) NULL)"),
		x("INSERT INTO #tt VALUES (@p1, @p2)", declIV, aInt(3), aVC("temp", 20)), // 213
		x("INSERT INTO #tt (id, v) VALUES (@p1, @p2)", declIV, aInt(3), aVC("temp", 20)),
		q("SELECT * FROM #tt"),
		x("WITH c AS (SELECT id, v FROM dbo.t) UPDATE c SET v = @p2 WHERE id = @p1", declIV, aInt(1), aVC("cte", 20)),
		x("WITH c AS (SELECT id, v FROM dbo.t) UPDATE c SET v = @p2 WHERE id = @p1", declIV, aInt(2), aVC("cte", 20)),
		x("INSERT INTO dp_home.dbo.t (id, v) VALUES (@p1, @p2)", declIV, aInt(5), aVC("3part", 20)),
		x("INSERT INTO dp_home.dbo.t (id, v) VALUES (@p1, @p2)", declIV, aInt(6), aVC("3part", 20)),
		q(selT),
	}},
}

// runDMLPlanCase runs one script on a fresh instance with the plan cache on
// or off and returns its trace and how many statements ran from a plan.
func runDMLPlanCase(t *testing.T, steps []dmlStep, cache, asApp bool) ([]string, int64) {
	t.Helper()
	return runPlanCase(t, steps, asApp, func(s *exec.Session) { exec.SetDMLPlans(s, cache) }, exec.DMLPlanHits)
}

// runPlanCase runs one script on a fresh instance, with set applied to
// both sessions first, and returns its trace and the sum of hits over the
// two sessions.
func runPlanCase(t *testing.T, steps []dmlStep, asApp bool, set func(*exec.Session), hits func(*exec.Session) int64) ([]string, int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // generous: CI machines run every package at once
	defer cancel()
	inst := openExecTestInstance(t, "dmlplan")
	s1 := newSASession(t, inst)
	out := &dmlTrace{}
	setup := []string{"CREATE DATABASE dp_home", "USE dp_home"}
	if asApp {
		setup = append(setup, "CREATE LOGIN app WITH PASSWORD = 'Passw0rd!app'", "CREATE USER app FOR LOGIN app")
	}
	for _, sql := range setup {
		if err := s1.ExecBatch(ctx, sql, out); err != nil {
			t.Fatal(err)
		}
	}
	login := "sa"
	if asApp {
		login = "app"
	}
	s2, err := inst.NewSession(login, "dp_home", exec.SessionInfo{})
	if err != nil {
		t.Fatal(err)
	}
	set(s1)
	set(s2)
	for i, st := range steps {
		s := s1
		if st.second {
			s = s2
		}
		out.lines = append(out.lines, fmt.Sprintf("## %d", i))
		var err error
		if st.sql != "" {
			err = s.ExecBatch(ctx, st.sql, out)
		} else {
			args := make([]*exec.ProcArg, len(st.args))
			for j, a := range st.args {
				args[j] = &exec.ProcArg{Name: fmt.Sprintf("@p%d", j+1), Value: a.v, Type: a.t}
			}
			err = s.ExecuteSQL(ctx, st.stmt, st.decls, args, out)
		}
		if err != nil {
			out.lines = append(out.lines, "returned "+errLine(err))
		}
	}
	return out.lines, hits(s1) + hits(s2)
}

// TestDMLPlanCacheSameAsWithout runs every script with and without the
// bound-DML plan cache and requires the same rows, errors (number,
// severity, state, text) and counts, step by step; with the cache on, the
// planned scripts must actually have run statements from plans.
func TestDMLPlanCacheSameAsWithout(t *testing.T) {
	for _, tc := range dmlPlanCases {
		t.Run(tc.name, func(t *testing.T) {
			want, offHits := runDMLPlanCase(t, tc.steps, false, tc.asApp)
			got, hits := runDMLPlanCase(t, tc.steps, true, tc.asApp)
			if offHits != 0 {
				t.Errorf("cache off: %d statements ran from a plan", offHits)
			}
			if tc.unplanned && hits != 0 {
				t.Errorf("%d statements ran from a plan, want none", hits)
			}
			if !tc.unplanned && hits == 0 {
				t.Errorf("no statement ran from a plan")
			}
			if os.Getenv("DMLPLAN_TRACE") != "" {
				t.Logf("trace:\n%s", strings.Join(got, "\n"))
			}
			if !slices.Equal(got, want) {
				t.Errorf("with the plan cache:\n%s\nwithout:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

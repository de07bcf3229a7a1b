package exec_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// The UPDATE and DELETE statements as go-mssqldb sends them.
const (
	updG    = "UPDATE dbo.t SET v = @p2 WHERE g = @p1"
	updAdd  = "UPDATE dbo.t SET n = n + @p2 WHERE id = @p1"
	updCmp  = "UPDATE dbo.t SET n += @p2 WHERE id BETWEEN @p1 AND @p1 + 2"
	updIn   = "UPDATE dbo.t SET v = @p2 WHERE id IN (@p1, 5)"
	updCase = "UPDATE dbo.t SET v = CASE WHEN n IS NULL THEN @p2 ELSE CAST(n AS varchar(5)) END, g = g + 1 WHERE id >= @p1"
	updID   = "UPDATE dbo.t SET id = @p2 WHERE id = @p1"
	delLike = "DELETE FROM dbo.t WHERE v LIKE @p1"
	delG    = "DELETE dbo.t WHERE g = @p1"
	selAll  = "SELECT * FROM dbo.t ORDER BY id"
	declVC5 = "@p1 varchar(5)"
	tDDL    = "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NULL, n int NULL, g int NULL)"
	tRows   = "INSERT dbo.t VALUES (1, 'a', 1, 1), (2, 'b', 2, 1), (3, 'c', NULL, 2), (4, 'd', 4, 2), (5, 'e', 5, 3)"
)

func aNullVC(n int) dmlArg { return dmlArg{types.Null(types.VarChar), types.VarCharType(n)} }

// dmlCompiledCases are scripts whose every step must give the same trace
// with kept compiled UPDATE/DELETE parts (dmlcompiled.go) as with no DML
// plans at all. Each changes one thing a kept part was compiled under and
// runs the statements again. The harness is dmlplan_test.go's.
var dmlCompiledCases = []struct {
	name      string
	steps     []dmlStep
	unplanned bool
	asApp     bool
}{
	{name: "values, NULLs, no row and many rows", steps: []dmlStep{
		q(tDDL), q(tRows),
		x(updG, declIV, aInt(1), aVC("g1", 20)), // 2 rows
		x(updG, declIV, aInt(9), aVC("g9", 20)), // none
		x(updG, declIV, aNullInt(), aVC("gn", 20)),
		x(updG, declIV, aInt(2), aNullVC(20)),
		x(updG, declIV, aInt(3), aVC("toolong", 20)), // 2628
		q(selAll),
		x(updAdd, declII, aInt(1), aInt(10)),
		x(updAdd, declII, aInt(3), aInt(10)), // NULL + 10
		x(updAdd, declII, aInt(4), aNullInt()),
		x(updAdd, declII, aInt(5), aInt(2147483647)), // 8115
		x(updAdd, declII, aInt(6), aInt(1)),          // no row
		x(updCmp, declII, aInt(1), aInt(100)),        // 3 rows
		x(updCmp, declII, aInt(4), aInt(1)),
		x(updCmp, declII, aNullInt(), aInt(1)),
		x(updIn, declIV, aInt(2), aVC("in", 20)),
		x(updIn, declIV, aInt(3), aVC("in2", 20)),
		x(updCase, declIV, aInt(3), aVC("was", 20)),
		x(updCase, declIV, aInt(1), aVC("all", 20)),
		q(selAll),
		x(delLike, declVC5, aVC("i%", 5)),
		x(delLike, declVC5, aVC("zz%", 5)),
		x(delG, declI, aInt(4)),
		x(delG, declI, aNullInt()),
		q(selAll),
	}},
	{name: "parameters of another type, length and collation", steps: []dmlStep{
		q(tDDL), q(tRows),
		x(updT, declIV, aInt(1), aVC("a1", 20)),
		x(updT, "@p1 bigint, @p2 varchar(5)", aBig(2), aVC("b1", 5)),
		x(updT, "@p1 bigint, @p2 varchar(5)", aBig(3000000000), aVC("big", 5)),
		x(updT, "@p1 varchar(20), @p2 nvarchar(50)", aVC("3", 20), aNVC("c1", 50)),
		x(updT, "@p1 varchar(20), @p2 nvarchar(50)", aVC("x", 20), aNVC("c2", 50)), // 245
		x(updT, "@p1 int, @p2 int", aInt(4), aInt(12345)),
		x(updT, "@p1 int, @p2 int", aInt(4), aInt(123456)), // 2628
		x(updT, "@p1 int, @p2 varchar(20) COLLATE Latin1_General_CS_AS", aInt(5), aVC("cs", 20)),
		x("UPDATE dbo.t SET n = 1 WHERE v = @p1", "@p1 varchar(5)", aVC("A1", 5)),
		x("UPDATE dbo.t SET n = 1 WHERE v = @p1", "@p1 varchar(5) COLLATE Latin1_General_CS_AS", aVC("B1", 5)),
		x("UPDATE dbo.t SET n = 1 WHERE v = @p1", "@p1 varchar(5)", aVC("B1", 5)),
		x(delT, "@p1 varchar(20)", aVC("4", 20)),
		x(delT, "@p1 bigint", aBig(5)),
		x("UPDATE dbo.t SET v = v + @p2 WHERE id = @p1", "@p1 int, @p2 varchar(5)", aInt(1), aVC("x", 5)),
		x("UPDATE dbo.t SET v = v + @p2 WHERE id = @p1", "@p1 int, @p2 varchar(5)", aInt(2), aVC("y", 5)),
		x("UPDATE dbo.t SET v = v + @p2 WHERE id = @p1", "@p1 int, @p2 int", aInt(1), aInt(1)), // 245: v is added to, not appended
		q("UPDATE dbo.t SET v = '7' WHERE id = 3"),
		x("UPDATE dbo.t SET v = v + @p2 WHERE id = @p1", "@p1 int, @p2 int", aInt(3), aInt(1)),
		x("UPDATE dbo.t SET n = 5 WHERE v = @p1", "@p1 varchar(5)", aVC("8", 5)),
		x("UPDATE dbo.t SET n = 6 WHERE v = @p1", "@p1 varchar(5)", aVC("8", 5)),
		x("UPDATE dbo.t SET n = 6 WHERE v = @p1", "@p1 int", aInt(8)), // 245: v is converted to int
		x("DELETE dbo.t WHERE v = @p1", "@p1 varchar(5)", aVC("8", 5)),
		x("DELETE dbo.t WHERE v = @p1", "@p1 varchar(5)", aVC("9", 5)),
		x("DELETE dbo.t WHERE v = @p1", "@p1 int", aInt(8)), // 245
		x("UPDATE dbo.t SET v = CASE WHEN id > @p1 THEN @p2 ELSE 'z' END WHERE id = 1", declIV, aInt(5), aVC("q", 20)),
		x("UPDATE dbo.t SET v = CASE WHEN id > @p1 THEN @p2 ELSE 'z' END WHERE id = 1", declIV, aInt(0), aVC("q", 20)),
		x("UPDATE dbo.t SET v = CASE WHEN id > @p1 THEN @p2 ELSE 'z' END WHERE id = 1", declII, aInt(5), aInt(3)), // 245: 'z' is converted to int
		x("UPDATE dbo.t SET v = CASE WHEN id > @p1 THEN @p2 ELSE 'z' END WHERE id = 1", declII, aInt(0), aInt(3)),
		q(selAll),
	}},
	{name: "OUTPUT and triggers", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("CREATE TABLE dbo.log (id int IDENTITY PRIMARY KEY, msg varchar(60) NULL)"),
		x("UPDATE dbo.t SET v = @p2 OUTPUT deleted.id, deleted.v, inserted.v WHERE id = @p1", declIV, aInt(1), aVC("o1", 20)),
		x("UPDATE dbo.t SET v = @p2 OUTPUT deleted.id, deleted.v, inserted.v WHERE id = @p1", declIV, aInt(2), aVC("o2", 20)),
		x("UPDATE dbo.t SET v = @p2 OUTPUT deleted.id, deleted.v, inserted.v WHERE id = @p1", declIV, aInt(9), aVC("o9", 20)),
		x(updT, declIV, aInt(1), aVC("t1", 20)),
		q("CREATE TRIGGER dbo.tr_u ON dbo.t AFTER UPDATE AS IF UPDATE(v) INSERT dbo.log (msg) SELECT 'upd ' + d.v + '>' + i.v FROM deleted d JOIN inserted i ON i.id = d.id"),
		x(updT, declIV, aInt(1), aVC("t2", 20)),
		x(updAdd, declII, aInt(1), aInt(1)), // UPDATE(v) false
		x("UPDATE dbo.t SET v = @p2 OUTPUT deleted.id, deleted.v, inserted.v WHERE id = @p1", declIV, aInt(2), aVC("o3", 20)), // 334: OUTPUT without INTO and a trigger
		x("DELETE FROM dbo.t OUTPUT deleted.* WHERE id = @p1", declI, aInt(5)),
		q("CREATE TRIGGER dbo.tr_d ON dbo.t AFTER DELETE AS INSERT dbo.log (msg) SELECT 'del ' + v FROM deleted"),
		x("DELETE FROM dbo.t OUTPUT deleted.* WHERE id = @p1", declI, aInt(4)), // 334
		x(delT, declI, aInt(4)),
		q("DROP TRIGGER dbo.tr_u"),
		x(updT, declIV, aInt(1), aVC("t3", 20)),
		q("CREATE TRIGGER dbo.tr_i ON dbo.t INSTEAD OF UPDATE AS INSERT dbo.log (msg) SELECT 'instead ' + v FROM inserted"),
		x(updT, declIV, aInt(1), aVC("t4", 20)),
		x(updT, declIV, aInt(2), aVC("t5", 20)),
		q("DROP TRIGGER dbo.tr_i"),
		x(updT, declIV, aInt(1), aVC("t6", 20)),
		q(selAll),
		q("SELECT id, msg FROM dbo.log ORDER BY id"),
	}},
	{name: "a trigger re-entering the statement", steps: []dmlStep{
		q("CREATE TABLE dbo.a (id int NOT NULL PRIMARY KEY, n int NOT NULL)"),
		q("CREATE TABLE dbo.b (id int NOT NULL PRIMARY KEY, n int NOT NULL)"),
		q("INSERT dbo.a VALUES (1, 0), (2, 0); INSERT dbo.b VALUES (1, 0), (2, 0)"),
		q("CREATE TRIGGER dbo.ta ON dbo.a AFTER UPDATE AS IF NOT EXISTS (SELECT * FROM inserted) RETURN; DECLARE @id int, @n int; SELECT @id = id, @n = n FROM inserted; UPDATE dbo.b SET n = n + 1 WHERE id = @id AND n < @n + 3"),
		q("CREATE TRIGGER dbo.tb ON dbo.b AFTER UPDATE AS IF NOT EXISTS (SELECT * FROM inserted) RETURN; DECLARE @id int, @n int; SELECT @id = id, @n = n FROM inserted; UPDATE dbo.a SET n = n + 1 WHERE id = @id AND n < 6"),
		x("UPDATE dbo.a SET n = n + @p2 WHERE id = @p1", declII, aInt(1), aInt(1)),
		x("UPDATE dbo.a SET n = n + @p2 WHERE id = @p1", declII, aInt(2), aInt(1)),
		x("UPDATE dbo.a SET n = n + @p2 WHERE id = @p1", declII, aInt(1), aInt(1)),
		q("SELECT 'a', * FROM dbo.a UNION ALL SELECT 'b', * FROM dbo.b ORDER BY 1, 2"),
	}},
	{name: "constraint errors", steps: []dmlStep{
		q("CREATE TABLE dbo.p (id int NOT NULL PRIMARY KEY)"),
		q("INSERT dbo.p VALUES (1), (2)"),
		q("CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, v varchar(5) NOT NULL, n int NULL, g int NULL REFERENCES dbo.p (id), CONSTRAINT ck_n CHECK (n >= 0))"),
		q("INSERT dbo.t VALUES (1, 'a', 1, 1), (2, 'b', 2, 2), (3, 'c', 3, NULL)"),
		x(updID, declII, aInt(1), aInt(2)), // 2627
		x(updID, declII, aInt(1), aInt(10)),
		x(updID, declII, aInt(10), aInt(3)),  // 2627
		x(updAdd, declII, aInt(2), aInt(-5)), // 547 CHECK
		x(updAdd, declII, aInt(2), aInt(5)),
		x("UPDATE dbo.t SET g = @p2 WHERE id = @p1", declII, aInt(2), aInt(7)), // 547 FK
		x("UPDATE dbo.t SET g = @p2 WHERE id = @p1", declII, aInt(3), aInt(1)),
		x(updT, declIV, aInt(3), aNullVC(20)),            // 515
		x("DELETE dbo.p WHERE id = @p1", declI, aInt(1)), // 547 referenced
		x("DELETE dbo.p WHERE id = @p1", declI, aInt(2)), // 547
		x("UPDATE dbo.t SET g = @p2 WHERE id = @p1", declII, aInt(2), aNullInt()),
		x("DELETE dbo.p WHERE id = @p1", declI, aInt(2)),
		q("CREATE UNIQUE INDEX ux ON dbo.t (v)"),
		x(updT, declIV, aInt(3), aVC("a", 20)), // 2601
		x(updT, declIV, aInt(3), aVC("z", 20)),
		q(selAll),
	}},
	{name: "schema changes between executions", steps: []dmlStep{
		q(tDDL), q(tRows),
		x(updG, declIV, aInt(1), aVC("g1", 20)),
		x(updG, declIV, aInt(2), aVC("g2", 20)),
		x(delG, declI, aInt(9)),
		q("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 7"),
		x(updG, declIV, aInt(1), aVC("g1b", 20)),
		x(delG, declI, aInt(9)),
		q(selAll),
		q("ALTER TABLE dbo.t DROP COLUMN v"),
		x(updG, declIV, aInt(1), aVC("g1c", 20)), // 207
		x(updAdd, declII, aInt(1), aInt(1)),
		q("ALTER TABLE dbo.t ADD v int NULL"),
		x(updG, declIV, aInt(1), aVC("12", 20)),
		x(updG, declIV, aInt(1), aVC("x", 20)), // 245
		q("CREATE INDEX ix_g ON dbo.t (g)"),
		x(updG, declIV, aInt(2), aVC("34", 20)),
		x(delG, declI, aInt(3)),
		q("DROP INDEX ix_g ON dbo.t"),
		x(updG, declIV, aInt(2), aVC("56", 20)),
		q("ALTER TABLE dbo.t ADD CONSTRAINT ck_v CHECK (v < 50)"),
		x(updG, declIV, aInt(2), aVC("78", 20)), // 547
		x(updG, declIV, aInt(2), aVC("9", 20)),
		q("ALTER TABLE dbo.t ADD c AS n * 2"),
		x(updAdd, declII, aInt(2), aInt(5)),
		q("ALTER TABLE dbo.t ALTER COLUMN n bigint NULL"),
		x(updAdd, declII, aInt(2), aInt(2147483647)),
		q(selAll),
		q("DROP TABLE dbo.t"),
		x(updG, declIV, aInt(2), aVC("9", 20)), // 208
		x(delG, declI, aInt(3)),
		q("CREATE TABLE dbo.t (g int NULL, v varchar(2) NULL, id int NOT NULL PRIMARY KEY)"),
		q("INSERT dbo.t VALUES (2, 'x', 1), (3, 'y', 2)"),
		x(updG, declIV, aInt(2), aVC("new", 20)), // 2628
		x(updG, declIV, aInt(2), aVC("nw", 20)),
		x(delG, declI, aInt(3)),
		q("SELECT * FROM dbo.t ORDER BY id"),
	}},
	{name: "set options", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("ALTER TABLE dbo.t ADD d date NULL"),
		q("UPDATE dbo.t SET d = '2020-04-03' WHERE id = 1; UPDATE dbo.t SET d = '2020-03-04' WHERE id = 2"),
		x("UPDATE dbo.t SET v = @p2 WHERE n = @p1", declIV, aNullInt(), aVC("nul", 20)),
		x("UPDATE dbo.t SET v = @p2 WHERE n = @p1", declIV, aNullInt(), aVC("nul", 20)),
		x("DELETE dbo.t WHERE g = @p1", declI, aNullInt()),
		x("DELETE dbo.t WHERE g = @p1", declI, aNullInt()),
		q("SET ANSI_NULLS OFF"),
		x("UPDATE dbo.t SET v = @p2 WHERE n = @p1", declIV, aNullInt(), aVC("nul", 20)),
		x("UPDATE dbo.t SET v = @p2 WHERE n = @p1", declIV, aNullInt(), aVC("nul1", 20)),
		x("DELETE dbo.t WHERE g = @p1", declI, aNullInt()),
		q("SET ANSI_NULLS ON"),
		x("UPDATE dbo.t SET v = @p2 WHERE n = @p1", declIV, aNullInt(), aVC("nul2", 20)),
		x("UPDATE dbo.t SET v = @p2 WHERE n = @p1", declIV, aNullInt(), aVC("nul3", 20)),
		x(updAdd, declII, aInt(5), aInt(2147483647)), // 8115
		q("SET ARITHABORT OFF; SET ANSI_WARNINGS OFF"),
		x(updAdd, declII, aInt(5), aInt(2147483647)), // NULL
		x(updG, declIV, aInt(3), aVC("toolong", 20)), // truncated
		q("SET ARITHABORT ON; SET ANSI_WARNINGS ON"),
		x(updG, declIV, aInt(3), aVC("toolong", 20)), // 2628
		x("UPDATE dbo.t SET g = 40 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(9)),
		x("UPDATE dbo.t SET g = 40 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(9)),
		q("SET DATEFORMAT dmy"),
		x("UPDATE dbo.t SET g = 40 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(9)),
		x("UPDATE dbo.t SET g = 41 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(9)),
		x("UPDATE dbo.t SET g = 40 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(9)),
		q("SET DATEFORMAT mdy"),
		x("UPDATE dbo.t SET g = 50 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(9)),
		q("SET LANGUAGE british"),
		x("UPDATE dbo.t SET g = 50 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(9)),
		x("UPDATE dbo.t SET g = 50 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(8)),
		q("SET LANGUAGE us_english"),
		x("UPDATE dbo.t SET g = 50 WHERE d = '04/03/2020' AND id < @p1", declI, aInt(9)),
		x("UPDATE dbo.t SET v = v + @p2 WHERE id = @p1", declIV, aInt(1), aNullVC(20)),
		x("UPDATE dbo.t SET v = v + @p2 WHERE id = @p1", declIV, aInt(2), aNullVC(20)),
		q("SET CONCAT_NULL_YIELDS_NULL OFF"),
		x("UPDATE dbo.t SET v = v + @p2 WHERE id = @p1", declIV, aInt(2), aNullVC(20)),
		x("UPDATE dbo.t SET v = v + @p2 WHERE id = @p1", declIV, aInt(4), aNullVC(20)),
		q("SET CONCAT_NULL_YIELDS_NULL ON"),
		q("SET NOCOUNT ON"),
		x(updAdd, declII, aInt(1), aInt(1)),
		q("SET NOCOUNT OFF"),
		x(updAdd, declII, aInt(1), aInt(1)),
		q(selAll),
	}},
	{name: "explicit transactions", steps: []dmlStep{
		q(tDDL), q(tRows),
		x(updAdd, declII, aInt(1), aInt(1)),
		q("BEGIN TRANSACTION"),
		x(updAdd, declII, aInt(1), aInt(1)),
		x(updAdd, declII, aInt(2), aInt(1)),
		x(delG, declI, aInt(3)),
		q(selAll),
		q("ROLLBACK"),
		q(selAll),
		q("BEGIN TRANSACTION"),
		x(updAdd, declII, aInt(1), aInt(1)),
		q("ALTER TABLE dbo.t ADD w int NOT NULL DEFAULT 3"),
		x(updAdd, declII, aInt(1), aInt(1)),
		x("UPDATE dbo.t SET w = w + @p2 WHERE id = @p1", declII, aInt(1), aInt(1)),
		x(delG, declI, aInt(3)),
		q("COMMIT"),
		x("UPDATE dbo.t SET w = w + @p2 WHERE id = @p1", declII, aInt(1), aInt(1)),
		q("SET XACT_ABORT ON"),
		q("BEGIN TRANSACTION"),
		x(updAdd, declII, aInt(2), aInt(1)),
		x(updAdd, declII, aInt(2), aInt(2147483647)), // 8115 dooms the transaction
		q("SELECT @@TRANCOUNT"),
		q("SET XACT_ABORT OFF"),
		q(selAll),
	}},
	{name: "variables of batches and procedures", steps: []dmlStep{
		q(tDDL), q(tRows),
		q("DECLARE @i int = 1; WHILE @i <= 3 BEGIN UPDATE dbo.t SET n = @i * 10 WHERE id = @i; SET @i += 1 END; SELECT * FROM dbo.t ORDER BY id"),
		q("DECLARE @i bigint = 2; WHILE @i <= 4 BEGIN UPDATE dbo.t SET n = @i * 10 WHERE id = @i; SET @i += 1 END; SELECT * FROM dbo.t ORDER BY id"),
		q("CREATE PROCEDURE dbo.up @id int, @d int AS BEGIN UPDATE dbo.t SET n = n + @d WHERE id = @id; IF @id < 4 EXEC dbo.up @id = @id + 1, @d = @d; DELETE dbo.t WHERE id = @id AND n > 1000 END"),
		q("EXEC dbo.up 1, 5"),
		q("EXEC dbo.up 2, 1000"),
		q(selAll),
	}},
	{name: "permissions and the user", asApp: true, steps: []dmlStep{
		q(tDDL), q(tRows),
		q("GRANT SELECT, UPDATE, DELETE ON dbo.t TO app"),
		x2(updT, declIV, aInt(1), aVC("app1", 20)),
		x2(updT, declIV, aInt(2), aVC("app2", 20)),
		x(updT, declIV, aInt(3), aVC("sa3", 20)),
		x(updT, declIV, aInt(4), aVC("sa4", 20)),
		q("DENY SELECT ON dbo.t TO app"),
		x2(updT, declIV, aInt(1), aVC("deny", 20)), // 229
		x(updT, declIV, aInt(1), aVC("sa1", 20)),
		q("EXECUTE AS USER = 'app'"),
		x(updT, declIV, aInt(1), aVC("as", 20)), // 229: same catalog, another user
		x(delT, declI, aInt(5)),                 // 229
		q("REVERT"),
		x(updT, declIV, aInt(1), aVC("sa1b", 20)),
		q("REVOKE SELECT ON dbo.t FROM app"),
		q("GRANT SELECT ON dbo.t TO app"),
		x2(updAdd, declII, aInt(2), aInt(1)),
		x2(updAdd, declII, aInt(2), aInt(1)),
		q("DENY SELECT ON dbo.t (n) TO app"),
		x2(updT, declIV, aInt(2), aVC("app2b", 20)),
		x2(updAdd, declII, aInt(2), aInt(1)), // 230
		x(updAdd, declII, aInt(2), aInt(1)),
		q("EXECUTE AS USER = 'app'"),
		x(updAdd, declII, aInt(2), aInt(1)), // 230
		x(updT, declIV, aInt(2), aVC("as2", 20)),
		q("REVERT"),
		x(updAdd, declII, aInt(2), aInt(1)),
		q(selAll),
	}},
	{name: "function calls, subqueries and variable assignments are not compiled", unplanned: true, steps: []dmlStep{
		q(tDDL), q(tRows),
		x("UPDATE dbo.t SET v = LEFT(@p2, 2) WHERE id = @p1", declIV, aInt(1), aVC("abc", 20)),
		x("UPDATE dbo.t SET v = LEFT(@p2, 2) WHERE id = @p1", declIV, aInt(2), aVC("def", 20)),
		x("UPDATE dbo.t SET n = (SELECT MAX(n) FROM dbo.t) WHERE id = @p1", declI, aInt(3)),
		x("UPDATE dbo.t SET n = (SELECT MAX(n) FROM dbo.t) WHERE id = @p1", declI, aInt(3)),
		q("DECLARE @o int; UPDATE dbo.t SET @o = n = n + 1 WHERE id = 1; UPDATE dbo.t SET @o = n = n + 1 WHERE id = 1; SELECT @o"),
		x("DELETE dbo.t WHERE id = @p1 AND @@ROWCOUNT >= 0", declI, aInt(5)),
		x("DELETE dbo.t WHERE id = @p1 AND @@ROWCOUNT >= 0", declI, aInt(4)),
		q(selAll),
	}},
}

// TestDMLCompiledSameAsWithout runs every script with kept compiled
// UPDATE/DELETE parts and with no DML plans at all, and requires the same
// rows, errors (number, severity, state, text) and counts, step by step;
// with them on, the compiled scripts must have run statements from kept
// parts, and the others none.
func TestDMLCompiledSameAsWithout(t *testing.T) {
	for _, tc := range dmlCompiledCases {
		t.Run(tc.name, func(t *testing.T) { compiledSameAsWithout(t, tc.steps, tc.asApp, tc.unplanned) })
	}
}

// compiledSameAsWithout runs one script with kept compiled parts (DML plans
// and their compiled parts on) and with no DML plans at all, and requires
// the same trace; with them on, statements must have run from kept parts,
// or none when unplanned. DMLPLAN_TRACE=1 logs the trace.
func compiledSameAsWithout(t *testing.T, steps []dmlStep, asApp, unplanned bool) {
	t.Helper()
	run := func(on bool) ([]string, int64) {
		return runPlanCase(t, steps, asApp, func(s *exec.Session) {
			exec.SetDMLPlans(s, on)
			exec.SetDMLCompiled(s, on)
		}, exec.DMLCompiledHits)
	}
	want, offHits := run(false)
	got, hits := run(true)
	if offHits != 0 {
		t.Errorf("off: %d statements ran from a compiled part", offHits)
	}
	if unplanned && hits != 0 {
		t.Errorf("%d statements ran from a compiled part, want none", hits)
	}
	if !unplanned && hits == 0 {
		t.Errorf("no statement ran from a compiled part")
	}
	if os.Getenv("DMLPLAN_TRACE") != "" {
		t.Logf("trace (%d hits):\n%s", hits, strings.Join(got, "\n"))
	}
	if !slices.Equal(got, want) {
		t.Errorf("with compiled parts:\n%s\nwithout:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDMLCompiledConcurrentSessions runs kept UPDATEs and DELETEs on four
// sessions at once (run it with -race), in phases between which a fifth
// session changes the table's columns, indexes and constraints: every
// increment an UPDATE reported must be in the table at the end. (DML that
// meets DDL committing under it is TestDMLAfterConcurrentDDL's.)
func TestDMLCompiledConcurrentSessions(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	inst := openExecTestInstance(t, "dmlcompiled")
	admin := newSASession(t, inst)
	run := func(s *exec.Session, sql string) []string { t.Helper(); return mustTrace(ctx, t, s, sql) }
	run(admin, "CREATE DATABASE dc")
	run(admin, "USE dc")
	run(admin, "CREATE TABLE dbo.t (id int NOT NULL PRIMARY KEY, n int NOT NULL, v varchar(20) NULL)")
	run(admin, "DECLARE @i int = 0; WHILE @i < 40 BEGIN INSERT dbo.t VALUES (@i, 0, 'x'); SET @i += 1 END")
	const workers, rounds = 4, 40
	sessions := newSessions(t, inst, "dc", workers)
	var added [workers]int64
	var deleted atomic.Int64
	phase := func(ph int) {
		var wg sync.WaitGroup
		errs := make(chan string, workers)
		for w, s := range sessions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range rounds {
					o := &dmlTrace{}
					id := int32((i*7 + w*3 + ph) % 30) // ids 0..29 are shared; 30..39 are deleted
					args := []*exec.ProcArg{
						{Name: "@p1", Value: types.NewInt(id), Type: types.TypeInt},
						{Name: "@p2", Value: types.NewInt(1), Type: types.TypeInt},
					}
					if err := s.ExecuteSQL(ctx, "UPDATE dbo.t SET n = n + @p2 WHERE id = @p1", "@p1 int, @p2 int", args, o); err != nil || len(o.lines) != 1 || o.lines[0] != "done 1" {
						errs <- fmt.Sprintf("update %d: %v %v", id, err, o.lines)
						return
					}
					added[w]++
					if i%10 == w {
						o := &dmlTrace{}
						del := []*exec.ProcArg{{Name: "@p1", Value: types.NewInt(int32(30 + (i+ph*3+w)%10)), Type: types.TypeInt}}
						if err := s.ExecuteSQL(ctx, "DELETE FROM dbo.t WHERE id = @p1", "@p1 int", del, o); err != nil || len(o.lines) != 1 || strings.HasPrefix(o.lines[0], "error") {
							errs <- fmt.Sprintf("delete: %v %v", err, o.lines)
							return
						}
						if o.lines[0] == "done 1" {
							deleted.Add(1)
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	}
	ddl := []string{
		"ALTER TABLE dbo.t ADD w int NULL",
		"CREATE INDEX ix_n ON dbo.t (n)",
		"ALTER TABLE dbo.t ADD CONSTRAINT ck_n CHECK (n >= 0)",
		"ALTER TABLE dbo.t DROP COLUMN w",
		"DROP INDEX ix_n ON dbo.t",
		"ALTER TABLE dbo.t DROP CONSTRAINT ck_n",
		"ALTER TABLE dbo.t ALTER COLUMN n bigint NOT NULL",
	}
	phase(0)
	for i, sql := range ddl {
		run(admin, sql)
		phase(i + 1)
	}
	var total int64
	for _, n := range added {
		total += n
	}
	var hits int64
	for _, s := range sessions {
		hits += exec.DMLCompiledHits(s)
	}
	if hits == 0 {
		t.Error("no statement ran from a kept compiled part")
	}
	o := &dmlTrace{}
	if err := admin.ExecBatch(ctx, "SELECT SUM(n), COUNT(*) FROM dbo.t", o); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%d|%d", total, 40-deleted.Load()); len(o.lines) < 2 || o.lines[1] != want {
		t.Errorf("sum and count %v, want %s", o.lines, want)
	}
}

package main

import (
	"context"
	"fmt"
)

// The data set, identical on both systems:
//   big (1,000,000 rows): id 0..999999, grp = id % 100, val in 0..999, pad 'row'
//   j1, j2 (100,000 rows each): j1.k = id*7 % 100000 references j2's primary key
//   kv (10,000 rows) for UPDATE by key; ins (empty) for INSERT commits.

// msSchema creates database bench on a mirrorsql instance. Rows are made
// with INSERT … SELECT over a 1,000-row numbers table, 100,000 rows per
// statement (a statement is one transaction).
func msSchema(ctx context.Context, in *instance) error {
	script := `CREATE TABLE dbo.d (n int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.big (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL)
CREATE TABLE dbo.j1 (id int NOT NULL PRIMARY KEY, k int NOT NULL, v int NOT NULL)
CREATE TABLE dbo.j2 (id int NOT NULL PRIMARY KEY, v int NOT NULL)
CREATE TABLE dbo.kv (id int NOT NULL PRIMARY KEY, v int NOT NULL)
CREATE TABLE dbo.ins (id bigint NOT NULL PRIMARY KEY, v varchar(50) NOT NULL)
GO
SET NOCOUNT ON
DECLARE @i int = 0
BEGIN TRAN
WHILE @i < 1000
BEGIN
	INSERT dbo.d VALUES (@i)
	SET @i += 1
END
COMMIT
`
	for lo := 0; lo < 1000; lo += 100 {
		script += fmt.Sprintf("GO\nINSERT INTO dbo.big (id, grp, val, pad) SELECT a.n*1000+c.n, (a.n*1000+c.n) %% 100, (a.n*7919 + c.n*31) %% 1000, 'row' FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n >= %d AND a.n < %d\n", lo, lo+100)
	}
	script += `GO
INSERT INTO dbo.j1 (id, k, v) SELECT a.n*1000+c.n, ((a.n*1000+c.n)*7) % 100000, c.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100
GO
INSERT INTO dbo.j2 (id, v) SELECT a.n*1000+c.n, a.n FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 100
GO
INSERT INTO dbo.kv (id, v) SELECT a.n*1000+c.n, 0 FROM dbo.d a CROSS JOIN dbo.d c WHERE a.n < 10
`
	if err := in.exec(ctx, "master", "CREATE DATABASE bench"); err != nil {
		return err
	}
	return in.exec(ctx, "bench", script)
}

// pgSchema creates the same tables in PostgreSQL's bench database.
func pgSchema(ctx context.Context, dsn string) error {
	if err := pgExec(ctx, dsn, `
DROP TABLE IF EXISTS big, j1, j2, kv, ins;
CREATE TABLE big (id int NOT NULL PRIMARY KEY, grp int NOT NULL, val int NOT NULL, pad varchar(20) NOT NULL);
CREATE TABLE j1 (id int NOT NULL PRIMARY KEY, k int NOT NULL, v int NOT NULL);
CREATE TABLE j2 (id int NOT NULL PRIMARY KEY, v int NOT NULL);
CREATE TABLE kv (id int NOT NULL PRIMARY KEY, v int NOT NULL);
CREATE TABLE ins (id bigint NOT NULL PRIMARY KEY, v varchar(50) NOT NULL);
INSERT INTO big SELECT g, g % 100, ((g/1000)*7919 + (g%1000)*31) % 1000, 'row' FROM generate_series(0, 999999) g;
INSERT INTO j1 SELECT g, (g*7) % 100000, g % 1000 FROM generate_series(0, 99999) g;
INSERT INTO j2 SELECT g, g / 1000 FROM generate_series(0, 99999) g;
INSERT INTO kv SELECT g, 0 FROM generate_series(0, 9999) g;`); err != nil {
		return err
	}
	// VACUUM cannot run inside the implicit transaction of a multi-statement query.
	return pgExec(ctx, dsn, "VACUUM ANALYZE")
}

// The statements of the workloads, in both dialects.
var (
	qSelect1 = stmt{"SELECT 1", "SELECT 1"}
	qStream  = stmt{"SELECT id, grp, val, pad FROM dbo.big", "SELECT id, grp, val, pad FROM big"}
	qInsert  = stmt{"INSERT INTO dbo.ins (id, v) VALUES (@p1, @p2)", "INSERT INTO ins (id, v) VALUES ($1, $2)"}
	qPoint   = stmt{"SELECT pad FROM dbo.big WHERE id = @p1", "SELECT pad FROM big WHERE id = $1"}
	qScan    = stmt{"SELECT id FROM dbo.big WHERE val = 7", "SELECT id FROM big WHERE val = 7"}
	qGroup   = stmt{"SELECT grp, COUNT(*), SUM(val) FROM dbo.big GROUP BY grp", "SELECT grp, COUNT(*), SUM(val) FROM big GROUP BY grp"}
	qJoin    = stmt{"SELECT COUNT(*), SUM(j2.v) FROM dbo.j1 JOIN dbo.j2 ON j2.id = j1.k", "SELECT COUNT(*), SUM(j2.v) FROM j1 JOIN j2 ON j2.id = j1.k"}
	qUpdate  = stmt{"UPDATE dbo.kv SET v = v + 1 WHERE id = @p1", "UPDATE kv SET v = v + 1 WHERE id = $1"}
)

-- SELECT … INTO copies a table's IDENTITY property when the identity column
-- is selected as itself, once, from one table without GROUP BY, aggregates
-- or a set operation; the copied values are kept and the next generated one
-- follows the last of them (SQL Server's "SELECT - INTO Clause").
CREATE TABLE dbo.idsrc (id int IDENTITY(10, 5) NOT NULL PRIMARY KEY, v varchar(10) NOT NULL)
INSERT dbo.idsrc (v) VALUES ('a'), ('b'), ('c')
GO
SELECT * INTO dbo.idstar FROM dbo.idsrc
INSERT dbo.idstar (v) VALUES ('d')
SELECT id, v FROM dbo.idstar ORDER BY id
-- expect: id | v
-- 10 | a
-- 15 | b
-- 20 | c
-- 25 | d
GO
SELECT name, is_identity, is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('dbo.idstar') ORDER BY column_id
-- expect: name | is_identity | is_nullable
-- id | 1 | 0
-- v | 0 | 0
GO
SELECT IDENT_SEED('dbo.idstar') AS seed, IDENT_INCR('dbo.idstar') AS incr, IDENT_CURRENT('dbo.idstar') AS cur
-- expect: seed | incr | cur
-- 10 | 5 | 25
GO
-- An alias and a WHERE keep it; rows not copied do not move the counter.
SELECT s.id AS k, s.v INTO dbo.idalias FROM dbo.idsrc AS s WHERE s.id < 20
INSERT dbo.idalias (v) VALUES ('x')
SELECT k, v FROM dbo.idalias ORDER BY k
-- expect: k | v
-- 10 | a
-- 15 | b
-- 20 | x
GO
-- A negative increment is copied as such.
CREATE TABLE dbo.iddown (id bigint IDENTITY(-1, -2) NOT NULL, v int NOT NULL)
INSERT dbo.iddown (v) VALUES (1), (2)
SELECT id, v INTO dbo.iddowncopy FROM dbo.iddown
INSERT dbo.iddowncopy (v) VALUES (3)
SELECT id, v FROM dbo.iddowncopy ORDER BY v
-- expect: id | v
-- -1 | 1
-- -3 | 2
-- -5 | 3
GO
-- No IDENTITY when the column is listed twice, grouped, computed, joined or
-- part of a UNION.
SELECT id, id AS id2, v INTO dbo.idtwice FROM dbo.idsrc
SELECT id, COUNT(*) AS n INTO dbo.idgrouped FROM dbo.idsrc GROUP BY id
SELECT id + 0 AS id, v INTO dbo.idexpr FROM dbo.idsrc
SELECT a.id, b.v INTO dbo.idjoined FROM dbo.idsrc a JOIN dbo.idsrc b ON b.id = a.id
SELECT id, v INTO dbo.idunion FROM dbo.idsrc UNION ALL SELECT id, v FROM dbo.idsrc
SELECT OBJECT_NAME(object_id) AS t, name FROM sys.columns WHERE is_identity = 1 AND OBJECT_NAME(object_id) LIKE 'id%' ORDER BY t
-- expect: t | name
-- idalias | k
-- iddown | id
-- iddowncopy | id
-- idsrc | id
-- idstar | id
GO

-- OUTPUT … INTO a table or table variable with a column list, for INSERT,
-- UPDATE, DELETE and MERGE: items are stored in the listed columns in list
-- order, columns not named get their defaults (or identity values), and the
-- counts must agree (213 without a list, 120/121 with one).
CREATE TABLE t (id int IDENTITY PRIMARY KEY, a int NOT NULL, b varchar(10) NULL)
CREATE TABLE audit (n int IDENTITY(100, 1), x int, y varchar(10) DEFAULT 'dflt', z int NULL)
GO
INSERT INTO t OUTPUT inserted.a INTO audit (x) VALUES (1, 'q')
SELECT n, x, y, z FROM audit
-- expect: n | x | y | z
-- 100 | 1 | dflt | NULL
GO
INSERT INTO t (a, b) OUTPUT inserted.b, inserted.a INTO audit (y, x) SELECT 2, 'r'
SELECT n, x, y, z FROM audit WHERE n = 101
-- expect: n | x | y | z
-- 101 | 2 | r | NULL
GO
INSERT INTO t (a) OUTPUT inserted.a, inserted.b, inserted.id INTO audit VALUES (3)
SELECT n, x, y, z FROM audit WHERE n = 102
-- expect: n | x | y | z
-- 102 | 3 | NULL | 3
GO
UPDATE t SET a = a * 10 OUTPUT deleted.a, inserted.a INTO audit (z, x) WHERE id = 1
SELECT n, x, y, z FROM audit WHERE n = 103
-- expect: n | x | y | z
-- 103 | 10 | dflt | 1
GO
DELETE FROM t OUTPUT deleted.id INTO audit (z) WHERE id = 3
SELECT n, x, y, z FROM audit WHERE n = 104
-- expect: n | x | y | z
-- 104 | NULL | dflt | 3
GO
DECLARE @tv TABLE (c1 int, c2 varchar(10) DEFAULT 'tv', c3 int)
MERGE t AS tgt USING (SELECT 2 AS id) AS src ON tgt.id = src.id
WHEN MATCHED THEN UPDATE SET b = 'm'
OUTPUT inserted.id, $action INTO @tv (c3, c2);
DECLARE @tv2 TABLE (c1 int, c2 varchar(10) DEFAULT 'tv', c3 int)
INSERT INTO t (a, b) OUTPUT inserted.a INTO @tv2 (c1) SELECT 7, 'x'
SELECT c1, c2, c3 FROM @tv UNION ALL SELECT c1, c2, c3 FROM @tv2
-- expect: c1 | c2 | c3
-- NULL | UPDATE | 2
-- 7 | tv | NULL
GO
INSERT INTO t (a) OUTPUT inserted.a, inserted.b INTO audit (x) VALUES (4)
-- error: 121 The select list for the INSERT statement contains more items than the insert list. The number of SELECT values must match the number of INSERT columns.
GO
INSERT INTO t (a) OUTPUT inserted.a INTO audit (x, y) VALUES (4)
-- error: 120 The select list for the INSERT statement contains fewer items than the insert list. The number of SELECT values must match the number of INSERT columns.
GO
INSERT INTO t (a) OUTPUT inserted.a INTO audit VALUES (4)
-- error: 213 Column name or number of supplied values does not match table definition.
GO
INSERT INTO t (a) OUTPUT inserted.a INTO audit (nope) VALUES (4)
-- error: 207 Invalid column name 'nope'.
GO
INSERT INTO t (a) OUTPUT inserted.a INTO audit (n) VALUES (4)
-- error: 544 Cannot insert explicit value for identity column in table 'audit' when IDENTITY_INSERT is set to OFF.
GO
INSERT INTO t (a) SELECT 1, 2
-- error: 121 The select list for the INSERT statement contains more items than the insert list. The number of SELECT values must match the number of INSERT columns.
GO
INSERT INTO t SELECT 1
-- error: 213 Column name or number of supplied values does not match table definition.
GO
SELECT COUNT(*) AS n FROM t
-- expect: n
-- 3
GO
-- An OUTPUT INTO table may have no enabled trigger (331), no foreign key on
-- either side (332) and no enabled CHECK constraint (333): its rows are not
-- checked as an INSERT's are. A table variable may have CHECKs.
CREATE TABLE dbo.out_src (id int PRIMARY KEY, v int);
CREATE TABLE dbo.out_trig (id int, v int);
CREATE TABLE dbo.out_check (id int, v int CONSTRAINT ck_out_check_v CHECK (v > 0));
CREATE TABLE dbo.out_parent (id int PRIMARY KEY);
CREATE TABLE dbo.out_child (pid int CONSTRAINT fk_out_child_parent REFERENCES dbo.out_parent (id), v int);
GO
CREATE TRIGGER dbo.out_trig_ins ON dbo.out_trig AFTER INSERT AS SET NOCOUNT ON;
GO
INSERT dbo.out_src OUTPUT inserted.id, inserted.v INTO dbo.out_trig VALUES (1, 1);
-- error: 331 The target table 'dbo.out_trig' of the OUTPUT INTO clause cannot have any enabled triggers.
GO
INSERT dbo.out_src OUTPUT inserted.id, inserted.v INTO dbo.out_child VALUES (1, 1);
-- error: 332 The target table 'dbo.out_child' of the OUTPUT INTO clause cannot be on either side of a (primary key, foreign key) relationship. Found reference constraint 'fk_out_child_parent'.
GO
INSERT dbo.out_src OUTPUT inserted.id INTO dbo.out_parent VALUES (1, 1);
-- error: 332 The target table 'dbo.out_parent' of the OUTPUT INTO clause cannot be on either side of a (primary key, foreign key) relationship. Found reference constraint 'fk_out_child_parent'.
GO
INSERT dbo.out_src OUTPUT inserted.id, inserted.v INTO dbo.out_check VALUES (1, 1);
-- error: 333 The target table 'dbo.out_check' of the OUTPUT INTO clause cannot have any enabled check constraints or any enabled rules. Found check constraint or rule 'ck_out_check_v'.
GO
ALTER TABLE dbo.out_check NOCHECK CONSTRAINT ck_out_check_v;
DISABLE TRIGGER dbo.out_trig_ins ON dbo.out_trig;
DECLARE @tv TABLE (id int, v int CHECK (v > 0));
INSERT dbo.out_src OUTPUT inserted.id, inserted.v INTO dbo.out_check VALUES (2, 2);
INSERT dbo.out_src OUTPUT inserted.id, inserted.v INTO dbo.out_trig VALUES (3, 3);
INSERT dbo.out_src OUTPUT inserted.id, inserted.v INTO @tv VALUES (4, 4);
SELECT (SELECT COUNT(*) FROM dbo.out_src) AS src, (SELECT COUNT(*) FROM dbo.out_check) AS chk,
  (SELECT COUNT(*) FROM dbo.out_trig) AS trg, (SELECT COUNT(*) FROM @tv) AS tv;
-- expect: src | chk | trg | tv
-- 3 | 1 | 1 | 1
GO

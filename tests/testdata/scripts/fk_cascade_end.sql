-- A DELETE, UPDATE or MERGE writes the rows its cascades change (ON UPDATE
-- CASCADE, SET NULL, SET DEFAULT) and then checks its foreign keys, when
-- the statement ends, as SQL Server's plan does: a cascade finds each
-- child by the key it had when the statement began, so a multi-row key
-- swap moves every child once; the key a cascaded row moves to must exist
-- in its other parents, and the key it leaves must not be referenced by
-- its own children (547 either way, and the statement leaves nothing).
CREATE TABLE dbo.P (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.C (id int NOT NULL PRIMARY KEY, pk int NULL CONSTRAINT FK_C_P REFERENCES dbo.P (k) ON UPDATE CASCADE)
INSERT dbo.P VALUES (1), (2), (3)
INSERT dbo.C VALUES (10, 1), (20, 2), (30, 3)
GO
-- Two keys swapped: each child follows its own parent.
UPDATE dbo.P SET k = CASE k WHEN 1 THEN 2 WHEN 2 THEN 1 ELSE k END
SELECT id, pk FROM dbo.C ORDER BY id
-- expect: id | pk
-- 10 | 2
-- 20 | 1
-- 30 | 3
GO
-- Three keys rotated by MERGE.
MERGE dbo.P AS t USING (VALUES (1, 2), (2, 3), (3, 1)) AS s (old, new) ON t.k = s.old
WHEN MATCHED THEN UPDATE SET t.k = s.new;
SELECT id, pk FROM dbo.C ORDER BY id
-- expect: id | pk
-- 10 | 3
-- 20 | 2
-- 30 | 1
GO
-- A chain: B's key cascades from A and is referenced by G (NO ACTION, no
-- index on G's column) and H (NO ACTION, indexed).
CREATE TABLE dbo.A (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.B (k int NOT NULL PRIMARY KEY CONSTRAINT FK_B_A REFERENCES dbo.A (k) ON UPDATE CASCADE, tag char(1) NOT NULL)
CREATE TABLE dbo.G (id int NOT NULL PRIMARY KEY, bk int NOT NULL CONSTRAINT FK_G_B REFERENCES dbo.B (k))
CREATE TABLE dbo.H (id int NOT NULL PRIMARY KEY, bk int NOT NULL CONSTRAINT FK_H_B REFERENCES dbo.B (k), INDEX IX_H_bk (bk))
INSERT dbo.A VALUES (1), (2)
INSERT dbo.B VALUES (1, 'x'), (2, 'y')
INSERT dbo.G VALUES (100, 1), (200, 2)
INSERT dbo.H VALUES (100, 1), (200, 2)
GO
UPDATE dbo.A SET k = 3 - k
SELECT k, tag FROM dbo.B ORDER BY k
-- expect: k | tag
-- 1 | y
-- 2 | x
GO
-- B's key 1 goes away while G and H reference it.
UPDATE dbo.A SET k = 5 WHERE k = 1
-- error: 547
-- message: The statement has been terminated.
GO
DELETE dbo.G WHERE bk = 1
UPDATE dbo.A SET k = 5 WHERE k = 1
-- error: 547
-- message: The statement has been terminated.
GO
DELETE dbo.H WHERE bk = 1
UPDATE dbo.A SET k = 5 WHERE k = 1
SELECT k, tag FROM dbo.B ORDER BY k
-- expect: k | tag
-- 2 | x
-- 5 | y
GO
-- The key a cascade moves S's row to must exist in Q as well.
CREATE TABLE dbo.Q (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.R (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.S (id int NOT NULL PRIMARY KEY, k int NOT NULL,
  CONSTRAINT FK_S_R FOREIGN KEY (k) REFERENCES dbo.R (k) ON UPDATE CASCADE,
  CONSTRAINT FK_S_Q FOREIGN KEY (k) REFERENCES dbo.Q (k))
INSERT dbo.Q VALUES (1), (2)
INSERT dbo.R VALUES (1)
INSERT dbo.S VALUES (1, 1)
GO
UPDATE dbo.R SET k = 5
-- error: 547
-- message: The statement has been terminated.
GO
SELECT r.k AS r, s.k AS s FROM dbo.R AS r CROSS JOIN dbo.S AS s
-- expect: r | s
-- 1 | 1
GO
UPDATE dbo.R SET k = 2
SELECT id, k FROM dbo.S
-- expect: id | k
-- 1 | 2
GO
-- SET DEFAULT: the default must have its parent when the statement ends.
CREATE TABLE dbo.D (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.E (id int NOT NULL PRIMARY KEY, dk int NOT NULL CONSTRAINT DF_E_dk DEFAULT 0
  CONSTRAINT FK_E_D REFERENCES dbo.D (k) ON UPDATE SET DEFAULT ON DELETE SET DEFAULT)
INSERT dbo.D VALUES (0), (1), (2)
INSERT dbo.E VALUES (1, 1), (2, 2)
GO
-- Key 0, the default, moves away in the same statement.
UPDATE dbo.D SET k = k + 10
-- error: 547
-- message: The statement has been terminated.
GO
DELETE dbo.D WHERE k IN (0, 1)
-- error: 547
-- message: The statement has been terminated.
GO
SELECT (SELECT COUNT(*) FROM dbo.D) AS d, (SELECT SUM(dk) FROM dbo.E) AS e
-- expect: d | e
-- 3 | 3
GO
-- Another row takes key 0 as the first row's child takes the default.
UPDATE dbo.D SET k = CASE k WHEN 0 THEN 7 WHEN 1 THEN 0 ELSE k END
SELECT id, dk FROM dbo.E ORDER BY id
-- expect: id | dk
-- 1 | 0
-- 2 | 2
GO
-- NO ACTION keys of another table are checked at the end too: a swap of
-- referenced keys by UPDATE or MERGE leaves every child its parent.
CREATE TABLE dbo.MP (k int NOT NULL PRIMARY KEY, v int NULL)
CREATE TABLE dbo.MC (id int NOT NULL PRIMARY KEY, pk int NOT NULL CONSTRAINT FK_MC_MP REFERENCES dbo.MP (k))
INSERT dbo.MP VALUES (1, 0), (2, 0)
INSERT dbo.MC VALUES (1, 1), (2, 2)
GO
UPDATE dbo.MP SET k = 3 - k, v = k
MERGE dbo.MP AS t USING (VALUES (1, 2), (2, 1)) AS s (old, new) ON t.k = s.old
WHEN MATCHED THEN UPDATE SET t.k = s.new, t.v = t.v * 10;
SELECT k, v FROM dbo.MP ORDER BY k
-- expect: k | v
-- 1 | 10
-- 2 | 20
GO
MERGE dbo.MP AS t USING (VALUES (1)) AS s (k) ON t.k = s.k WHEN MATCHED THEN DELETE;
-- error: 547
-- message: The statement has been terminated.
GO
MERGE dbo.MP AS t USING (VALUES (2, 3)) AS s (old, new) ON t.k = s.old
WHEN MATCHED THEN UPDATE SET t.k = s.new;
-- error: 547
-- message: The statement has been terminated.
GO
SELECT k FROM dbo.MP ORDER BY k
-- expect: k
-- 1
-- 2
GO
-- A cascaded row is completed and checked as an UPDATE's row is: its
-- CHECK constraints hold, its computed columns follow the new key and it
-- takes a new rowversion.
CREATE TABLE dbo.V (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.W (id int NOT NULL PRIMARY KEY,
  k int NOT NULL CONSTRAINT CK_W_k CHECK (k < 10) CONSTRAINT FK_W_V REFERENCES dbo.V (k) ON UPDATE CASCADE,
  twice AS k * 2 PERSISTED, thrice AS k * 3, rv rowversion)
INSERT dbo.V VALUES (1)
INSERT dbo.W (id, k) VALUES (1, 1)
GO
UPDATE dbo.V SET k = 50
-- error: 547
-- message: The statement has been terminated.
GO
DECLARE @rv binary(8) = (SELECT rv FROM dbo.W)
UPDATE dbo.V SET k = 5
SELECT k, twice, thrice, CASE WHEN rv > @rv THEN 'new' ELSE 'old' END AS rv FROM dbo.W WHERE twice = 10
-- expect: k | twice | thrice | rv
-- 5 | 10 | 15 | new
GO

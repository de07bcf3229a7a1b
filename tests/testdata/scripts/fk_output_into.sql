-- The table an OUTPUT … INTO writes to may not be on either side of a
-- FOREIGN KEY, enabled or not (332), whichever statement writes it —
-- INSERT, UPDATE, DELETE or MERGE — and the statement changes nothing.
CREATE TABLE dbo.Src (k int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.Parent (id int NOT NULL PRIMARY KEY)
CREATE TABLE dbo.Child (id int NULL, pid int NULL CONSTRAINT FK_Child_Parent REFERENCES dbo.Parent (id))
INSERT dbo.Src VALUES (1), (2)
GO
UPDATE dbo.Src SET k = k + 10 OUTPUT deleted.k, inserted.k INTO dbo.Child
-- error: 332 The target table 'dbo.Child' of the OUTPUT INTO clause cannot be on either side of a (primary key, foreign key) relationship. Found reference constraint 'FK_Child_Parent'.
GO
DELETE dbo.Src OUTPUT deleted.k INTO dbo.Parent
-- error: 332 The target table 'dbo.Parent' of the OUTPUT INTO clause cannot be on either side of a (primary key, foreign key) relationship. Found reference constraint 'FK_Child_Parent'.
GO
ALTER TABLE dbo.Child NOCHECK CONSTRAINT FK_Child_Parent
GO
MERGE dbo.Src AS t USING (VALUES (3)) AS s (k) ON t.k = s.k
WHEN NOT MATCHED THEN INSERT (k) VALUES (s.k)
OUTPUT inserted.k INTO dbo.Parent (id);
-- error: 332 The target table 'dbo.Parent' of the OUTPUT INTO clause cannot be on either side of a (primary key, foreign key) relationship. Found reference constraint 'FK_Child_Parent'.
GO
SELECT k FROM dbo.Src ORDER BY k
-- expect: k
-- 1
-- 2
GO
-- A table variable can have no foreign key, and takes the rows.
DECLARE @out TABLE (old int, new int)
UPDATE dbo.Src SET k = k + 10 OUTPUT deleted.k, inserted.k INTO @out
SELECT old, new FROM @out ORDER BY old
-- expect: old | new
-- 1 | 11
-- 2 | 12
GO

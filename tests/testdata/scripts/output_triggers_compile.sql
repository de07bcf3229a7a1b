-- Error 334 is a compile error (issue #5): an OUTPUT clause without INTO on a
-- table with an AFTER trigger for the statement's action stops the whole
-- batch when it compiles, so the statements before it do not run either.
-- With INTO, or against an action the trigger does not fire for, the batch
-- runs.
CREATE TABLE dbo.otc (id int PRIMARY KEY, v int NOT NULL)
INSERT dbo.otc VALUES (1, 10), (2, 20)
GO
CREATE TRIGGER dbo.otc_upd ON dbo.otc AFTER UPDATE AS SET NOCOUNT ON
GO
SELECT 1 AS before_update
UPDATE dbo.otc SET v = v + 1 OUTPUT inserted.v WHERE id = 1
SELECT 2 AS after_update
-- error: 334 The target table 'dbo.otc' of the DML statement cannot have any enabled triggers if the statement contains an OUTPUT clause without INTO clause.
GO
SELECT 1 AS before_merge
MERGE dbo.otc AS t USING (SELECT 2 AS id) AS s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET v = t.v + 1
OUTPUT $action, inserted.v;
SELECT 2 AS after_merge
-- error: 334 The target table 'dbo.otc' of the DML statement cannot have any enabled triggers if the statement contains an OUTPUT clause without INTO clause.
GO
-- Nothing ran: the values are the inserted ones.
SELECT id, v FROM dbo.otc ORDER BY id
-- expect: id | v
-- 1 | 10
-- 2 | 20
GO
-- OUTPUT … INTO is allowed, and DELETE has no trigger here.
DECLARE @o TABLE (v int)
SELECT 1 AS before_into
UPDATE dbo.otc SET v = v + 1 OUTPUT inserted.v INTO @o WHERE id = 1
DELETE dbo.otc OUTPUT deleted.id WHERE id = 2
SELECT v FROM @o
-- expect: before_into
-- 1
-- expect: id
-- 2
-- expect: v
-- 11
GO

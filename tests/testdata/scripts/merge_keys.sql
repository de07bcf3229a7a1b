-- MERGE checks key uniqueness as SQL Server does, when the statement ends:
-- updates that shift or swap keys, and an update taking the key of a row
-- the same MERGE deletes, succeed; a real duplicate is still 2627.
CREATE TABLE dbo.m (id int NOT NULL PRIMARY KEY, code char(1) NOT NULL UNIQUE, v int)
INSERT dbo.m VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)
MERGE dbo.m AS t USING (SELECT id FROM dbo.m) AS s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET t.id = t.id + 1;
SELECT id, code FROM dbo.m ORDER BY id
-- expect: id | code
-- 2 | a
-- 3 | b
-- 4 | c
GO
MERGE dbo.m AS t USING (VALUES ('a', 'b'), ('b', 'a')) AS s (old, new) ON t.code = s.old
WHEN MATCHED THEN UPDATE SET t.code = s.new;
SELECT id, code FROM dbo.m ORDER BY id
-- expect: id | code
-- 2 | b
-- 3 | a
-- 4 | c
GO
MERGE dbo.m AS t USING (VALUES (2, 'del'), (3, 'upd')) AS s (id, act) ON t.id = s.id
WHEN MATCHED AND s.act = 'del' THEN DELETE
WHEN MATCHED THEN UPDATE SET t.id = 2
WHEN NOT MATCHED THEN INSERT (id, code, v) VALUES (s.id, 'z', 0);
SELECT id, code FROM dbo.m ORDER BY id
-- expect: id | code
-- 2 | a
-- 4 | c
GO
MERGE dbo.m AS t USING (VALUES (2), (4)) AS s (id) ON t.id = s.id
WHEN MATCHED THEN UPDATE SET t.code = 'q';
-- error: 2627
-- message: The statement has been terminated.
GO
SELECT id, code FROM dbo.m ORDER BY id
-- expect: id | code
-- 2 | a
-- 4 | c
GO

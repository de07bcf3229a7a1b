-- INSERT/UPDATE/DELETE forms, OUTPUT, TRUNCATE, MERGE.
CREATE TABLE dbo.inv (id int PRIMARY KEY, qty int NOT NULL, note varchar(20) NULL)
CREATE TABLE dbo.delta (id int PRIMARY KEY, change int)
INSERT dbo.inv (id, qty) VALUES (1, 10), (2, 20), (3, 30)
INSERT dbo.delta VALUES (2, 5), (3, -30), (4, 7)
GO
INSERT INTO dbo.inv (id, qty, note) SELECT id + 10, change, 'copied' FROM dbo.delta WHERE change > 0
SELECT id, qty, note FROM dbo.inv WHERE id > 10 ORDER BY id
-- expect: id | qty | note
-- 12 | 5 | copied
-- 14 | 7 | copied
GO
UPDATE i SET i.qty = i.qty + d.change, note = 'updated' FROM dbo.inv AS i JOIN dbo.delta AS d ON d.id = i.id
SELECT id, qty, note FROM dbo.inv WHERE id < 10 ORDER BY id
-- expect: id | qty | note
-- 1 | 10 | NULL
-- 2 | 25 | updated
-- 3 | 0 | updated
GO
DELETE i FROM dbo.inv AS i JOIN dbo.delta AS d ON d.id = i.id WHERE i.qty = 0
SELECT COUNT(*) AS n FROM dbo.inv
-- expect: n
-- 4
GO
UPDATE dbo.inv SET qty = qty * 2 OUTPUT deleted.qty AS old_qty, inserted.qty AS new_qty WHERE id = 1
-- expect: old_qty | new_qty
-- 10 | 20
GO
DELETE FROM dbo.inv OUTPUT deleted.id WHERE id > 10
-- expect: id
-- 12
-- 14
GO
UPDATE TOP (1) dbo.inv SET note = 'top' WHERE note IS NULL
SELECT COUNT(*) AS n FROM dbo.inv WHERE note = 'top'
-- expect: n
-- 1
GO
INSERT dbo.inv DEFAULT VALUES
-- error: 515
-- message: The statement has been terminated.
GO
UPDATE dbo.inv SET qty = NULL WHERE id = 1
-- error: 515
-- message: The statement has been terminated.
GO
MERGE dbo.inv AS t
USING dbo.delta AS s ON t.id = s.id
WHEN MATCHED THEN UPDATE SET t.qty = t.qty + s.change
WHEN NOT MATCHED BY TARGET THEN INSERT (id, qty, note) VALUES (s.id, s.change, 'merged');
SELECT id, qty, note FROM dbo.inv ORDER BY id
-- expect: id | qty | note
-- 1 | 20 | top
-- 2 | 30 | updated
-- 3 | -30 | merged
-- 4 | 7 | merged
GO
TRUNCATE TABLE dbo.inv
SELECT COUNT(*) AS n FROM dbo.inv
-- expect: n
-- 0
GO
-- the subquery sees the table as it was before the UPDATE (no Halloween effect)
CREATE TABLE dbo.hw (id int PRIMARY KEY, qty int)
INSERT dbo.hw VALUES (1, 1), (2, 1), (3, 1)
UPDATE dbo.hw SET qty = (SELECT MAX(qty) FROM dbo.hw) + id
SELECT id, qty FROM dbo.hw ORDER BY id
-- expect: id | qty
-- 1 | 2
-- 2 | 3
-- 3 | 4
GO
INSERT dbo.inv (id, qty) VALUES (1, 1)
GO
UPDATE dbo.inv SET qty = qty + 1, qty = 5 WHERE id = 1
-- error: 264
GO
-- MERGE … OUTPUT $action: what the merge did to each row (nvarchar(10)).
CREATE TABLE dbo.mtgt (id int NOT NULL PRIMARY KEY, v varchar(5) NOT NULL)
INSERT dbo.mtgt VALUES (1, 'a'), (2, 'b'), (3, 'c')
GO
MERGE dbo.mtgt AS t
USING (VALUES (1, 'x'), (2, NULL), (4, 'd')) AS s (id, v) ON t.id = s.id
WHEN MATCHED AND s.v IS NULL THEN DELETE
WHEN MATCHED THEN UPDATE SET v = s.v
WHEN NOT MATCHED BY TARGET THEN INSERT (id, v) VALUES (s.id, s.v)
OUTPUT $action AS act, COALESCE(inserted.id, deleted.id) AS id, deleted.v AS old_v, inserted.v AS new_v;
-- expect: act | id | old_v | new_v
-- UPDATE | 1 | a | x
-- DELETE | 2 | b | NULL
-- INSERT | 4 | NULL | d
GO

-- A row whose clustered key an UPDATE changes after OPEN. SQL Server
-- treats the change as a delete of the old key and an insert of the new:
-- a KEYSET cursor finds the old key's member missing (@@FETCH_STATUS -2)
-- and never sees the new key; a DYNAMIC cursor sees the row at its new
-- place in the order.
CREATE TABLE dbo.kc (id int PRIMARY KEY, v varchar(10))
INSERT dbo.kc VALUES (1, 'a'), (2, 'b'), (3, 'c')
GO
DECLARE k CURSOR LOCAL KEYSET FOR SELECT id, v FROM dbo.kc ORDER BY id
OPEN k
FETCH NEXT FROM k
UPDATE dbo.kc SET id = 20 WHERE id = 2
FETCH NEXT FROM k
SELECT @@FETCH_STATUS AS moved_status
FETCH NEXT FROM k
FETCH NEXT FROM k
SELECT @@FETCH_STATUS AS end_status
-- expect: id | v
-- 1 | a
-- expect: id | v
-- expect: moved_status
-- -2
-- expect: id | v
-- 3 | c
-- expect: id | v
-- expect: end_status
-- -1
GO
DECLARE d CURSOR LOCAL SCROLL DYNAMIC FOR SELECT id, v FROM dbo.kc ORDER BY id
OPEN d
FETCH NEXT FROM d
UPDATE dbo.kc SET id = 25 WHERE id = 1
FETCH NEXT FROM d
FETCH NEXT FROM d
FETCH NEXT FROM d
FETCH NEXT FROM d
SELECT @@FETCH_STATUS AS end_status
FETCH PRIOR FROM d
-- expect: id | v
-- 1 | a
-- expect: id | v
-- 3 | c
-- expect: id | v
-- 20 | b
-- expect: id | v
-- 25 | a
-- expect: id | v
-- expect: end_status
-- -1
-- expect: id | v
-- 25 | a
GO
-- The cursor's own positioned UPDATE of the key: the row comes round again.
DECLARE p CURSOR LOCAL DYNAMIC FOR SELECT id FROM dbo.kc ORDER BY id
OPEN p
FETCH NEXT FROM p
UPDATE dbo.kc SET id = 30 WHERE CURRENT OF p
FETCH NEXT FROM p
FETCH NEXT FROM p
FETCH NEXT FROM p
FETCH NEXT FROM p
SELECT @@FETCH_STATUS AS end_status
-- expect: id
-- 3
-- expect: id
-- 20
-- expect: id
-- 25
-- expect: id
-- 30
-- expect: id
-- expect: end_status
-- -1
GO
DROP TABLE dbo.kc
GO

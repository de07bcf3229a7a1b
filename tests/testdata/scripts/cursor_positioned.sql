-- Positioned UPDATE and DELETE (WHERE CURRENT OF) and the errors SQL Server gives.
CREATE TABLE dbo.pc (id int PRIMARY KEY, v int NOT NULL, note varchar(10))
INSERT dbo.pc VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c'), (4, 40, 'd')
GO
DECLARE @id int, @v int
DECLARE c CURSOR KEYSET FOR SELECT id, v FROM dbo.pc FOR UPDATE OF v
OPEN c
FETCH NEXT FROM c INTO @id, @v
WHILE @@FETCH_STATUS = 0
BEGIN
    UPDATE dbo.pc SET v = v + 1 WHERE CURRENT OF c
    FETCH NEXT FROM c INTO @id, @v
END
CLOSE c
DEALLOCATE c
SELECT id, v FROM dbo.pc ORDER BY id
-- expect: id | v
-- 1 | 11
-- 2 | 21
-- 3 | 31
-- 4 | 41
GO
DECLARE @id int
DECLARE d CURSOR LOCAL FOR SELECT id FROM dbo.pc WHERE v > 20 ORDER BY id
OPEN d
FETCH NEXT FROM d INTO @id
DELETE FROM dbo.pc WHERE CURRENT OF d
FETCH NEXT FROM d INTO @id
SELECT @id AS after_delete, @@FETCH_STATUS AS st
CLOSE d
DEALLOCATE d
SELECT id, v FROM dbo.pc ORDER BY id
-- expect: after_delete | st
-- 3 | 0
-- expect: id | v
-- 1 | 11
-- 3 | 31
-- 4 | 41
GO
DECLARE @c CURSOR
SET @c = CURSOR SCROLL DYNAMIC FOR SELECT id, note FROM dbo.pc ORDER BY id
OPEN @c
FETCH LAST FROM @c
UPDATE pc SET note = 'last' WHERE CURRENT OF @c
FETCH RELATIVE 0 FROM @c
CLOSE @c
DEALLOCATE @c
-- expect: id | note
-- 4 | d
-- expect: id | note
-- 4 | last
GO
DECLARE g CURSOR GLOBAL FOR SELECT id FROM dbo.pc
OPEN g
FETCH NEXT FROM g
-- expect: id
-- 1
GO
UPDATE dbo.pc SET note = 'global' WHERE CURRENT OF GLOBAL g
SELECT note FROM dbo.pc WHERE id = 1
CLOSE g
DEALLOCATE g
-- expect: note
-- global
GO
DECLARE s CURSOR LOCAL STATIC FOR SELECT id FROM dbo.pc
OPEN s
FETCH NEXT FROM s
UPDATE dbo.pc SET v = 0 WHERE CURRENT OF s
-- expect: id
-- 1
-- error: 16929 The cursor is READ ONLY.
GO
DECLARE r CURSOR LOCAL READ_ONLY FOR SELECT id FROM dbo.pc
OPEN r
FETCH NEXT FROM r
DELETE dbo.pc WHERE CURRENT OF r
-- expect: id
-- 1
-- error: 16929 The cursor is READ ONLY.
GO
DECLARE ff CURSOR LOCAL FAST_FORWARD FOR SELECT id FROM dbo.pc
OPEN ff
FETCH NEXT FROM ff
DELETE dbo.pc WHERE CURRENT OF ff
-- expect: id
-- 1
-- error: 16929 The cursor is READ ONLY.
GO
DECLARE x CURSOR LOCAL READ_ONLY FOR SELECT id FROM dbo.pc FOR UPDATE
-- error: 16957 FOR UPDATE cannot be specified on a READ ONLY cursor.
GO
DECLARE dd CURSOR LOCAL FOR SELECT DISTINCT v FROM dbo.pc
OPEN dd
FETCH NEXT FROM dd
UPDATE dbo.pc SET v = 0 WHERE CURRENT OF dd
-- expect: v
-- 11
-- error: 16929 The cursor is READ ONLY.
GO
CREATE TABLE dbo.other (id int PRIMARY KEY)
GO
DECLARE o CURSOR LOCAL FOR SELECT id FROM dbo.pc
OPEN o
FETCH NEXT FROM o
DELETE dbo.other WHERE CURRENT OF o
-- expect: id
-- 1
-- error: 16933 The cursor does not include the table being modified or the table is not updatable through the cursor.
GO
DECLARE b CURSOR LOCAL FOR SELECT id FROM dbo.pc
OPEN b
UPDATE dbo.pc SET v = 0 WHERE CURRENT OF b
-- error: 16931 There are no rows in the current fetch buffer.
GO
DECLARE e CURSOR LOCAL FOR SELECT id FROM dbo.pc
OPEN e
FETCH NEXT FROM e
FETCH NEXT FROM e
FETCH NEXT FROM e
FETCH NEXT FROM e
UPDATE dbo.pc SET v = 0 WHERE CURRENT OF e
-- expect: id
-- 1
-- expect: id
-- 3
-- expect: id
-- 4
-- expect: id
-- error: 16931 There are no rows in the current fetch buffer.
GO
DECLARE u CURSOR LOCAL FOR SELECT id, v, note FROM dbo.pc FOR UPDATE OF note
OPEN u
FETCH NEXT FROM u
UPDATE dbo.pc SET v = 0 WHERE CURRENT OF u
-- expect: id | v | note
-- 1 | 11 | global
-- error: 16932 The cursor has a FOR UPDATE list and the requested column to be updated is not in this list.
GO
UPDATE dbo.pc SET v = 0 WHERE CURRENT OF nosuch
-- error: 16916 A cursor with the name 'nosuch' does not exist.
GO
DECLARE n CURSOR LOCAL FOR SELECT id FROM dbo.pc
UPDATE dbo.pc SET v = 0 WHERE CURRENT OF n
-- error: 16917 Cursor is not open.
GO
DECLARE @id int
DECLARE k CURSOR LOCAL KEYSET FOR SELECT id FROM dbo.pc ORDER BY id
OPEN k
FETCH NEXT FROM k INTO @id
DELETE dbo.pc WHERE id = 3
FETCH NEXT FROM k INTO @id
SELECT @@FETCH_STATUS AS hole
UPDATE dbo.pc SET v = 0 WHERE CURRENT OF k
-- expect: hole
-- -2
-- error: 16947 No rows were updated or deleted.
GO
DECLARE @id int
DECLARE t CURSOR LOCAL KEYSET FOR SELECT id FROM dbo.pc ORDER BY id
OPEN t
FETCH NEXT FROM t INTO @id
BEGIN TRAN
UPDATE dbo.pc SET v = -1 WHERE CURRENT OF t
SELECT v AS in_tran FROM dbo.pc WHERE id = @id
ROLLBACK
SELECT v AS rolled_back FROM dbo.pc WHERE id = @id
-- expect: in_tran
-- -1
-- expect: rolled_back
-- 11
GO
DECLARE @id int
DECLARE j CURSOR LOCAL FOR SELECT p.id, o.id FROM dbo.pc AS p LEFT JOIN dbo.other AS o ON o.id = p.id ORDER BY p.id
OPEN j
FETCH NEXT FROM j
UPDATE dbo.pc SET note = 'joined' WHERE CURRENT OF j
SELECT note FROM dbo.pc WHERE id = 1
DELETE dbo.other WHERE CURRENT OF j
-- expect: id | id
-- 1 | NULL
-- expect: note
-- joined
-- error: 16947 No rows were updated or deleted.
GO
DROP TABLE dbo.pc, dbo.other
GO

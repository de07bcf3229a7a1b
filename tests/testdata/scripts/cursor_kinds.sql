-- Cursor kinds: what STATIC, KEYSET, DYNAMIC and the forward-only default see of changes made after OPEN.
CREATE TABLE dbo.ck (id int PRIMARY KEY, v int)
INSERT dbo.ck VALUES (1, 10), (2, 20), (3, 30)
CREATE TABLE dbo.heap (v int)
INSERT dbo.heap VALUES (5), (6)
GO
DECLARE s CURSOR LOCAL STATIC FOR SELECT id, v FROM dbo.ck ORDER BY id
DECLARE k CURSOR LOCAL KEYSET FOR SELECT id, v FROM dbo.ck ORDER BY id
DECLARE d CURSOR LOCAL SCROLL DYNAMIC FOR SELECT id, v FROM dbo.ck ORDER BY id
DECLARE f CURSOR LOCAL FOR SELECT id, v FROM dbo.ck ORDER BY id
OPEN s
SELECT @@CURSOR_ROWS AS static_rows
OPEN k
SELECT @@CURSOR_ROWS AS keyset_rows
OPEN d
SELECT @@CURSOR_ROWS AS dynamic_rows
OPEN f
SELECT @@CURSOR_ROWS AS default_rows
UPDATE dbo.ck SET v = v * 10 WHERE id = 1
DELETE dbo.ck WHERE id = 2
FETCH NEXT FROM s
FETCH NEXT FROM s
FETCH NEXT FROM k
FETCH NEXT FROM k
SELECT @@FETCH_STATUS AS keyset_deleted
FETCH NEXT FROM k
FETCH NEXT FROM d
FETCH NEXT FROM d
FETCH PRIOR FROM d
FETCH NEXT FROM f
FETCH NEXT FROM f
FETCH NEXT FROM f
SELECT @@FETCH_STATUS AS default_end
-- expect: static_rows
-- 3
-- expect: keyset_rows
-- 3
-- expect: dynamic_rows
-- -1
-- expect: default_rows
-- -1
-- expect: id | v
-- 1 | 10
-- expect: id | v
-- 2 | 20
-- expect: id | v
-- 1 | 100
-- expect: id | v
-- expect: keyset_deleted
-- -2
-- expect: id | v
-- 3 | 30
-- expect: id | v
-- 1 | 100
-- expect: id | v
-- 3 | 30
-- expect: id | v
-- 1 | 100
-- expect: id | v
-- 1 | 100
-- expect: id | v
-- 3 | 30
-- expect: id | v
-- expect: default_end
-- -1
GO
-- Rows inserted after OPEN: DYNAMIC and the default cursor see them at
-- their place in the order (also after their current row was deleted),
-- KEYSET and STATIC do not.
DECLARE k CURSOR LOCAL KEYSET FOR SELECT id FROM dbo.ck ORDER BY id
DECLARE d CURSOR LOCAL SCROLL DYNAMIC FOR SELECT id FROM dbo.ck WHERE id < 100 ORDER BY id
DECLARE f CURSOR LOCAL FOR SELECT id FROM dbo.ck ORDER BY id
OPEN k
OPEN d
OPEN f
FETCH NEXT FROM d
FETCH NEXT FROM f
INSERT dbo.ck VALUES (2, 20), (4, 40), (0, 0), (200, 0)
FETCH NEXT FROM d
DELETE dbo.ck WHERE id = 2
INSERT dbo.ck VALUES (5, 50)
FETCH NEXT FROM d
FETCH NEXT FROM d
FETCH NEXT FROM d
FETCH PRIOR FROM d
FETCH NEXT FROM f
FETCH NEXT FROM f
FETCH NEXT FROM f
FETCH NEXT FROM f
FETCH NEXT FROM f
FETCH NEXT FROM k
FETCH NEXT FROM k
FETCH NEXT FROM k
DELETE dbo.ck WHERE id = 4
INSERT dbo.ck VALUES (6, 60)
FETCH PRIOR FROM d
FETCH NEXT FROM d
DELETE dbo.ck WHERE id IN (0, 5, 6, 200)
-- expect: id
-- 1
-- expect: id
-- 1
-- expect: id
-- 2
-- expect: id
-- 3
-- expect: id
-- 4
-- expect: id
-- 5
-- expect: id
-- 4
-- expect: id
-- 3
-- expect: id
-- 4
-- expect: id
-- 5
-- expect: id
-- 200
-- expect: id
-- expect: id
-- 1
-- expect: id
-- 3
-- expect: id
-- expect: id
-- 3
-- expect: id
-- 5
GO
DECLARE d CURSOR LOCAL DYNAMIC FOR SELECT id FROM dbo.ck
OPEN d
FETCH ABSOLUTE 1 FROM d
-- error: 16925 The fetch type Absolute cannot be used with dynamic cursors.
GO
DECLARE f CURSOR LOCAL FOR SELECT id FROM dbo.ck
OPEN f
FETCH ABSOLUTE 1 FROM f
-- error: 16925 The fetch type Absolute cannot be used with dynamic cursors.
GO
DECLARE f CURSOR LOCAL FOR SELECT id FROM dbo.ck
OPEN f
FETCH LAST FROM f
-- error: 16911 fetch: The fetch type last cannot be used with forward only cursors.
GO
DECLARE ff CURSOR LOCAL FAST_FORWARD FOR SELECT id FROM dbo.ck
OPEN ff
SELECT @@CURSOR_ROWS AS fast_forward_rows
FETCH FIRST FROM ff
-- expect: fast_forward_rows
-- -1
-- error: 16911 fetch: The fetch type first cannot be used with forward only cursors.
GO
DECLARE w CURSOR LOCAL DYNAMIC TYPE_WARNING FOR SELECT v, COUNT(*) AS n FROM dbo.ck GROUP BY v
OPEN w
SELECT @@CURSOR_ROWS AS converted_rows
-- message: The created cursor is not of the requested type.
-- expect: converted_rows
-- 2
GO
DECLARE t CURSOR LOCAL SCROLL DYNAMIC TYPE_WARNING FOR SELECT TOP (1) id FROM dbo.ck ORDER BY id
OPEN t
SELECT @@CURSOR_ROWS AS top_rows
FETCH ABSOLUTE 1 FROM t
-- message: The created cursor is not of the requested type.
-- expect: top_rows
-- 1
-- expect: id
-- 1
GO
-- A KEYSET cursor over a table without a unique index is STATIC (SQL
-- Server's implicit conversion, step 5); DYNAMIC over it is not converted.
DECLARE h CURSOR LOCAL KEYSET TYPE_WARNING FOR SELECT v FROM dbo.heap ORDER BY v
DECLARE hd CURSOR LOCAL DYNAMIC FOR SELECT v FROM dbo.heap
OPEN h
SELECT @@CURSOR_ROWS AS heap_keyset_rows
SELECT properties FROM sys.dm_exec_cursors(@@SPID) WHERE name = 'h'
OPEN hd
UPDATE dbo.heap SET v = 50 WHERE v = 5
FETCH NEXT FROM h
FETCH NEXT FROM hd
UPDATE dbo.heap SET v = 5 WHERE v = 50
-- message: The created cursor is not of the requested type.
-- expect: heap_keyset_rows
-- 2
-- expect: properties
-- TSQL | Snapshot | Read Only | Local (0)
-- expect: v
-- 5
-- expect: v
-- 50
GO
-- KEYSET and DYNAMIC over a view or CTE of one table stay what they are
-- (SQL Server expands the view into its base table): they see changes
-- made after OPEN, and WHERE CURRENT OF updates through the view.
CREATE TABLE dbo.vb (id int PRIMARY KEY, v int)
INSERT dbo.vb VALUES (1, 10), (2, 20), (300, 30)
GO
CREATE VIEW dbo.vbv (k, val) AS SELECT id, v FROM dbo.vb WHERE id < 100
GO
DECLARE kv CURSOR LOCAL KEYSET FOR SELECT k, val FROM dbo.vbv ORDER BY k
OPEN kv
SELECT @@CURSOR_ROWS AS view_keyset_rows
SELECT properties FROM sys.dm_exec_cursors(@@SPID) WHERE name = 'kv'
UPDATE dbo.vb SET v = v + 1 WHERE id = 1
FETCH NEXT FROM kv
UPDATE dbo.vbv SET val = 7 WHERE CURRENT OF kv
FETCH NEXT FROM kv
DELETE dbo.vbv WHERE CURRENT OF kv
SELECT id, v FROM dbo.vb ORDER BY id
-- expect: view_keyset_rows
-- 2
-- expect: properties
-- TSQL | Keyset | Optimistic | Local (0)
-- expect: k | val
-- 1 | 11
-- expect: k | val
-- 2 | 20
-- expect: id | v
-- 1 | 7
-- 300 | 30
GO
DECLARE dc CURSOR LOCAL DYNAMIC FOR WITH q AS (SELECT id AS k, v FROM dbo.vb WHERE id < 100) SELECT * FROM q ORDER BY k
OPEN dc
SELECT properties FROM sys.dm_exec_cursors(@@SPID) WHERE name = 'dc'
FETCH NEXT FROM dc
INSERT dbo.vb VALUES (5, 50), (500, 0)
FETCH NEXT FROM dc
FETCH NEXT FROM dc
-- expect: properties
-- TSQL | Dynamic | Optimistic | Local (0)
-- expect: k | v
-- 1 | 7
-- expect: k | v
-- 5 | 50
-- expect: k | v
GO
DECLARE sv CURSOR LOCAL KEYSET TYPE_WARNING FOR SELECT k FROM (SELECT DISTINCT v AS k FROM dbo.vb) AS d
OPEN sv
SELECT properties FROM sys.dm_exec_cursors(@@SPID) WHERE name = 'sv'
-- message: The created cursor is not of the requested type.
-- expect: properties
-- TSQL | Snapshot | Read Only | Local (0)
GO
DROP VIEW dbo.vbv
DROP TABLE dbo.vb
GO
DECLARE @c CURSOR
SET @c = CURSOR LOCAL KEYSET FOR SELECT id FROM dbo.ck
SELECT CURSOR_STATUS('variable', '@c') AS declared
OPEN @c
SELECT CURSOR_STATUS('variable', '@c') AS opened
DELETE dbo.ck
SELECT CURSOR_STATUS('variable', '@c') AS opened_emptied
DEALLOCATE @c
INSERT dbo.ck VALUES (1, 1), (2, 2)
-- expect: declared
-- -1
-- expect: opened
-- 1
-- expect: opened_emptied
-- 1
GO
SET CURSOR_CLOSE_ON_COMMIT ON
DECLARE g CURSOR GLOBAL KEYSET FOR SELECT id FROM dbo.ck
OPEN g
BEGIN TRAN
UPDATE dbo.ck SET v = 0
COMMIT
SELECT CURSOR_STATUS('global', 'g') AS closed_on_commit
SET CURSOR_CLOSE_ON_COMMIT OFF
OPEN g
BEGIN TRAN
UPDATE dbo.ck SET v = 1
COMMIT
SELECT CURSOR_STATUS('global', 'g') AS open_after_commit
DEALLOCATE g
-- expect: closed_on_commit
-- -1
-- expect: open_after_commit
-- 1
GO
DECLARE k CURSOR LOCAL KEYSET FOR SELECT id FROM dbo.ck
DECLARE g2 CURSOR GLOBAL SCROLL_LOCKS FOR SELECT id FROM dbo.ck
DECLARE s2 CURSOR LOCAL STATIC FOR SELECT id FROM dbo.ck
OPEN k
FETCH NEXT FROM k
OPEN s2
SELECT name, properties, is_open, fetch_status FROM sys.dm_exec_cursors(0) ORDER BY name
DEALLOCATE g2
-- expect: id
-- 1
-- expect: name | properties | is_open | fetch_status
-- g2 | TSQL | Dynamic | Scroll Locks | Global (0) | 0 | -9
-- k | TSQL | Keyset | Optimistic | Local (0) | 1 | 0
-- s2 | TSQL | Snapshot | Read Only | Local (0) | 1 | -9
GO
DECLARE a CURSOR LOCAL KEYSET FOR SELECT id FROM dbo.ck
OPEN a
ALTER TABLE dbo.ck ADD extra int NULL
FETCH NEXT FROM a
-- error: 16943 Could not complete cursor operation because the table schema changed after the cursor was declared.
GO
DROP TABLE dbo.ck, dbo.heap
GO

-- IDENTITY columns, SCOPE_IDENTITY, @@IDENTITY, IDENTITY_INSERT.
CREATE TABLE dbo.idt (id int IDENTITY(1,1) PRIMARY KEY, v varchar(10))
CREATE TABLE dbo.step (id int IDENTITY(100, 10), v int)
GO
INSERT dbo.idt (v) VALUES ('a')
INSERT dbo.idt (v) VALUES ('b'), ('c')
SELECT SCOPE_IDENTITY() AS si, @@IDENTITY AS ai, IDENT_CURRENT('dbo.idt') AS ic
-- expect: si | ai | ic
-- 3 | 3 | 3
GO
INSERT dbo.step (v) VALUES (1), (2)
SELECT id, v FROM dbo.step ORDER BY id
-- expect: id | v
-- 100 | 1
-- 110 | 2
GO
INSERT dbo.idt (id, v) VALUES (10, 'x')
-- error: 544 Cannot insert explicit value for identity column in table 'idt' when IDENTITY_INSERT is set to OFF.
GO
SET IDENTITY_INSERT dbo.idt ON
INSERT dbo.idt (id, v) VALUES (10, 'x')
SET IDENTITY_INSERT dbo.idt OFF
INSERT dbo.idt (v) VALUES ('after')
SELECT id FROM dbo.idt WHERE v = 'after'
-- expect: id
-- 11
GO
-- identity values consumed by a rolled-back insert are not reused
BEGIN TRAN
INSERT dbo.idt (v) VALUES ('gone')
ROLLBACK
INSERT dbo.idt (v) VALUES ('kept')
SELECT id FROM dbo.idt WHERE v = 'kept'
-- expect: id
-- 13
GO
SELECT COUNT(*) AS n, MAX(id) AS mx FROM dbo.idt
-- expect: n | mx
-- 6 | 13
GO
DECLARE @out TABLE (id int, v varchar(10))
INSERT dbo.idt (v) OUTPUT inserted.id, inserted.v INTO @out VALUES ('o1'), ('o2')
SELECT id, v FROM @out ORDER BY id
-- expect: id | v
-- 14 | o1
-- 15 | o2
GO
INSERT dbo.idt (v) OUTPUT inserted.id VALUES ('o3')
-- expect: id
-- 16
GO
TRUNCATE TABLE dbo.idt
INSERT dbo.idt (v) VALUES ('fresh')
SELECT id FROM dbo.idt
-- expect: id
-- 1
GO
DELETE FROM dbo.idt
INSERT dbo.idt (v) VALUES ('afterdel')
SELECT id FROM dbo.idt
-- expect: id
-- 2
GO
SELECT IDENT_SEED('dbo.step') AS seed, IDENT_INCR('dbo.step') AS incr
-- expect: seed | incr
-- 100 | 10
GO

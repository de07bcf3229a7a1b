-- Schema binding (CREATE VIEW and CREATE FUNCTION, "SCHEMABINDING"): while a
-- schema-bound view or function exists, the objects it names cannot be
-- dropped (3729) and the columns it reads cannot be altered or dropped
-- (5074, then 4922); dropping it, or ALTER … without SCHEMABINDING, frees
-- them. Columns it does not read stay free.
CREATE TABLE dbo.SbOrders (id int CONSTRAINT PK_SbOrders PRIMARY KEY, qty int NOT NULL, note varchar(20) NULL, extra int NULL)
INSERT dbo.SbOrders VALUES (1, 5, 'a', NULL), (2, 7, NULL, 1)
GO
CREATE FUNCTION dbo.SbTwice (@x int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @x * 2 END
GO
CREATE VIEW dbo.SbView WITH SCHEMABINDING AS SELECT o.id, dbo.SbTwice(o.qty) AS q2 FROM dbo.SbOrders AS o
GO
CREATE VIEW dbo.SbOuter WITH SCHEMABINDING AS SELECT id FROM dbo.SbView
GO
SELECT id, q2 FROM dbo.SbOuter JOIN dbo.SbView ON SbView.id = SbOuter.id ORDER BY id
-- error: 209 Ambiguous column name 'id'.
GO
SELECT v.id, v.q2 FROM dbo.SbView AS v ORDER BY v.id
-- expect: id | q2
-- 1 | 10
-- 2 | 14
GO
DROP FUNCTION dbo.SbTwice
-- error: 3729 Cannot DROP FUNCTION 'dbo.SbTwice' because it is being referenced by object 'SbView'.
GO
DROP VIEW dbo.SbView
-- error: 3729 Cannot DROP VIEW 'dbo.SbView' because it is being referenced by object 'SbOuter'.
GO
ALTER TABLE dbo.SbOrders ALTER COLUMN qty bigint NOT NULL
-- error: 5074 The object 'SbView' is dependent on column 'qty'.
-- error: 4922 ALTER TABLE ALTER COLUMN qty failed because one or more objects access this column.
GO
ALTER TABLE dbo.SbOrders DROP COLUMN id
-- error: 5074 The object 'PK_SbOrders' is dependent on column 'id'.
-- error: 5074 The object 'SbView' is dependent on column 'id'.
-- error: 4922 ALTER TABLE DROP COLUMN id failed because one or more objects access this column.
GO
-- Columns the view does not read are free; ADD COLUMN too.
ALTER TABLE dbo.SbOrders ALTER COLUMN note varchar(40) NULL
ALTER TABLE dbo.SbOrders DROP COLUMN extra
ALTER TABLE dbo.SbOrders ADD added int NULL
SELECT COL_LENGTH('dbo.SbOrders', 'note') AS note_len, COL_LENGTH('dbo.SbOrders', 'extra') AS extra_len
-- expect: note_len | extra_len
-- 40 | NULL
GO
SELECT OBJECTPROPERTY(OBJECT_ID('dbo.SbView'), 'IsSchemaBound') AS v, OBJECTPROPERTY(OBJECT_ID('dbo.SbTwice'), 'IsSchemaBound') AS f,
  OBJECTPROPERTY(OBJECT_ID('dbo.SbTwice'), 'IsDeterministic') AS f_det
-- expect: v | f | f_det
-- 1 | 1 | 1
GO
-- ALTER VIEW without SCHEMABINDING releases what the view bound.
ALTER VIEW dbo.SbOuter AS SELECT id FROM dbo.SbView
GO
DROP VIEW dbo.SbView
DROP VIEW dbo.SbOuter
ALTER TABLE dbo.SbOrders ALTER COLUMN qty bigint NOT NULL
DROP FUNCTION dbo.SbTwice
SELECT COUNT(*) AS n FROM sys.objects WHERE name IN ('SbView', 'SbOuter', 'SbTwice')
-- expect: n
-- 0
GO
-- A schema-bound function binds the table it reads; dropping the function frees it.
CREATE FUNCTION dbo.SbCount () RETURNS int WITH SCHEMABINDING AS BEGIN RETURN (SELECT COUNT(*) FROM dbo.SbOrders) END
GO
SELECT dbo.SbCount() AS n, OBJECTPROPERTY(OBJECT_ID('dbo.SbCount'), 'IsDeterministic') AS det
-- expect: n | det
-- 2 | 0
GO
DROP TABLE dbo.SbOrders
-- error: 3729 Cannot DROP TABLE 'dbo.SbOrders' because it is being referenced by object 'SbCount'.
GO
DROP FUNCTION dbo.SbCount
DROP TABLE dbo.SbOrders
SELECT OBJECT_ID('dbo.SbOrders') AS id
-- expect: id
-- NULL
GO
-- sp_rename refuses what a schema-bound module holds (15336, @objname as given):
-- the table, the columns the module reads, a function or view it calls; the
-- module itself, and columns it does not read, rename freely.
CREATE TABLE dbo.SbRen (id int NOT NULL, qty int NOT NULL, note varchar(10) NULL)
GO
CREATE FUNCTION dbo.SbRenTwice (@x int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @x * 2 END
GO
CREATE VIEW dbo.SbRenView WITH SCHEMABINDING AS SELECT r.id, dbo.SbRenTwice(r.qty) AS q2 FROM dbo.SbRen AS r
GO
CREATE VIEW dbo.SbRenOuter WITH SCHEMABINDING AS SELECT id FROM dbo.SbRenView
GO
EXEC sp_rename 'dbo.SbRen', 'SbRen2'
-- error: 15336 Object 'dbo.SbRen' cannot be renamed because the object participates in enforced dependencies.
GO
EXEC sp_rename 'SbRen.qty', 'quantity', 'COLUMN'
-- error: 15336 Object 'SbRen.qty' cannot be renamed because the object participates in enforced dependencies.
GO
EXEC sp_rename '[dbo].[SbRenTwice]', 'SbRenDouble'
-- error: 15336 Object '[dbo].[SbRenTwice]' cannot be renamed because the object participates in enforced dependencies.
GO
EXEC sp_rename 'dbo.SbRenView', 'SbRenView2'
-- error: 15336 Object 'dbo.SbRenView' cannot be renamed because the object participates in enforced dependencies.
GO
EXEC sp_rename 'dbo.SbRen.note', 'remark', 'COLUMN'
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
EXEC sp_rename 'dbo.SbRenOuter', 'SbRenTop'
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT COL_NAME(OBJECT_ID('dbo.SbRen'), 3) AS c3, OBJECT_ID('dbo.SbRenTop') - OBJECT_ID('dbo.SbRenTop') AS top_exists,
  OBJECT_ID('dbo.SbRenOuter') AS outer_gone
-- expect: c3 | top_exists | outer_gone
-- remark | 0 | NULL
GO
-- With several modules holding the table, 3729 names the oldest, every time.
CREATE VIEW dbo.SbRenB WITH SCHEMABINDING AS SELECT id FROM dbo.SbRen
GO
CREATE VIEW dbo.SbRenA WITH SCHEMABINDING AS SELECT qty FROM dbo.SbRen
GO
DROP TABLE dbo.SbRen
-- error: 3729 Cannot DROP TABLE 'dbo.SbRen' because it is being referenced by object 'SbRenView'.
GO

-- SQL Server 2000's system tables that live on as compatibility views
-- (sys.sysindexes, sys.syscolumns, sys.systypes, sys.sysusers …) and that
-- old DBA and install scripts still read, under their old names too.
CREATE TABLE dbo.cv_parent (id int NOT NULL CONSTRAINT PK_cv_parent PRIMARY KEY, code varchar(10) NULL)
CREATE TABLE dbo.cv_child (cid int IDENTITY(1, 1) NOT NULL CONSTRAINT PK_cv_child PRIMARY KEY,
  pid int NOT NULL CONSTRAINT FK_cv_child_parent REFERENCES dbo.cv_parent (id),
  name nvarchar(40) NOT NULL CONSTRAINT DF_cv_child_name DEFAULT (N'x'),
  amount decimal(9, 2) NULL CONSTRAINT CK_cv_child_amount CHECK (amount >= 0),
  note varchar(max) NULL)
CREATE INDEX IX_cv_child_pid ON dbo.cv_child (pid, name)
INSERT dbo.cv_parent VALUES (1, 'a'), (2, 'b'), (3, NULL)
INSERT dbo.cv_child (pid, name, amount) VALUES (1, N'one', 1.5), (1, N'two', NULL)
GO
CREATE PROCEDURE dbo.cv_proc @a int, @b nvarchar(20) = NULL, @c int OUTPUT AS SET @c = @a
GO
-- the classic row count without a scan: sysindexes' heap or clustered row
SELECT o.name, i.indid, i.rows, i.rowcnt FROM sysobjects AS o JOIN sysindexes AS i ON i.id = o.id
WHERE o.xtype = 'U' AND i.indid < 2 ORDER BY o.name
-- expect: name | indid | rows | rowcnt
-- cv_child | 1 | 2 | 2
-- cv_parent | 1 | 3 | 3
GO
SELECT i.name, i.indid, i.keycnt, i.groupid FROM sysindexes AS i WHERE i.id = OBJECT_ID('dbo.cv_child') ORDER BY i.indid
-- expect: name | indid | keycnt | groupid
-- PK_cv_child | 1 | 1 | 1
-- IX_cv_child_pid | 2 | 2 | 1
GO
SELECT k.indid, COL_NAME(k.id, k.colid) AS col, k.keyno FROM sysindexkeys AS k WHERE k.id = OBJECT_ID('dbo.cv_child') ORDER BY k.indid, k.keyno
-- expect: indid | col | keyno
-- 1 | cid | 1
-- 2 | pid | 1
-- 2 | name | 2
GO
-- a table's columns the SQL Server 2000 way
SELECT c.name, t.name AS type, c.length, c.prec, c.scale, c.isnullable, c.colid, c.iscomputed,
  CASE WHEN c.status & 0x80 <> 0 THEN 1 ELSE 0 END AS is_identity, CASE WHEN c.cdefault <> 0 THEN 1 ELSE 0 END AS has_default
FROM syscolumns AS c JOIN systypes AS t ON t.xusertype = c.xusertype
WHERE c.id = OBJECT_ID('dbo.cv_child') ORDER BY c.colid
-- expect: name | type | length | prec | scale | isnullable | colid | iscomputed | is_identity | has_default
-- cid | int | 4 | 10 | 0 | 0 | 1 | 0 | 1 | 0
-- pid | int | 4 | 10 | 0 | 0 | 2 | 0 | 0 | 0
-- name | nvarchar | 80 | 40 | NULL | 0 | 3 | 0 | 0 | 1
-- amount | decimal | 5 | 9 | 2 | 1 | 4 | 0 | 0 | 0
-- note | varchar | -1 | -1 | NULL | 1 | 5 | 0 | 0 | 0
GO
-- a procedure's parameters are there too (number 1)
SELECT c.name, c.colid, c.number, c.isoutparam, TYPE_NAME(c.xusertype) AS type FROM dbo.syscolumns AS c WHERE c.id = OBJECT_ID('dbo.cv_proc') ORDER BY c.colid
-- expect: name | colid | number | isoutparam | type
-- @a | 1 | 1 | 0 | int
-- @b | 2 | 1 | 0 | nvarchar
-- @c | 3 | 1 | 1 | int
GO
SELECT name, xtype, xusertype, length, variable, type, usertype FROM systypes WHERE name IN ('int', 'varchar', 'nvarchar', 'sysname', 'datetime') ORDER BY name
-- expect: name | xtype | xusertype | length | variable | type | usertype
-- datetime | 61 | 61 | 8 | 0 | 61 | 12
-- int | 56 | 56 | 4 | 0 | 56 | 7
-- nvarchar | 231 | 231 | 8000 | 1 | 39 | 0
-- sysname | 231 | 256 | 256 | 1 | 39 | 18
-- varchar | 167 | 167 | 8000 | 1 | 39 | 2
GO
-- foreign keys and constraints
SELECT OBJECT_NAME(f.constid) AS fk, OBJECT_NAME(f.fkeyid) AS child, OBJECT_NAME(f.rkeyid) AS parent, f.fkey, f.rkey, f.keyno FROM sysforeignkeys AS f
-- expect: fk | child | parent | fkey | rkey | keyno
-- FK_cv_child_parent | cv_child | cv_parent | 2 | 1 | 1
GO
SELECT OBJECT_NAME(c.constid) AS name, c.colid, c.status & 15 AS kind, c.status & 48 AS level FROM sysconstraints AS c WHERE c.id = OBJECT_ID('dbo.cv_child') ORDER BY name
-- expect: name | colid | kind | level
-- CK_cv_child_amount | 4 | 4 | 16
-- DF_cv_child_name | 3 | 5 | 16
-- FK_cv_child_parent | 0 | 3 | 32
-- PK_cv_child | 0 | 1 | 32
GO
-- users and roles
SELECT name, uid, gid, hasdbaccess, islogin, issqluser, issqlrole FROM sysusers WHERE name IN ('dbo', 'guest', 'public', 'db_owner') ORDER BY uid
-- expect: name | uid | gid | hasdbaccess | islogin | issqluser | issqlrole
-- public | 0 | 0 | 0 | 0 | 0 | 1
-- dbo | 1 | 0 | 1 | 1 | 1 | 0
-- guest | 2 | 0 | 0 | 0 | 1 | 0
-- db_owner | 16384 | 16384 | 0 | 0 | 0 | 1
GO
SELECT USER_NAME(m.memberuid) AS member, USER_NAME(m.groupuid) AS role FROM sysmembers AS m WHERE USER_NAME(m.memberuid) = 'dbo'
-- expect: member | role
-- dbo | db_owner
GO
-- files: size in 8 KB pages, the log flagged 0x40
SELECT fileid, groupid, status & 0x42 AS kind FROM sysfiles ORDER BY fileid
-- expect: fileid | groupid | kind
-- 1 | 1 | 2
-- 2 | 0 | 66
GO
SELECT groupid, groupname, status FROM sysfilegroups
-- expect: groupid | groupname | status
-- 1 | PRIMARY | 16
GO
SELECT COUNT(*) AS n FROM master..sysaltfiles WHERE dbid = DB_ID() AND size > 0
-- expect: n
-- 2
GO
SELECT c.value, c.status, r.value AS running FROM master.dbo.sysconfigures AS c JOIN master.dbo.syscurconfigs AS r ON r.config = c.config WHERE c.config = 518
-- expect: value | status | running
-- 0 | 1 | 0
GO
SELECT COUNT(*) AS n FROM master..sysperfinfo WHERE counter_name LIKE 'User Connections%'
-- expect: n
-- 1
GO
-- they are system objects with ids, as the other compatibility views
SELECT CASE WHEN OBJECT_ID(N'sysindexes') = OBJECT_ID(N'sys.sysindexes') AND OBJECT_ID(N'sys.sysindexes') < 0 THEN 1 ELSE 0 END AS ok
-- expect: ok
-- 1
GO

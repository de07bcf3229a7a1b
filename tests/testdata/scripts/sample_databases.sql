-- Constructs of Microsoft's sample-database install scripts (Northwind's
-- instnwnd.sql, pubs' instpubs.sql), written afresh: SQL Server 2000's
-- compatibility views under their old names, sp_addtype with unquoted
-- arguments, alias types in CREATE TABLE, and comma-joined FROM lists.
SET NOCOUNT ON
GO
CREATE TABLE dbo.[Order Lines] (id int PRIMARY KEY, qty int)
GO
CREATE VIEW dbo.[Big Lines] AS SELECT id FROM dbo.[Order Lines] WHERE qty > 10
GO
CREATE PROCEDURE dbo.[Line Count] AS SELECT COUNT(*) AS n FROM dbo.[Order Lines]
GO
-- sysstat & 0xf: 3 user table, 2 view, 4 procedure; sysobjects and
-- dbo.sysobjects both name sys.sysobjects.
SELECT name, xtype, sysstat & 0xf AS cls FROM sysobjects
WHERE id IN (object_id('dbo.Order Lines'), object_id('dbo.Big Lines'), object_id('dbo.Line Count')) ORDER BY name
-- expect: name | xtype | cls
-- Big Lines | V  | 2
-- Line Count | P  | 4
-- Order Lines | U  | 3
GO
if exists (select * from dbo.sysobjects where id = object_id('dbo.Big Lines') and sysstat & 0xf = 2)
	drop view "dbo"."Big Lines"
if exists (select * from sysobjects where id = object_id('dbo.Line Count') and sysstat & 0xf = 4)
	drop procedure "dbo"."Line Count"
GO
SELECT COUNT(*) AS n FROM sysobjects WHERE name IN ('Big Lines', 'Line Count')
-- expect: n
-- 0
GO
SELECT type FROM sys.sysobjects WHERE parent_obj = object_id('dbo.Order Lines')
-- expect: type
-- K 
GO
if exists (select * from sysdatabases where name = db_name()) select 'found' as db
-- expect: db
-- found
GO
-- Unquoted identifiers are character constants in a procedure call.
execute sp_addtype isbn, 'varchar(13)', 'NOT NULL'
execute sp_addtype qty_t, int
GO
CREATE TABLE dbo.books (isbn isbn PRIMARY KEY, stock qty_t)
INSERT dbo.books VALUES ('9780000000001', 5), ('9780000000002', NULL)
SELECT c.name, t.name AS type_name, c.is_nullable FROM sys.columns AS c JOIN sys.types AS t ON t.user_type_id = c.user_type_id
WHERE c.object_id = object_id('dbo.books') ORDER BY c.column_id
-- expect: name | type_name | is_nullable
-- isbn | isbn | 0
-- stock | qty_t | 1
GO
execute sp_addtype isbn, 'varchar(10)'
-- error: 219 The type 'isbn' already exists, or you do not have permission to create it.
GO
execute sp_addtype odd_t, int, 'MAYBE'
-- error: 102 Incorrect syntax near 'MAYBE'.
GO
execute sp_droptype isbn
-- error: 3732
GO
execute sp_addtype spare_t, 'char(2)'
execute sp_droptype spare_t
SELECT COUNT(*) AS n FROM sys.types WHERE name = 'spare_t'
-- expect: n
-- 0
GO
-- A comma-joined FROM list filtered by WHERE (CustOrderHist's shape).
CREATE TABLE dbo.cust (cid nchar(5) PRIMARY KEY, cname nvarchar(40))
CREATE TABLE dbo.ord (oid int PRIMARY KEY, cid nchar(5))
CREATE TABLE dbo.line (oid int, pid int, qty smallint, PRIMARY KEY (oid, pid))
CREATE TABLE dbo.prod (pid int PRIMARY KEY, pname nvarchar(40))
INSERT dbo.cust VALUES (N'ALFKI', N'Alfreds'), (N'ANATR', N'Ana')
INSERT dbo.ord VALUES (1, N'ALFKI'), (2, N'ALFKI'), (3, N'ANATR')
INSERT dbo.line VALUES (1, 10, 5), (1, 20, 1), (2, 10, 7), (3, 30, 2)
INSERT dbo.prod VALUES (10, N'Chai'), (20, N'Chang'), (30, N'Tofu')
GO
CREATE PROCEDURE dbo.CustHist @CustomerID nchar(5) AS
SELECT pname, Total = SUM(qty)
FROM dbo.prod P, dbo.line OD, dbo.ord O, dbo.cust C
WHERE C.cid = @CustomerID AND C.cid = O.cid AND O.oid = OD.oid AND OD.pid = P.pid
GROUP BY pname
ORDER BY pname
GO
EXEC dbo.CustHist ALFKI
-- expect: pname | Total
-- Chai | 12
-- Chang | 1
GO
-- A conjunct over a single table, one over three, an OR, a subquery and a
-- correlated name stay correct when the list is joined pairwise.
SELECT C.cname, P.pname, OD.qty FROM dbo.cust C, dbo.ord O, dbo.line OD, dbo.prod P
WHERE O.cid = C.cid AND OD.oid = O.oid AND P.pid = OD.pid AND (OD.qty > 1 OR P.pname = N'Chang')
  AND C.cid + CAST(O.oid AS nvarchar(5)) + P.pname <> N'x' AND P.pid IN (SELECT pid FROM dbo.prod WHERE pid < 30)
ORDER BY C.cname, P.pname, OD.qty
-- expect: cname | pname | qty
-- Alfreds | Chai | 5
-- Alfreds | Chai | 7
-- Alfreds | Chang | 1
GO
SELECT C.cname, (SELECT COUNT(*) FROM dbo.ord O, dbo.line OD WHERE O.cid = C.cid AND OD.oid = O.oid) AS lines
FROM dbo.cust C ORDER BY C.cname
-- expect: cname | lines
-- Alfreds | 3
-- Ana | 1
GO
UPDATE OD SET qty = qty + 100 FROM dbo.line OD, dbo.ord O WHERE O.oid = OD.oid AND O.cid = N'ANATR'
SELECT oid, pid, qty FROM dbo.line ORDER BY oid, pid
-- expect: oid | pid | qty
-- 1 | 10 | 5
-- 1 | 20 | 1
-- 2 | 10 | 7
-- 3 | 30 | 102
GO
-- A view, a derived table or a parenthesized join on the right of JOIN is
-- run once, not per left row (Northwind's Invoices and Order Subtotals).
CREATE VIEW dbo.ord_total AS SELECT oid, SUM(qty) AS total FROM dbo.line GROUP BY oid
GO
SELECT O.oid, T.total FROM dbo.ord O JOIN dbo.ord_total T ON T.oid = O.oid ORDER BY O.oid
-- expect: oid | total
-- 1 | 6
-- 2 | 7
-- 3 | 102
GO
INSERT dbo.ord VALUES (4, N'ANATR')
SELECT O.oid, T.total FROM dbo.ord O LEFT JOIN (SELECT oid, COUNT(*) AS total FROM dbo.line GROUP BY oid) AS T ON T.oid = O.oid
ORDER BY O.oid
-- expect: oid | total
-- 1 | 2
-- 2 | 1
-- 3 | 1
-- 4 | NULL
GO
SELECT C.cname, P.pname FROM dbo.prod P INNER JOIN ((dbo.cust C INNER JOIN dbo.ord O ON C.cid = O.cid)
    INNER JOIN dbo.line OD ON O.oid = OD.oid) ON P.pid = OD.pid
WHERE C.cid = N'ALFKI' ORDER BY P.pname, OD.qty
-- expect: cname | pname
-- Alfreds | Chai
-- Alfreds | Chai
-- Alfreds | Chang
GO
-- The right side of JOIN cannot see the left side's columns (APPLY can).
SELECT O.oid FROM dbo.ord O JOIN (SELECT pid FROM dbo.line L WHERE L.oid = O.oid) AS D ON 1 = 1
-- error: 4104 The multi-part identifier "O.oid" could not be bound.
GO

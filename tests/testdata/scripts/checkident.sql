-- DBCC CHECKIDENT: report, correct and reseed a table's identity counter
-- (values and messages as SQL Server 2025 gives them).
CREATE TABLE cit (id int IDENTITY(1, 1), v int)
INSERT cit (v) VALUES (1), (2), (3)
DBCC CHECKIDENT ('cit', NORESEED)
DBCC CHECKIDENT (cit, RESEED, 10)
DBCC CHECKIDENT ('dbo.cit', RESEED, 20) WITH NO_INFOMSGS
INSERT cit (v) VALUES (9)
SELECT id, IDENT_CURRENT('cit') AS cur FROM cit WHERE v = 9
-- message: Checking identity information: current identity value '3', current column value '3'.
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
-- message: Checking identity information: current identity value '3'.
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
-- expect: id | cur
-- 21 | 21
GO
-- A table nothing was inserted into, or truncated: the next row gets the
-- reseed value itself; after DELETE, the value plus the increment.
CREATE TABLE c2 (id int IDENTITY(1, 1), v int)
DBCC CHECKIDENT ('c2', RESEED, 10) WITH NO_INFOMSGS
INSERT c2 (v) VALUES (9)
CREATE TABLE c3 (id int IDENTITY(1, 1), v int)
INSERT c3 (v) VALUES (1)
TRUNCATE TABLE c3
DBCC CHECKIDENT ('c3', RESEED, 0) WITH NO_INFOMSGS
INSERT c3 (v) VALUES (9)
CREATE TABLE c4 (id int IDENTITY(1, 1), v int)
INSERT c4 (v) VALUES (1)
DELETE c4
DBCC CHECKIDENT ('c4', RESEED, 0) WITH NO_INFOMSGS
INSERT c4 (v) VALUES (9)
SELECT (SELECT id FROM c2) AS fresh, (SELECT id FROM c3) AS truncated, (SELECT id FROM c4) AS deleted
-- expect: fresh | truncated | deleted
-- 10 | 0 | 1
GO
-- CHECKIDENT without a value raises a counter that is behind the column.
CREATE TABLE c5 (id int IDENTITY(1, 1), v int)
SET IDENTITY_INSERT c5 ON
INSERT c5 (id, v) VALUES (50, 1)
SET IDENTITY_INSERT c5 OFF
DBCC CHECKIDENT ('c5', RESEED, 5) WITH NO_INFOMSGS
DBCC CHECKIDENT ('c5')
INSERT c5 (v) VALUES (9)
SELECT id FROM c5 WHERE v = 9
-- message: Checking identity information: current identity value '5', current column value '50'.
-- message: DBCC execution completed. If DBCC printed error messages, contact your system administrator.
-- expect: id
-- 51
GO
DBCC CHECKIDENT ('nosuch')
-- error: 2501 Cannot find a table or object with the name "nosuch". Check the system catalog.
GO
CREATE TABLE cin (a int)
DBCC CHECKIDENT ('cin')
-- error: 7997 'cin' does not contain an identity column.
GO
CREATE TABLE cid (id tinyint IDENTITY(1, 1))
DBCC CHECKIDENT ('cid', RESEED, 300) WITH NO_INFOMSGS
-- error: 2560 Parameter 3 is incorrect for this DBCC statement.
GO

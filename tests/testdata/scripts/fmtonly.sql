-- SET FMTONLY ON: metadata only, nothing changes (SET FMTONLY documentation:
-- "No rows are processed or sent to the client"). Tools such as SSIS, SSRS and
-- older OLE DB code send `SET FMTONLY ON <statement> SET FMTONLY OFF` to learn
-- a statement's or a procedure's columns.
CREATE TABLE fo (id int PRIMARY KEY, v varchar(10))
INSERT fo VALUES (1, 'a'), (2, 'b')
GO
SET FMTONLY ON
SELECT id, v FROM fo
SET FMTONLY OFF
-- expect: id | v
GO
-- No row is read: an expression that would fail on a row does not.
SET FMTONLY ON
SELECT id, 1 / (id - id) AS boom FROM fo
SELECT 1 / 0 AS const_boom
SET FMTONLY OFF
-- expect: id | boom
-- expect: const_boom
GO
-- DML, SELECT … INTO and DDL change nothing under FMTONLY.
SET FMTONLY ON
INSERT fo VALUES (3, 'c')
UPDATE fo SET v = 'z'
DELETE fo WHERE id = 1
MERGE fo USING (SELECT 4 AS id) s ON fo.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, 'm');
TRUNCATE TABLE fo
SELECT * INTO fo_copy FROM fo
CREATE TABLE fo_new (x int)
DROP TABLE fo
ALTER TABLE fo ADD w int
SET FMTONLY OFF
SELECT COUNT(*) AS n, MIN(v) AS lo, MAX(v) AS hi, OBJECT_ID('fo_copy') AS copy_id, OBJECT_ID('fo_new') AS new_id, COL_LENGTH('fo', 'w') AS w_len FROM fo
-- expect: n | lo | hi | copy_id | new_id | w_len
-- 2 | a | b | NULL | NULL | NULL
GO
-- Variables are declared and assigned; their SELECT returns metadata only.
SET FMTONLY ON
DECLARE @n int = 5
SET @n = @n + 1
SELECT @n AS n
SET FMTONLY OFF
-- expect: n
GO
-- A #table created under FMTONLY is not created: the SELECT from it fails
-- with 208, SQL Server's well-known error of SSIS data sources over
-- procedures that use temporary tables. The batch stops, FMTONLY stays ON.
SET FMTONLY ON
CREATE TABLE #fo_tmp (c int)
SELECT c FROM #fo_tmp
-- error: 208 Invalid object name '#fo_tmp'.
GO
SELECT 1 AS still_fmtonly
SET FMTONLY OFF
-- expect: still_fmtonly
GO
-- Table variables are declared, so their metadata comes back.
SET FMTONLY ON
DECLARE @t TABLE (k int, name nvarchar(20))
INSERT @t VALUES (1, N'x')
SELECT k, name FROM @t
SET FMTONLY OFF
-- expect: k | name
GO
-- A procedure is walked, not run: both branches of every IF and a WHILE's
-- body once, whatever the conditions; BREAK and RETURN are passed over; its
-- DML changes nothing.
CREATE PROCEDURE fo_proc @mode int = 0 AS
BEGIN
    IF @mode = 1
        SELECT id FROM fo
    ELSE
        SELECT v AS other FROM fo
    DECLARE @i int = 0
    WHILE @i < 10
    BEGIN
        SET @i += 1
        BREAK
        SELECT @i AS after_break
    END
    INSERT fo VALUES (10, 'proc')
    RETURN
    SELECT COUNT(*) AS after_return FROM fo
END
GO
SET FMTONLY ON
EXEC fo_proc 1
SET FMTONLY OFF
-- expect: id
-- expect: other
-- expect: after_break
-- expect: after_return
GO
SELECT COUNT(*) AS n FROM fo
-- expect: n
-- 2
GO
-- Without FMTONLY the same procedure runs as written.
EXEC fo_proc 1
-- expect: id
-- 1
-- 2
GO
DELETE fo WHERE id = 10
GO
-- The condition of an IF is not read under FMTONLY, so procedures written
-- for such tools turn it off with IF 1 = 0 SET FMTONLY OFF; the SET options
-- a procedure changes end with it.
CREATE PROCEDURE fo_tmp_proc AS
BEGIN
    IF 1 = 0 SET FMTONLY OFF
    CREATE TABLE #w (z int)
    INSERT #w VALUES (7)
    SELECT z FROM #w
END
GO
SET FMTONLY ON
EXEC fo_tmp_proc
SELECT id FROM fo
SET FMTONLY OFF
-- expect: z
-- 7
-- expect: id
GO
-- sp_executesql and EXEC('…') are walked like a batch.
SET FMTONLY ON
EXEC sp_executesql N'SELECT v FROM fo WHERE id = @id; DELETE fo', N'@id int', 1
EXEC ('SELECT id AS dyn FROM fo; UPDATE fo SET v = ''q''')
SET FMTONLY OFF
SELECT COUNT(*) AS n, MAX(v) AS hi FROM fo
-- expect: v
-- expect: dyn
-- expect: n | hi
-- 2 | b
GO
-- A system procedure that changes something does not run; one that only
-- reads returns its metadata.
SET FMTONLY ON
EXEC sp_rename 'fo', 'fo_renamed'
SET FMTONLY OFF
SELECT OBJECT_ID('fo_renamed') AS renamed, COUNT(*) AS n FROM fo
-- expect: renamed | n
-- NULL | 2
GO
-- FOR XML and FOR JSON describe their one column without reading a row
-- (1/0 on a row is no error); DML with OUTPUT describes the OUTPUT
-- columns and changes nothing.
SET FMTONLY ON
SELECT id, v FROM fo FOR XML AUTO
SELECT id, 1 / 0 AS z FROM fo FOR JSON PATH
INSERT fo OUTPUT inserted.id, inserted.v VALUES (9, 'i')
UPDATE fo SET v = 'u' OUTPUT deleted.v AS old, inserted.v AS new WHERE id = 1
DELETE fo OUTPUT deleted.* WHERE id = 1
SET FMTONLY OFF
SELECT COUNT(*) AS n, MAX(v) AS hi FROM fo
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- expect: id | v
-- expect: old | new
-- expect: id | v
-- expect: n | hi
-- 2 | b
GO
DROP PROCEDURE fo_proc
DROP PROCEDURE fo_tmp_proc
DROP TABLE fo
GO

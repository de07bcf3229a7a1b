-- Modules keep the batch that created them as their definition (comments
-- and layout included, ALTER and CREATE OR ALTER stored as CREATE, sp_rename
-- leaves it, WITH ENCRYPTION hides it), and errors inside a module report
-- the line within that text and the module's name. Line breaks in values are
-- shown as \n and \r.
CREATE TABLE dbo.ms_t (id int PRIMARY KEY, v int NOT NULL)
CREATE TABLE #h (n int IDENTITY, Text nvarchar(255))
GO
-- the header is part of the definition
CREATE PROCEDURE dbo.ms_p
  @d int = 0
AS
BEGIN
  /* line 6 */
  SELECT 10 / @d AS q;
END
GO
SELECT REPLACE(definition, CHAR(10), N'\n') AS d FROM sys.sql_modules WHERE object_id = OBJECT_ID('dbo.ms_p')
-- expect: d
-- -- the header is part of the definition\nCREATE PROCEDURE dbo.ms_p\n  @d int = 0\nAS\nBEGIN\n  /* line 6 */\n  SELECT 10 / @d AS q;\nEND\n
GO
BEGIN TRY
  EXEC dbo.ms_p
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l, ERROR_PROCEDURE() AS p
END CATCH
-- expect: q
-- expect: n | l | p
-- 8134 | 7 | dbo.ms_p
GO
DECLARE @crlf nchar(2) = CHAR(13) + CHAR(10)
DECLARE @s nvarchar(max) = N'-- made with CR LF' + @crlf + N'CREATE PROCEDURE dbo.ms_crlf' + @crlf + N'AS' + @crlf + N'  RAISERROR(''from line 4'', 16, 1)' + @crlf
EXEC (@s)
GO
INSERT INTO #h (Text) EXEC sp_helptext 'dbo.ms_crlf'
SELECT REPLACE(REPLACE(Text, CHAR(13), N'\r'), CHAR(10), N'\n') AS Text FROM #h ORDER BY n
-- expect: Text
-- -- made with CR LF\r\n
-- CREATE PROCEDURE dbo.ms_crlf\r\n
-- AS\r\n
--   RAISERROR('from line 4', 16, 1)\r\n
GO
BEGIN TRY
  EXEC dbo.ms_crlf
END TRY
BEGIN CATCH
  SELECT ERROR_MESSAGE() AS m, ERROR_LINE() AS l, ERROR_PROCEDURE() AS p
END CATCH
-- expect: m | l | p
-- from line 4 | 4 | dbo.ms_crlf
GO
/* altered */
ALTER PROCEDURE dbo.ms_p AS
  SELECT 1 AS one
GO
SELECT REPLACE(OBJECT_DEFINITION(OBJECT_ID('dbo.ms_p')), CHAR(10), N'\n') AS d
-- expect: d
-- /* altered */\nCREATE PROCEDURE dbo.ms_p AS\n  SELECT 1 AS one\n
GO
create or /*kept*/ alter view dbo.ms_v as select 1 as a
GO
SELECT REPLACE(OBJECT_DEFINITION(OBJECT_ID('dbo.ms_v')), CHAR(10), N'\n') AS d
-- expect: d
-- create  /*kept*/  view dbo.ms_v as select 1 as a\n
GO
EXEC sp_rename 'dbo.ms_v', 'ms_v2'
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT REPLACE(OBJECT_DEFINITION(OBJECT_ID('dbo.ms_v2')), CHAR(10), N'\n') AS d, (SELECT a FROM dbo.ms_v2) AS a
-- expect: d | a
-- create  /*kept*/  view dbo.ms_v as select 1 as a\n | 1
GO
CREATE PROCEDURE dbo.ms_secret WITH ENCRYPTION AS SELECT 42 AS answer
GO
SELECT OBJECT_DEFINITION(OBJECT_ID('dbo.ms_secret')) AS d, (SELECT COUNT(*) FROM sys.sql_modules WHERE object_id = OBJECT_ID('dbo.ms_secret') AND definition IS NULL) AS hidden
-- expect: d | hidden
-- NULL | 1
GO
EXEC sp_helptext 'dbo.ms_secret'
-- message: The text for object 'dbo.ms_secret' is encrypted.
GO
EXEC dbo.ms_secret
-- expect: answer
-- 42
GO
CREATE TRIGGER dbo.ms_trg ON dbo.ms_t AFTER INSERT
AS
BEGIN
  SET NOCOUNT ON

  IF EXISTS (SELECT * FROM inserted WHERE v < 0)
    THROW 50001, N'negative', 1;
END
GO
BEGIN TRY
  INSERT INTO dbo.ms_t VALUES (1, -1)
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l, ERROR_PROCEDURE() AS p
END CATCH
-- expect: n | l | p
-- 50001 | 7 | dbo.ms_trg
-- error: 3998 Uncommittable transaction is detected at the end of the batch. The transaction is rolled back.
GO
CREATE FUNCTION dbo.ms_f (@x int)
RETURNS int
AS
BEGIN
  DECLARE @i int = 0
  WHILE @i < 2
    SET @i += 1
  RETURN @i / @x
END
GO
BEGIN TRY
  SELECT dbo.ms_f(0) AS r
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l, ERROR_PROCEDURE() AS p
END CATCH
-- expect: r
-- expect: n | l | p
-- 8134 | 8 | dbo.ms_f
GO
CREATE PROCEDURE dbo.ms_inner
AS
  SET NOCOUNT ON
  RAISERROR('inner %d', 16, 1, 3)
GO
CREATE PROCEDURE dbo.ms_outer
AS
BEGIN
  SET NOCOUNT ON
  BEGIN TRY
    EXEC dbo.ms_inner
  END TRY
  BEGIN CATCH
    SELECT ERROR_MESSAGE() AS m, ERROR_LINE() AS l, ERROR_PROCEDURE() AS p
  END CATCH
  EXEC ('SELECT 1 AS one
    SELECT 1 / 0 AS boom')
END
GO
BEGIN TRY
  EXEC dbo.ms_outer
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l, ERROR_PROCEDURE() AS p
END CATCH
-- expect: m | l | p
-- inner 3 | 4 | dbo.ms_inner
-- expect: one
-- 1
-- expect: boom
-- expect: n | l | p
-- 8134 | 2 | NULL
GO
DECLARE @z int = 0

BEGIN TRY
  SELECT 1 AS a,
         1 / @z AS b
END TRY
BEGIN CATCH
  SELECT ERROR_LINE() AS l, ERROR_PROCEDURE() AS p
END CATCH
-- expect: a | b
-- expect: l | p
-- 4 | NULL
GO
SELECT c.colid, c.number, c.encrypted, REPLACE(c.text, CHAR(10), N'\n') AS text, DATALENGTH(c.ctext) AS bytes FROM syscomments AS c WHERE c.id = OBJECT_ID('dbo.ms_v2')
-- expect: colid | number | encrypted | text | bytes
-- 1 | 0 | 0 | create  /*kept*/  view dbo.ms_v as select 1 as a\n | 98
GO
SELECT OBJECT_NAME(id) AS name, number, encrypted, REPLACE(REPLACE(text, CHAR(13), N'\r'), CHAR(10), N'\n') AS text FROM sys.syscomments WHERE id = OBJECT_ID('dbo.ms_secret') OR text LIKE N'%made with CR LF%' ORDER BY name
-- expect: name | number | encrypted | text
-- ms_crlf | 1 | 0 | -- made with CR LF\r\nCREATE PROCEDURE dbo.ms_crlf\r\nAS\r\n  RAISERROR('from line 4', 16, 1)\r\n
-- ms_secret | 1 | 1 | NULL
GO
DECLARE @s nvarchar(max) = N'CREATE PROCEDURE dbo.ms_long AS SELECT ''' + REPLICATE(CAST(N'x' AS nvarchar(max)), 5000) + N''' AS x'
EXEC (@s)
GO
SELECT colid, LEN(text) AS len FROM syscomments WHERE id = OBJECT_ID('dbo.ms_long') ORDER BY colid
-- expect: colid | len
-- 1 | 4000
-- 2 | 1046
GO
TRUNCATE TABLE #h
INSERT INTO #h (Text) EXEC sp_helptext 'dbo.ms_long'
SELECT COUNT(*) AS rows, MIN(LEN(Text)) AS shortest, MAX(LEN(Text)) AS longest, SUM(LEN(Text)) AS total FROM #h
-- expect: rows | shortest | longest | total
-- 20 | 201 | 255 | 5046
GO
-- name-binding errors report the line of the name, not of the statement
BEGIN TRY
  EXEC ('SELECT c.id
    FROM dbo.ms_t AS c
    JOIN dbo.ms_t AS d ON c.id = o.id')
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l
END CATCH
-- expect: n | l
-- 4104 | 3
GO
BEGIN TRY
  EXEC ('SELECT id,

    nosuch FROM dbo.ms_t')
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_LINE() AS l
END CATCH
-- expect: n | l
-- 207 | 3
GO
CREATE FUNCTION dbo.ms_nn (@x int)
RETURNS int
WITH RETURNS NULL
     ON NULL INPUT
AS
BEGIN
  RETURN @x
END
GO
SELECT null_on_null_input FROM sys.sql_modules WHERE object_id = OBJECT_ID('dbo.ms_nn')
-- expect: null_on_null_input
-- 1
GO

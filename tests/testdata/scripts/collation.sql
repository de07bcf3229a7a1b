-- Default collation SQL_Latin1_General_CP1_CI_AS: case-insensitive, accent-sensitive, trailing spaces ignored.
CREATE TABLE dbo.c (k varchar(10) NOT NULL CONSTRAINT PK_c PRIMARY KEY, v int)
INSERT dbo.c VALUES ('abc', 1)
GO
INSERT dbo.c VALUES ('ABC', 2)
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_c'. Cannot insert duplicate key in object 'dbo.c'. The duplicate key value is (ABC).
-- message: The statement has been terminated.
GO
INSERT dbo.c VALUES ('abc  ', 3)
-- error: 2627
-- message: The statement has been terminated.
GO
INSERT dbo.c VALUES ('ábc', 4)
SELECT COUNT(*) AS n FROM dbo.c
-- expect: n
-- 2
GO
SELECT v FROM dbo.c WHERE k = 'ABC'
-- expect: v
-- 1
GO
SELECT x FROM (VALUES ('b'), ('A'), ('a'), ('C')) AS t(x) GROUP BY x HAVING COUNT(*) > 1
-- expect: x
-- A
GO
SELECT COUNT(DISTINCT x) AS n FROM (VALUES ('b'), ('B'), ('a')) AS t(x)
-- expect: n
-- 2
GO
SELECT x FROM (VALUES ('b'), ('C'), ('a')) AS t(x) ORDER BY x
-- expect: x
-- a
-- b
-- C
GO
SELECT CASE WHEN 'a' = 'á' THEN 1 ELSE 0 END AS accent, CASE WHEN N'STRASSE' = N'strasse' THEN 1 ELSE 0 END AS ci,
       CASE WHEN 'abc' = 'ABC' COLLATE Latin1_General_CS_AS THEN 1 ELSE 0 END AS cs
-- expect: accent | ci | cs
-- 0 | 1 | 0
GO
SELECT REPLACE('aAa', 'a', 'x') AS rep, CHARINDEX('B', 'abc') AS ci
-- expect: rep | ci
-- xxx | 2
GO
CREATE TABLE dbo.u (name nvarchar(10) CONSTRAINT UQ_u UNIQUE)
INSERT dbo.u VALUES (N'Zoë')
INSERT dbo.u VALUES (N'ZOË')
-- error: 2627 Violation of UNIQUE KEY constraint 'UQ_u'. Cannot insert duplicate key in object 'dbo.u'. The duplicate key value is (ZOË).
-- message: The statement has been terminated.
GO
SELECT MIN(x) AS mn, MAX(x) AS mx FROM (VALUES ('b'), ('C'), ('a')) AS t(x)
-- expect: mn | mx
-- a | C
GO
SELECT CASE WHEN 'abc' LIKE 'ABC' THEN 1 ELSE 0 END AS like_ci, CASE WHEN 'a' IN ('A', 'b') THEN 1 ELSE 0 END AS in_ci
-- expect: like_ci | in_ci
-- 1 | 1
GO
-- Every collation sys.fn_helpcollations() lists works where a collation
-- name is taken: a column definition, COLLATE on a comparison and on an
-- expression (the list holds only the collations this server supports).
DECLARE @name sysname, @sql nvarchar(max), @ok int = 0, @failed nvarchar(max) = N''
DECLARE names CURSOR LOCAL FAST_FORWARD FOR SELECT name FROM sys.fn_helpcollations()
OPEN names
FETCH NEXT FROM names INTO @name
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @sql = N'DECLARE @t TABLE (v varchar(20) COLLATE ' + @name + N'); INSERT @t VALUES (''abc''); '
        + N'SELECT @n = COUNT(*) FROM @t WHERE v = ''abc'' COLLATE ' + @name + N'; SELECT @s = N''x'' COLLATE ' + @name
    BEGIN TRY
        DECLARE @n int, @s nvarchar(10)
        EXEC sp_executesql @sql, N'@n int OUTPUT, @s nvarchar(10) OUTPUT', @n OUTPUT, @s OUTPUT
        IF @n = 1 AND @s = N'x' SET @ok += 1 ELSE SET @failed += @name + N' '
    END TRY
    BEGIN CATCH
        SET @failed += @name + N' '
    END CATCH
    FETCH NEXT FROM names INTO @name
END
CLOSE names
DEALLOCATE names
SELECT CASE WHEN @ok = (SELECT COUNT(*) FROM sys.fn_helpcollations()) AND @ok > 0 THEN 1 ELSE 0 END AS all_work, @failed AS failed
-- expect: all_work | failed
-- 1 | ''
GO

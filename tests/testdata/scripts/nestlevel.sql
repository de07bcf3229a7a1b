-- @@NESTLEVEL (its page, "Remarks" and example B): 0 in a batch, 1 + the
-- current level inside EXEC of a string, 2 + the current level inside
-- sp_executesql (a procedure running a batch); a procedure the dynamic
-- batch calls is one level deeper again. The 217 limit (32 levels) counts
-- the same levels.
SELECT @@NESTLEVEL AS lvl;
-- expect: lvl
-- 0
GO
EXEC ('SELECT @@NESTLEVEL AS OneGreater');
EXEC sp_executesql N'SELECT @@NESTLEVEL AS TwoGreater';
SELECT @@NESTLEVEL AS after_both;
-- expect: OneGreater
-- 1
-- expect: TwoGreater
-- 2
-- expect: after_both
-- 0
GO
CREATE PROC dbo.usp_NestLevelValues AS
    SELECT @@NESTLEVEL AS 'Current Nest Level';
EXEC ('SELECT @@NESTLEVEL AS OneGreater');
EXEC sp_executesql N'SELECT @@NESTLEVEL as TwoGreater' ;
GO
EXEC dbo.usp_NestLevelValues;
-- expect: Current Nest Level
-- 1
-- expect: OneGreater
-- 2
-- expect: TwoGreater
-- 3
GO
-- A procedure called from dynamic SQL, and dynamic SQL inside dynamic SQL
CREATE PROC dbo.show_level AS SELECT @@NESTLEVEL AS lvl;
GO
EXEC ('EXEC dbo.show_level');
EXEC sp_executesql N'EXEC dbo.show_level';
EXEC ('EXEC (''SELECT @@NESTLEVEL AS lvl'')');
EXEC sp_executesql N'EXEC sp_executesql N''SELECT @@NESTLEVEL AS lvl''';
-- expect: lvl
-- 2
-- expect: lvl
-- 3
-- expect: lvl
-- 2
-- expect: lvl
-- 4
GO
-- A procedure recursing through EXEC of a string: each call is two levels
-- (the string's and the procedure's), so the 17th call would run at level
-- 33 and is 217; 16 calls ran, the last at level 31.
CREATE TABLE dbo.lv (n int, lvl int);
GO
CREATE PROC dbo.rec_exec @n int AS
BEGIN
    INSERT dbo.lv VALUES (@n, @@NESTLEVEL);
    DECLARE @s nvarchar(100) = N'EXEC dbo.rec_exec ' + CAST(@n + 1 AS nvarchar(10));
    EXEC (@s);
END
GO
EXEC dbo.rec_exec 1;
-- error: 217 Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).
GO
SELECT COUNT(*) AS calls, MAX(lvl) AS deepest FROM dbo.lv;
-- expect: calls | deepest
-- 16 | 31
GO
-- Through sp_executesql each call is three levels: the 11th ran at 31.
DELETE dbo.lv;
GO
CREATE PROC dbo.rec_sql @n int AS
BEGIN
    INSERT dbo.lv VALUES (@n, @@NESTLEVEL);
    DECLARE @m int = @n + 1;
    EXEC sp_executesql N'EXEC dbo.rec_sql @n', N'@n int', @m;
END
GO
EXEC dbo.rec_sql 1;
-- error: 217 Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).
GO
SELECT COUNT(*) AS calls, MAX(lvl) AS deepest FROM dbo.lv;
-- expect: calls | deepest
-- 11 | 31
GO
-- Plain procedure recursion still stops at 32 levels.
DELETE dbo.lv;
GO
CREATE PROC dbo.rec_proc @n int AS
BEGIN
    INSERT dbo.lv VALUES (@n, @@NESTLEVEL);
    DECLARE @m int = @n + 1;
    EXEC dbo.rec_proc @m;
END
GO
EXEC dbo.rec_proc 1;
-- error: 217 Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).
GO
SELECT COUNT(*) AS calls, MAX(lvl) AS deepest FROM dbo.lv;
-- expect: calls | deepest
-- 32 | 32
GO

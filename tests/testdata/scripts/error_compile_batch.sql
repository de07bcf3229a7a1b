-- Errors SQL Server finds when it compiles a batch refuse the whole batch:
-- nothing in it runs, a PRINT before the error included. A syntax error
-- anywhere (102, 156), a variable used with no DECLARE earlier in the
-- batch's text (137; 1087 for a table variable), an EXEC argument by
-- position after one by name (119), a MERGE without its semicolon (10713)
-- (issue #5).
CREATE TABLE t (a int)
GO
PRINT 'before'
SELECT 1 AS one
SELECT FROM WHERE
-- error: 156 Incorrect syntax near the keyword 'FROM'.
GO
PRINT 'before'
INSERT t VALUES (1)
SELECT 1 AS one
IF 1 = 1 SELECT 2 AS two ELSE SELECT 3 AS three FROM
-- error: 156 Incorrect syntax near the keyword 'FROM'.
GO
SELECT COUNT(*) AS n FROM t
-- expect: n
-- 0
GO
PRINT 'before'
INSERT t VALUES (1)
SELECT @undeclared AS x
-- error: 137 Must declare the scalar variable "@undeclared".
GO
PRINT 'before'
INSERT t VALUES (1)
SELECT * FROM @tv
-- error: 1087 Must declare the table variable "@tv".
GO
PRINT 'before'
SET @late = 1
DECLARE @late int
-- error: 137 Must declare the scalar variable "@late".
GO
SELECT COUNT(*) AS n FROM t
-- expect: n
-- 0
GO
-- A DECLARE declares the variable for the rest of the batch's text,
-- whether or not it ran.
IF 1 = 0
BEGIN
    DECLARE @x int
END
SET @x = 5
SELECT @x AS x, @@ROWCOUNT AS rc
-- skip: BUG: a DECLARE that does not run leaves its variable undeclared at run time (137 when SET runs)
-- expect: x | rc
-- 5 | 1
GO
DECLARE @T TABLE (a int)
INSERT @t VALUES (1)
SELECT a FROM @T
-- expect: a
-- 1
GO
CREATE PROCEDURE p2 @a int, @b int AS SELECT @a + @b AS s
GO
PRINT 'before'
EXEC p2 @a = 1, 2
-- error: 119 Must pass parameter number 2 and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'.
GO
PRINT 'before'
EXEC sp_executesql N'SELECT @a AS a', N'@a int', @a = 1, 2
-- error: 119 Must pass parameter number 4 and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'.
GO
EXEC p2 1, @b = 2
-- expect: s
-- 3
GO
PRINT 'before'
MERGE t AS d USING (SELECT 1 AS a) AS s ON d.a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.a)
SELECT 1 AS one
-- error: 10713 A MERGE statement must be terminated by a semi-colon (;).
GO
PRINT 'before'
MERGE t AS d USING (SELECT 1 AS a) AS s ON d.a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.a)
-- error: 10713 A MERGE statement must be terminated by a semi-colon (;).
GO
MERGE t AS d USING (SELECT 1 AS a) AS s ON d.a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.a);
SELECT COUNT(*) AS n FROM t
-- expect: n
-- 1
GO

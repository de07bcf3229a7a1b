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
-- expect: x | rc
-- 5 | 1
GO
-- Its initial value is not assigned when the DECLARE does not run: NULL.
-- A loop never entered, a CATCH block not run, statements after RETURN
-- declare theirs as well.
IF 1 = 0
    DECLARE @y int = 7
WHILE 1 = 0
BEGIN
    DECLARE @w varchar(10) = 'loop'
END
BEGIN TRY
    SELECT 1 AS one
END TRY
BEGIN CATCH
    DECLARE @c int = 3
END CATCH
SELECT @y AS y, @w AS w, @c AS c
SET @w = 'set'
SET @c = 4
SELECT @w AS w, @c AS c
-- expect: one
-- 1
-- expect: y | w | c
-- NULL | NULL | NULL
-- expect: w | c
-- set | 4
GO
IF 1 = 0
BEGIN
    DECLARE @tv2 TABLE (a int)
END
INSERT @tv2 VALUES (1)
SELECT a FROM @tv2
-- expect: a
-- 1
GO
-- In a procedure's body too.
CREATE PROCEDURE p_skipdecl @go bit AS
IF @go = 1
    RETURN 1
IF 1 = 0
BEGIN
    DECLARE @z int = 1
END
SET @z = ISNULL(@z, 0) + 10
SELECT @z AS z
GO
EXEC p_skipdecl 0
-- expect: z
-- 10
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
CREATE FUNCTION f_skipdecl() RETURNS int AS
BEGIN
    IF 1 = 0
    BEGIN
        DECLARE @v int = 5
    END
    SET @v = ISNULL(@v, 0) + 2
    RETURN @v
END
GO
SELECT dbo.f_skipdecl() AS v
-- expect: v
-- 2
GO

-- Variables and control flow.
DECLARE @a int = 1, @b varchar(10)
SET @b = 'x'
SELECT @a AS a, @b AS b, @@ROWCOUNT AS rc
-- expect: a | b | rc
-- 1 | x | 0
GO
DECLARE @x int
SELECT @x = 5
SELECT @x AS x
-- expect: x
-- 5
GO
DECLARE @n int = 0
WHILE @n < 3 SET @n += 1
IF @n = 3 SELECT 'three' AS r ELSE SELECT 'other' AS r
-- expect: r
-- three
GO
DECLARE @v int
SELECT @v = n FROM (VALUES (1), (2), (3)) AS t(n) ORDER BY n
SELECT @v AS last_assigned
-- expect: last_assigned
-- 3
GO
DECLARE @v int = 9
SELECT @v = n FROM (VALUES (1)) AS t(n) WHERE n > 5
SELECT @v AS unchanged
-- expect: unchanged
-- 9
GO
DECLARE @s varchar(3) = 'abcdef'
SELECT @s AS truncated_silently
-- expect: truncated_silently
-- abc
GO
SELECT @undeclared
-- error: 137 Must declare the scalar variable "@undeclared".
GO
DECLARE @d int
DECLARE @d int
-- error: 134 The variable name '@d' has already been declared. Variable names must be unique within a query batch or stored procedure.
GO
IF EXISTS (SELECT 1) BEGIN SELECT 'yes' AS e END
IF NOT EXISTS (SELECT 1 WHERE 1 = 0) PRINT 'empty'
-- expect: e
-- yes
-- message: empty
GO
DECLARE @i int = 0
WHILE 1 = 1
BEGIN
    SET @i += 1
    IF @i >= 4 BREAK
END
SELECT @i AS i
-- expect: i
-- 4
GO
CREATE TABLE dbo.rc (x int)
INSERT dbo.rc VALUES (1), (2), (3)
SELECT @@ROWCOUNT AS after_insert
UPDATE dbo.rc SET x = x WHERE x > 1
SELECT @@ROWCOUNT AS after_update
-- expect: after_insert
-- 3
-- expect: after_update
-- 2
GO
-- A DECLARE inside a loop declares the variable once: running it again is
-- not 134, and the variable keeps its value (a table variable its rows); a
-- DECLARE with a value assigns it on every pass.
DECLARE @i int = 0
WHILE @i < 3
BEGIN
    DECLARE @kept int
    DECLARE @reset int = 10
    DECLARE @rows TABLE (n int)
    SET @kept = ISNULL(@kept, 0) + 1
    SET @reset += 1
    INSERT @rows VALUES (@i)
    SET @i += 1
END
SELECT @kept AS kept, @reset AS reset, (SELECT COUNT(*) FROM @rows) AS n
-- expect: kept | reset | n
-- 3 | 11 | 3
GO
DECLARE @a int
DECLARE @a int
-- error: 134 The variable name '@a' has already been declared. Variable names must be unique within a query batch or stored procedure.
GO

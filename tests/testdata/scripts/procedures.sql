-- Stored procedures: parameters, defaults, OUTPUT, RETURN, nesting.
CREATE PROCEDURE dbo.add_one @x int, @y int OUTPUT AS
BEGIN
    SET @y = @x + 1
    RETURN 7
END
GO
DECLARE @r int, @out int
EXEC @r = dbo.add_one 41, @out OUTPUT
SELECT @r AS ret, @out AS outp
-- expect: ret | outp
-- 7 | 42
GO
DECLARE @out int = 5
EXEC dbo.add_one @x = 1, @y = @out
SELECT @out AS not_output
-- expect: not_output
-- 5
GO
CREATE PROCEDURE dbo.greet @name varchar(20) = 'world', @n int = 1 AS
    SELECT 'hello ' + @name AS g, @n AS n
GO
EXEC dbo.greet
EXEC dbo.greet 'you'
EXEC dbo.greet @n = 3
-- expect: g | n
-- hello world | 1
-- expect: g | n
-- hello you | 1
-- expect: g | n
-- hello world | 3
GO
CREATE PROCEDURE dbo.needs @a int AS SELECT @a AS a
GO
EXEC dbo.needs
-- error: 201 Procedure or function 'needs' expects parameter '@a', which was not supplied.
GO
EXEC dbo.nope
-- error: 2812 Could not find stored procedure 'dbo.nope'.
GO
CREATE PROCEDURE dbo.noreturn AS SELECT 1 AS one
GO
DECLARE @r int
EXEC @r = dbo.noreturn
SELECT @r AS r
-- expect: one
-- 1
-- expect: r
-- 0
GO
CREATE TABLE dbo.log (id int IDENTITY, msg varchar(50))
GO
CREATE PROCEDURE dbo.inner_p @m varchar(50) AS
    INSERT dbo.log (msg) VALUES (@m)
    RETURN @@ROWCOUNT
GO
CREATE PROCEDURE dbo.outer_p AS
BEGIN
    DECLARE @rc int
    EXEC @rc = dbo.inner_p 'from outer'
    SELECT @rc AS inner_rc, @@NESTLEVEL AS lvl
END
GO
EXEC dbo.outer_p
SELECT msg FROM dbo.log
-- expect: inner_rc | lvl
-- 1 | 1
-- expect: msg
-- from outer
GO
CREATE PROCEDURE dbo.loop_p @n int AS
BEGIN
    DECLARE @i int = 0, @s int = 0
    WHILE @i < @n
    BEGIN
        SET @i += 1
        IF @i % 2 = 0 CONTINUE
        SET @s += @i
        IF @i > 6 BREAK
    END
    SELECT @s AS s
END
GO
EXEC dbo.loop_p 10
-- expect: s
-- 16
GO
ALTER PROCEDURE dbo.noreturn AS SELECT 2 AS two
GO
EXEC dbo.noreturn
-- expect: two
-- 2
GO
CREATE PROCEDURE dbo.noreturn AS SELECT 3
-- error: 2714 There is already an object named 'noreturn' in the database.
GO
DROP PROCEDURE dbo.noreturn
EXEC dbo.noreturn
-- error: 2812
GO
-- a transaction left open by a procedure
CREATE PROCEDURE dbo.opens AS BEGIN TRAN
GO
EXEC dbo.opens
SELECT @@TRANCOUNT AS tc
ROLLBACK
-- error: 266 Transaction count after EXECUTE indicates a mismatching number of BEGIN and COMMIT statements. Previous count = 0, current count = 1.
-- expect: tc
-- 1
GO
CREATE PROCEDURE dbo.temp_user AS SELECT COUNT(*) AS n FROM #caller
GO
CREATE TABLE #caller (x int)
INSERT #caller VALUES (1), (2)
EXEC dbo.temp_user
-- expect: n
-- 2
GO
CREATE PROCEDURE dbo.fail_in_proc AS
BEGIN
    SELECT 1 AS one
    RAISERROR('from proc', 16, 9)
    SELECT 2 AS two
END
GO
EXEC dbo.fail_in_proc
SELECT 'after' AS a
-- expect: one
-- 1
-- error: 50000 from proc
-- expect: two
-- 2
-- expect: a
-- after
GO

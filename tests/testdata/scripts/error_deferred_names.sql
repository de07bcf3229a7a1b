-- CREATE PROCEDURE compiles the statements whose tables exist (deferred
-- name resolution covers missing tables only, not missing columns of
-- existing tables): a column such a table does not have is 207 when the
-- procedure is created, and no procedure is created. A statement naming a
-- table that does not exist, or a temporary table the body creates, waits
-- for the run (issue #5).
CREATE TABLE dt (a int, b int)
GO
CREATE PROCEDURE p_badcol AS SELECT a, nope FROM dt
-- error: 207 Invalid column name 'nope'.
GO
EXEC p_badcol
-- error: 2812 Could not find stored procedure 'p_badcol'.
GO
CREATE PROCEDURE p_badcol2 @k int AS
BEGIN
    DECLARE @v int = 1
    IF @k = 1
    BEGIN
        SELECT a FROM dbo.dt WHERE b = @v
        SELECT a FROM dt WHERE b = @v AND c = @k
    END
END
-- error: 207 Invalid column name 'c'.
GO
SELECT COUNT(*) AS n FROM sys.procedures WHERE name LIKE 'p[_]badcol%'
-- expect: n
-- 0
GO
CREATE PROCEDURE p_missing AS SELECT a, nope FROM no_such_table
GO
EXEC p_missing
-- error: 208 Invalid object name 'no_such_table'.
GO
CREATE PROCEDURE p_temp AS
    CREATE TABLE #x (a int)
    SELECT nope FROM #x
GO
EXEC p_temp
-- error: 207 Invalid column name 'nope'.
GO
CREATE PROCEDURE p_ok @k int AS SELECT a FROM dt WHERE b = @k
GO
ALTER PROCEDURE p_ok @k int AS SELECT zz FROM dt WHERE b = @k
-- error: 207 Invalid column name 'zz'.
GO
INSERT dt VALUES (1, 2)
EXEC p_ok 2
-- expect: a
-- 1
GO
-- A variable a procedure uses before any DECLARE of it in the body's
-- text, and that is no parameter, is 137 at CREATE (1087 for a table
-- variable); one DECLAREd earlier in a branch that does not run is fine.
CREATE PROCEDURE p_late @k int AS
    SET @late = @k
    DECLARE @late int
-- error: 137 Must declare the scalar variable "@late".
GO
CREATE PROCEDURE p_tv AS SELECT * FROM @nope
-- error: 1087 Must declare the table variable "@nope".
GO
CREATE PROCEDURE p_early @k int AS
    IF @k = 0
    BEGIN
        DECLARE @e int
    END
    SET @e = @k + 1
    SELECT @e AS e
GO
EXEC p_early 1
-- expect: e
-- 2
GO

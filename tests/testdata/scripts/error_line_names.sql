-- ERROR_LINE() and ERROR_PROCEDURE() of a name-resolution error (208, 207)
-- caught by a TRY in the caller: the line of the statement in the module's
-- or dynamic batch's own text (a procedure's lines count from the first line
-- of the batch that created it, its leading comments included: 9 and 6
-- here), the module's name, NULL for dynamic SQL.
-- A TRY at the error's own level does not catch it (issue #5).
CREATE PROCEDURE pr AS
    SELECT 1 AS one
    SELECT * FROM nope
GO
-- t2 does not exist yet: the procedure is created (deferred name
-- resolution) and its 207 comes when it runs.
CREATE PROCEDURE pc AS
    SELECT 1 AS one

    SELECT nocol FROM t2
GO
CREATE TABLE t2 (b int)
GO
BEGIN TRY
    EXEC pr
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_LINE() AS line, ERROR_PROCEDURE() AS p
END CATCH
-- expect: one
-- 1
-- expect: num | line | p
-- 208 | 9 | dbo.pr
GO
BEGIN TRY
    EXEC pc
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_LINE() AS line, ERROR_PROCEDURE() AS p
END CATCH
-- expect: one
-- 1
-- expect: num | line | p
-- 207 | 6 | dbo.pc
GO
BEGIN TRY
    EXEC('SELECT 1 AS one
    SELECT * FROM nope')
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_LINE() AS line, ERROR_PROCEDURE() AS p
END CATCH
-- expect: one
-- 1
-- expect: num | line | p
-- 208 | 2 | NULL
GO
BEGIN TRY
    SELECT 1 AS one
    SELECT * FROM nope
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num
END CATCH
SELECT 'after' AS s
-- expect: one
-- 1
-- error: 208 Invalid object name 'nope'.
GO

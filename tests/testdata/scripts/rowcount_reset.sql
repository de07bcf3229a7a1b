-- @@ROWCOUNT after statements that return no rows (issue #5). The
-- @@ROWCOUNT page: USE, SET <option>, DEALLOCATE CURSOR, CLOSE CURSOR,
-- PRINT, RAISERROR, BEGIN TRANSACTION and COMMIT TRANSACTION reset it to 0;
-- EXECUTE preserves the count its last statement left. A statement that fails affects no
-- rows. Each batch first updates the table's 3 rows, so a statement that
-- kept the previous count would show 3.
CREATE TABLE dbo.rc (id int PRIMARY KEY, v int NOT NULL)
INSERT dbo.rc VALUES (1, 10), (2, 20), (3, 30)
GO
CREATE PROCEDURE dbo.rc_touch AS UPDATE dbo.rc SET v = v
GO
UPDATE dbo.rc SET v = v
BEGIN TRANSACTION
SELECT @@ROWCOUNT AS after_begin
COMMIT
-- expect: after_begin
-- 0
GO
BEGIN TRANSACTION
UPDATE dbo.rc SET v = v
COMMIT TRANSACTION
SELECT @@ROWCOUNT AS after_commit
-- expect: after_commit
-- 0
GO
UPDATE dbo.rc SET v = v
SET NOCOUNT OFF
SELECT @@ROWCOUNT AS after_set_option
-- expect: after_set_option
-- 0
GO
UPDATE dbo.rc SET v = v
RAISERROR('note', 0, 1)
SELECT @@ROWCOUNT AS after_raiserror
-- message: note
-- expect: after_raiserror
-- 0
GO
UPDATE dbo.rc SET v = v
PRINT 'printed'
SELECT @@ROWCOUNT AS after_print
-- message: printed
-- expect: after_print
-- 0
GO
-- An assignment in a query counts the rows it read.
DECLARE @v int
SELECT @v = v FROM dbo.rc
SELECT @@ROWCOUNT AS after_select_assign
-- expect: after_select_assign
-- 3
GO
-- A statement that fails affects no rows.
UPDATE dbo.rc SET v = v
INSERT dbo.rc VALUES (1, 1)
SELECT @@ROWCOUNT AS after_failed_insert
-- error: 2627
-- message: The statement has been terminated.
-- expect: after_failed_insert
-- 0
GO
UPDATE dbo.rc SET v = v
SELECT 1 / 0 AS x
SELECT @@ROWCOUNT AS after_failed_select
-- expect: x
-- error: 8134 Divide by zero error encountered.
-- expect: after_failed_select
-- 0
GO
-- EXECUTE keeps the count of the procedure's last statement.
SELECT id FROM dbo.rc WHERE id = 1
EXEC dbo.rc_touch
SELECT @@ROWCOUNT AS after_exec
-- expect: id
-- 1
-- expect: after_exec
-- 3
GO

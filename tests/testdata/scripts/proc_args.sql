-- Binding a procedure call's arguments, for user and built-in procedures
-- alike (sysprocs_params.go, invoke in proc.go): a required parameter left
-- out or passed as DEFAULT is 201, too many arguments 8144, a name the
-- procedure does not have 8145, a parameter given twice 8143, a positional
-- argument after a named one 119.
CREATE PROCEDURE dbo.pa @a int, @b int = 2 AS SELECT @a * 10 + @b AS v
GO
EXEC dbo.pa @b = 5, @a = 4
-- expect: v
-- 45
GO
EXEC dbo.pa DEFAULT
-- error: 201 Procedure or function 'pa' expects parameter '@a', which was not supplied.
GO
EXEC dbo.pa 1, @a = 3
-- error: 8143 Parameter '@a' was supplied multiple times.
GO
EXEC dbo.pa @a = 1, @zz = 3
-- error: 8145 @zz is not a parameter for procedure pa.
GO
EXEC dbo.pa @a = 1, 3
-- error: 119 Must pass parameter number 2 and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'.
GO
EXEC sp_rename
-- error: 201 Procedure or function 'sp_rename' expects parameter '@objname', which was not supplied.
GO
EXEC sp_rename 'dbo.pa', 'pb', 'OBJECT', 'extra'
-- error: 8144 Procedure or function sp_rename has too many arguments specified.
GO
EXEC sp_help @objname = 'dbo.pa', @objname = 'dbo.pa'
-- error: 8143 Parameter '@objname' was supplied multiple times.
GO
EXEC sp_helptext @object = 'dbo.pa'
-- error: 8145 @object is not a parameter for procedure sp_helptext.
GO
-- Named arguments in any order and any case reach the procedure.
EXEC sp_rename @newname = 'pb', @OBJNAME = 'dbo.pa'
EXEC dbo.pb 1
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- expect: v
-- 12
GO
-- An OUTPUT parameter without a default must be passed too.
CREATE PROCEDURE dbo.po @o int OUTPUT AS SET @o = 7
GO
EXEC dbo.po
-- error: 201 Procedure or function 'po' expects parameter '@o', which was not supplied.
GO
DECLARE @x int
EXEC dbo.po @x OUTPUT
SELECT @x AS x
-- expect: x
-- 7
GO
-- sp_executesql's parameters without a value: 8178 names the query as
-- its declarations in parentheses and its text.
EXEC sp_executesql N'SELECT @p AS p', N'@p int'
-- error: 8178 The parameterized query '(@p int)SELECT @p AS p' expects the parameter '@p', which was not supplied.
GO
EXEC sp_executesql N'SET @o = 1', N'@o int OUTPUT'
-- error: 8178 The parameterized query '(@o int OUTPUT)SET @o = 1' expects the parameter '@o', which was not supplied.
GO
EXEC sp_executesql N'SELECT @p AS p', N'@p int', @p = 3
-- expect: p
-- 3
GO

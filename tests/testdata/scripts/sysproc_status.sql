-- Built-in system procedures end as SQL Server's own do: 0 on success; after
-- an error they raise, the error names the procedure (ERROR_PROCEDURE()),
-- the batch goes on and EXEC @rc = … gets a non-zero status (1 for most, as
-- their documentation's "0 (success) or 1 (failure)" says).
DECLARE @rc int
EXEC @rc = sp_helpuser 'nobody'
SELECT @rc AS rc, @@ERROR AS err
-- error: 15198 The name supplied (nobody) is not a user, role, or aliased login.
-- expect: rc | err
-- 1 | 15198
GO
DECLARE @rc int
EXEC @rc = sp_helpuser 'dbo'
SELECT @rc AS rc
-- expect: UserName | RoleName | LoginName | DefDBName | DefSchemaName | UserID | SID
-- dbo | db_owner | sa | master | dbo | 1 | 0x01
-- expect: rc
-- 0
GO
BEGIN TRY
  EXEC sp_helpuser 'nobody'
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_PROCEDURE() AS p, ERROR_LINE() AS l
END CATCH
-- expect: n | p | l
-- 15198 | sp_helpuser | 1
GO
-- caught by the caller's TRY, the call assigns no status
DECLARE @rc int = -5
BEGIN TRY
  EXEC @rc = sp_helpindex 'dbo.nothere'
END TRY
BEGIN CATCH
  SELECT @rc AS rc, ERROR_NUMBER() AS n, ERROR_PROCEDURE() AS p
END CATCH
-- expect: rc | n | p
-- -5 | 15009 | sp_helpindex
GO
CREATE TABLE dbo.ss_t (id int PRIMARY KEY, v int)
GO
DECLARE @rc int
EXEC @rc = sp_rename 'dbo.ss_nothere', 'ss_u'
SELECT @rc AS rc
-- error: 15248 Either the parameter @objname is ambiguous or the claimed @objtype (object) is wrong.
-- expect: rc
-- 1
GO
DECLARE @rc int
EXEC @rc = sp_rename 'dbo.ss_t.v', 'w', 'COLUMN'
SELECT @rc AS rc
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- expect: rc
-- 0
GO
DECLARE @rc int
EXEC @rc = sp_addrolemember 'ss_norole', 'dbo'
SELECT @rc AS rc
-- error: 15151
-- expect: rc
-- 1
GO
DECLARE @rc int
EXEC @rc = sp_helpdb 'ss_nosuchdb'
SELECT @rc AS rc
-- error: 15010
-- expect: rc
-- 1
GO
DECLARE @rc int
EXEC @rc = sp_configure 'ss no such option'
SELECT @rc AS rc
-- error: 15123
-- expect: rc
-- 1
GO
-- a procedure's own status stays its own
DECLARE @rc int
EXEC @rc = sp_releaseapplock @Resource = 'ss_never_held'
SELECT @rc AS rc
-- error: 1223
-- expect: rc
-- -999
GO
-- inside a user procedure, the built-in's status reaches the procedure
CREATE PROCEDURE dbo.ss_p AS
BEGIN
  DECLARE @rc int
  EXEC @rc = sp_helpuser 'nobody'
  RETURN @rc + 10
END
GO
DECLARE @rc int
EXEC @rc = dbo.ss_p
SELECT @rc AS rc
-- error: 15198
-- expect: rc
-- 11
GO

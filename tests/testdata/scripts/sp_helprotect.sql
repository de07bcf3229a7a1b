-- sp_helprotect reports the GRANT and DENY rows of the current database:
-- object permissions, then statement permissions, with Microsoft's
-- documented columns; nothing matching is 15330, a bad permission area
-- 15300, a database-qualified name 15302 (engine/exec/sp_helprotect.go).
CREATE TABLE dbo.hp_t (id int, a int, b int)
CREATE TABLE dbo.hp_other (id int)
CREATE USER hp_u1 WITHOUT LOGIN
CREATE USER hp_u2 WITHOUT LOGIN
GRANT SELECT ON dbo.hp_t TO hp_u1
GRANT UPDATE (b) ON dbo.hp_t TO hp_u1
DENY DELETE ON dbo.hp_t TO hp_u1
GRANT CREATE TABLE TO hp_u1
GRANT SELECT ON dbo.hp_t TO hp_u2 WITH GRANT OPTION
GRANT INSERT ON dbo.hp_other TO hp_u2
GO
EXEC sp_helprotect
-- expect: Owner | Object | Grantee | Grantor | ProtectType | Action | Column
-- dbo | hp_other | hp_u2 | dbo | Grant | Insert | .
-- dbo | hp_t | hp_u1 | dbo | Deny | Delete | .
-- dbo | hp_t | hp_u1 | dbo | Grant | Select | (All+New)
-- dbo | hp_t | hp_u1 | dbo | Grant | Update | b
-- dbo | hp_t | hp_u2 | dbo | Grant_WGO | Select | (All+New)
-- . | . | hp_u1 | dbo | Grant | Create Table | .
GO
EXEC sp_helprotect 'dbo.hp_t'
-- expect: Owner | Object | Grantee | Grantor | ProtectType | Action | Column
-- dbo | hp_t | hp_u1 | dbo | Deny | Delete | .
-- dbo | hp_t | hp_u1 | dbo | Grant | Select | (All+New)
-- dbo | hp_t | hp_u1 | dbo | Grant | Update | b
-- dbo | hp_t | hp_u2 | dbo | Grant_WGO | Select | (All+New)
GO
EXEC sp_helprotect NULL, 'hp_u2'
-- expect: Owner | Object | Grantee | Grantor | ProtectType | Action | Column
-- dbo | hp_other | hp_u2 | dbo | Grant | Insert | .
-- dbo | hp_t | hp_u2 | dbo | Grant_WGO | Select | (All+New)
GO
EXEC sp_helprotect @name = 'create table'
-- expect: Owner | Object | Grantee | Grantor | ProtectType | Action | Column
-- . | . | hp_u1 | dbo | Grant | Create Table | .
GO
EXEC sp_helprotect NULL, NULL, NULL, 's'
-- expect: Owner | Object | Grantee | Grantor | ProtectType | Action | Column
-- . | . | hp_u1 | dbo | Grant | Create Table | .
GO
EXEC sp_helprotect NULL, NULL, 'dbo', 'o'
-- expect: Owner | Object | Grantee | Grantor | ProtectType | Action | Column
-- dbo | hp_other | hp_u2 | dbo | Grant | Insert | .
-- dbo | hp_t | hp_u1 | dbo | Deny | Delete | .
-- dbo | hp_t | hp_u1 | dbo | Grant | Select | (All+New)
-- dbo | hp_t | hp_u1 | dbo | Grant | Update | b
-- dbo | hp_t | hp_u2 | dbo | Grant_WGO | Select | (All+New)
GO
DECLARE @rc int
EXEC @rc = sp_helprotect NULL, 'hp_nobody'
SELECT @rc AS rc
-- error: 15330 There are no matching rows on which to report.
-- expect: rc
-- 1
GO
EXEC sp_helprotect NULL, NULL, NULL, 'x'
-- error: 15300 No recognized letter is contained in the parameter value for General Permission Type (X). Valid letters are in this set: o,s .
GO
EXEC sp_helprotect 'master.dbo.hp_t'
-- error: 15302 Database_Name should not be used to qualify owner.object for the parameter into this procedure.
GO
EXEC sp_helprotect 'dbo.hp_nothere'
-- error: 15009
GO
-- a schema-level grant is not one sp_helprotect reports
CREATE ROLE hp_r
GRANT SELECT ON SCHEMA::dbo TO hp_r
GO
BEGIN TRY
  EXEC sp_helprotect NULL, 'hp_r'
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS n, ERROR_PROCEDURE() AS p
END CATCH
-- expect: n | p
-- 15330 | sp_helprotect
GO

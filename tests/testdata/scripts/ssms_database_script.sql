-- What SSMS's "Script Database as CREATE" emits around the database itself
-- runs unchanged: the full-text test, sp_db_vardecimal_storage_format and
-- ALTER DATABASE SCOPED CONFIGURATION, whose values the catalog keeps.
IF (1 = FULLTEXTSERVICEPROPERTY('IsFullTextInstalled'))
BEGIN
EXEC dbo.sp_fulltext_database @action = 'enable'
END
SELECT FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') AS installed, FULLTEXTSERVICEPROPERTY('VerifySignature') AS verify,
    FULLTEXTSERVICEPROPERTY('nonsense') AS other, CAST(SERVERPROPERTY('IsFullTextInstalled') AS int) AS server_says
-- expect: installed | verify | other | server_says
-- 0 | 1 | NULL | 0
GO
EXEC sp_fulltext_database @action = 'enable'
-- error: 7609 Full-Text Search is not installed, or a full-text component cannot be loaded.
GO
DECLARE @db sysname = DB_NAME()
EXEC sys.sp_db_vardecimal_storage_format @db, N'ON'
CREATE TABLE #v (db sysname, state varchar(3))
INSERT #v EXEC sys.sp_db_vardecimal_storage_format @db
SELECT COUNT(*) AS n, MAX(state) AS state, MAX(CASE WHEN db = @db THEN 1 ELSE 0 END) AS named FROM #v
-- expect: n | state | named
-- 1 | ON | 1
GO
ALTER DATABASE SCOPED CONFIGURATION SET MAXDOP = 4;
ALTER DATABASE SCOPED CONFIGURATION SET LEGACY_CARDINALITY_ESTIMATION = ON;
ALTER DATABASE SCOPED CONFIGURATION FOR SECONDARY SET MAXDOP = 2;
ALTER DATABASE SCOPED CONFIGURATION SET PARAMETER_SNIFFING = ON;
ALTER DATABASE SCOPED CONFIGURATION CLEAR PROCEDURE_CACHE;
SELECT configuration_id, name, CAST(value AS int) AS value, CAST(value_for_secondary AS int) AS secondary, is_value_default
FROM sys.database_scoped_configurations WHERE configuration_id <= 4 ORDER BY configuration_id
-- expect: configuration_id | name | value | secondary | is_value_default
-- 1 | maxdop | 4 | 2 | 0
-- 2 | legacy_cardinality_estimation | 1 | NULL | 0
-- 3 | parameter_sniffing | 1 | NULL | 1
-- 4 | query_optimizer_hotfixes | 0 | NULL | 1
GO
ALTER DATABASE SCOPED CONFIGURATION SET MAXDOP = DEFAULT;
ALTER DATABASE SCOPED CONFIGURATION FOR SECONDARY SET MAXDOP = PRIMARY;
SELECT CAST(value AS int) AS value, value_for_secondary, is_value_default FROM sys.database_scoped_configurations WHERE name = 'maxdop'
-- expect: value | value_for_secondary | is_value_default
-- 0 | NULL | 1
GO
ALTER DATABASE SCOPED CONFIGURATION SET MAXDOP = -1
-- error: 102 Incorrect syntax near 'MAXDOP = -1'.
GO
ALTER DATABASE SCOPED CONFIGURATION SET NO_SUCH_OPTION = ON
-- error: 102 Incorrect syntax near 'NO_SUCH_OPTION'.
GO

-- A column declared without NULL or NOT NULL: SET ANSI_NULL_DFLT_ON ON makes
-- it nullable, SET ANSI_NULL_DFLT_OFF ON NOT NULL (turning one ON turns the
-- other OFF), and with both OFF the database's ANSI_NULL_DEFAULT decides,
-- OFF (NOT NULL) unless ALTER DATABASE turned it on. ODBC clients start
-- with ANSI_NULL_DFLT_ON, DB-Library clients with neither.
SET ANSI_NULL_DFLT_OFF ON
CREATE TABLE nd_off (c int)
SET ANSI_NULL_DFLT_ON ON
CREATE TABLE nd_on (c int, d int NOT NULL)
SELECT COLUMNPROPERTY(OBJECT_ID('nd_off'), 'c', 'AllowsNull') AS off_c,
    COLUMNPROPERTY(OBJECT_ID('nd_on'), 'c', 'AllowsNull') AS on_c,
    COLUMNPROPERTY(OBJECT_ID('nd_on'), 'd', 'AllowsNull') AS on_d,
    @@OPTIONS & 3072 AS bits
-- expect: off_c | on_c | on_d | bits
-- 0 | 1 | 0 | 1024
GO
SET ANSI_NULL_DFLT_ON OFF
CREATE TABLE nd_db_off (c int NULL, d int)
DECLARE @db sysname = DB_NAME()
EXEC ('ALTER DATABASE [' + @db + '] SET ANSI_NULL_DEFAULT ON')
CREATE TABLE nd_db_on (c int)
EXEC ('ALTER DATABASE [' + @db + '] SET ANSI_NULL_DEFAULT OFF')
SET ANSI_NULL_DFLT_ON ON
SELECT COLUMNPROPERTY(OBJECT_ID('nd_db_off'), 'c', 'AllowsNull') AS explicit_null,
    COLUMNPROPERTY(OBJECT_ID('nd_db_off'), 'd', 'AllowsNull') AS db_off,
    COLUMNPROPERTY(OBJECT_ID('nd_db_on'), 'c', 'AllowsNull') AS db_on
-- expect: explicit_null | db_off | db_on
-- 1 | 0 | 1
GO
DROP TABLE nd_off, nd_on, nd_db_off, nd_db_on
GO

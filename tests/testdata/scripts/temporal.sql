-- System-versioned temporal tables: the period columns are kept by the
-- server, UPDATE and DELETE write the old row version to the history table,
-- FOR SYSTEM_TIME reads both. Errors are SQL Server's 135xx family.
CREATE TABLE dbo.Emp (Id int NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL, Salary int NOT NULL,
    ValidFrom datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
    ValidTo datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo))
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.EmpHistory))
-- HIDDEN period columns are left out of an INSERT without a column list and of SELECT *.
INSERT dbo.Emp VALUES (1, N'Ann', 100), (2, N'Bob', 200)
SELECT * FROM dbo.Emp ORDER BY Id
-- expect: Id | Name | Salary
-- 1 | Ann | 100
-- 2 | Bob | 200
GO
SELECT Id, ValidTo, CASE WHEN ValidFrom <= SYSUTCDATETIME() THEN 'past' ELSE 'future' END AS started,
    (SELECT COUNT(*) FROM dbo.EmpHistory) AS history_rows
FROM dbo.Emp ORDER BY Id
-- expect: Id | ValidTo | started | history_rows
-- 1 | 9999-12-31 23:59:59.9999999 | past | 0
-- 2 | 9999-12-31 23:59:59.9999999 | past | 0
GO
-- The catalog: sys.tables, sys.columns, sys.periods.
SELECT t.name, t.temporal_type, t.temporal_type_desc, h.name AS history
FROM sys.tables AS t LEFT JOIN sys.tables AS h ON h.object_id = t.history_table_id
WHERE t.name LIKE 'Emp%' ORDER BY t.name
-- expect: name | temporal_type | temporal_type_desc | history
-- Emp | 2 | SYSTEM_VERSIONED_TEMPORAL_TABLE | EmpHistory
-- EmpHistory | 1 | HISTORY_TABLE | NULL
GO
SELECT c.name, c.generated_always_type_desc, c.is_hidden, c.is_nullable
FROM sys.columns AS c WHERE c.object_id = OBJECT_ID('dbo.Emp') AND c.column_id > 3 ORDER BY c.column_id
-- expect: name | generated_always_type_desc | is_hidden | is_nullable
-- ValidFrom | AS_ROW_START | 1 | 0
-- ValidTo | AS_ROW_END | 1 | 0
GO
SELECT p.name, p.period_type_desc, COL_NAME(p.object_id, p.start_column_id) AS start_col, COL_NAME(p.object_id, p.end_column_id) AS end_col
FROM sys.periods AS p WHERE p.object_id = OBJECT_ID('dbo.Emp')
-- expect: name | period_type_desc | start_col | end_col
-- SYSTEM_TIME | SYSTEM_TIME_PERIOD | ValidFrom | ValidTo
GO
-- History: an UPDATE and a DELETE later than @before; AS OF @before still
-- sees the old rows, the current table only the new state.
DECLARE @before datetime2
WAITFOR DELAY '00:00:00.020'
SET @before = SYSUTCDATETIME()
WAITFOR DELAY '00:00:00.020'
UPDATE dbo.Emp SET Salary = 150 WHERE Id = 1
DELETE dbo.Emp WHERE Id = 2
SELECT 'as of' AS k, Id, Name, Salary FROM dbo.Emp FOR SYSTEM_TIME AS OF @before AS e
UNION ALL SELECT 'now', Id, Name, Salary FROM dbo.Emp
UNION ALL SELECT 'all', COUNT(*), NULL, SUM(Salary) FROM dbo.Emp FOR SYSTEM_TIME ALL
UNION ALL SELECT 'from to', COUNT(*), NULL, SUM(Salary) FROM dbo.Emp FOR SYSTEM_TIME FROM @before TO '9999-12-31'
UNION ALL SELECT 'between', COUNT(*), NULL, SUM(Salary) FROM dbo.Emp FOR SYSTEM_TIME BETWEEN '2000-01-01' AND @before
UNION ALL SELECT 'contained', COUNT(*), NULL, SUM(Salary) FROM dbo.Emp FOR SYSTEM_TIME CONTAINED IN ('2000-01-01', SYSUTCDATETIME())
ORDER BY k, Id
-- expect: k | Id | Name | Salary
-- all | 3 | NULL | 450
-- as of | 1 | Ann | 100
-- as of | 2 | Bob | 200
-- between | 2 | NULL | 300
-- contained | 2 | NULL | 300
-- from to | 3 | NULL | 450
-- now | 1 | Ann | 150
GO
-- The history row's period ends where the current row's begins.
SELECT COUNT(*) AS joined
FROM dbo.EmpHistory AS h JOIN dbo.Emp AS e ON e.Id = h.Id AND h.ValidTo = e.ValidFrom
WHERE h.Salary = 100 AND h.ValidFrom < h.ValidTo
-- expect: joined
-- 1
GO
-- Two changes in one transaction: one time for both, so the first leaves a
-- zero-length history row, which FOR SYSTEM_TIME leaves out (ALL too: "FOR
-- SYSTEM_TIME filters out rows that have period of validity with zero
-- duration"); only the history table shows it.
BEGIN TRAN
UPDATE dbo.Emp SET Salary = 160 WHERE Id = 1
UPDATE dbo.Emp SET Salary = 170 WHERE Id = 1
COMMIT
SELECT (SELECT COUNT(*) FROM dbo.EmpHistory WHERE ValidFrom = ValidTo) AS zero_length,
    (SELECT COUNT(*) FROM dbo.Emp FOR SYSTEM_TIME ALL WHERE Id = 1) AS all_versions,
    (SELECT Salary FROM dbo.Emp FOR SYSTEM_TIME AS OF '9999-12-31 00:00:00' WHERE Id = 1) AS latest
-- expect: zero_length | all_versions | latest
-- 1 | 3 | 170
GO
-- A rolled-back change leaves no history.
BEGIN TRAN
UPDATE dbo.Emp SET Salary = 1 WHERE Id = 1
ROLLBACK
SELECT COUNT(*) AS history_rows, (SELECT Salary FROM dbo.Emp WHERE Id = 1) AS salary FROM dbo.EmpHistory
-- expect: history_rows | salary
-- 4 | 170
GO
INSERT dbo.Emp (Id, Name, Salary, ValidFrom) VALUES (3, N'Cy', 1, SYSUTCDATETIME())
-- error: 13536
GO
INSERT dbo.Emp (Id, Name, Salary, ValidFrom, ValidTo) VALUES (3, N'Cy', 300, DEFAULT, DEFAULT)
SELECT Id, Salary, ValidTo FROM dbo.Emp WHERE Id = 3
-- expect: Id | Salary | ValidTo
-- 3 | 300 | 9999-12-31 23:59:59.9999999
GO
UPDATE dbo.Emp SET ValidFrom = '2017-01-01' WHERE Id = 1
-- error: 13537
GO
UPDATE dbo.EmpHistory SET Salary = 0
-- error: 13561
GO
DELETE dbo.EmpHistory
-- error: 13560
GO
INSERT dbo.EmpHistory (Id, Name, Salary, ValidFrom, ValidTo) VALUES (9, N'x', 0, '2000-01-01', '2001-01-01')
-- error: 13559
GO
DROP TABLE dbo.Emp
-- error: 13552
GO
DROP TABLE dbo.EmpHistory
-- error: 13552
GO
TRUNCATE TABLE dbo.Emp
-- error: 13545
GO
-- A column added to a system-versioned table is added to its history too.
ALTER TABLE dbo.Emp ADD Dept int NULL
UPDATE dbo.Emp SET Dept = 7 WHERE Id = 3
SELECT (SELECT COUNT(*) FROM sys.columns WHERE object_id = OBJECT_ID('dbo.EmpHistory')) AS history_columns,
    (SELECT COUNT(*) FROM dbo.EmpHistory WHERE Id = 3 AND Dept IS NULL) AS old_version
-- expect: history_columns | old_version
-- 6 | 1
GO
ALTER TABLE dbo.EmpHistory ADD Note int NULL
-- error: 13550
GO
ALTER TABLE dbo.Emp DROP COLUMN ValidTo
-- error: 5074 The object 'SYSTEM_TIME' is dependent on column 'ValidTo'.
-- error: 4922 ALTER TABLE DROP COLUMN ValidTo failed because one or more objects access this column.
GO
-- SYSTEM_VERSIONING = OFF: two ordinary tables; the period stays.
ALTER TABLE dbo.Emp SET (SYSTEM_VERSIONING = OFF)
DELETE dbo.EmpHistory WHERE Id = 2
UPDATE dbo.Emp SET Salary = 180 WHERE Id = 1
SELECT t.name, t.temporal_type_desc, (SELECT COUNT(*) FROM dbo.EmpHistory) AS history_rows
FROM sys.tables AS t WHERE t.name LIKE 'Emp%' ORDER BY t.name
-- expect: name | temporal_type_desc | history_rows
-- Emp | NON_TEMPORAL_TABLE | 4
-- EmpHistory | NON_TEMPORAL_TABLE | 4
GO
SELECT * FROM dbo.Emp FOR SYSTEM_TIME ALL
-- error: 13544
GO
ALTER TABLE dbo.Emp SET (SYSTEM_VERSIONING = OFF)
-- error: 13591
GO
-- ON again with the same history table.
ALTER TABLE dbo.Emp SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.EmpHistory, DATA_CONSISTENCY_CHECK = ON))
DELETE dbo.Emp WHERE Id = 3
SELECT COUNT(*) AS history_rows FROM dbo.EmpHistory
-- expect: history_rows
-- 5
GO
-- An existing table made temporal the way Microsoft's docs show, with the
-- history table named by the server. The existing rows' start is a fixed
-- past time (docs use SYSUTCDATETIME()): at datetime2(0) an UPDATE in the
-- same second would leave a zero-length history row, which FOR SYSTEM_TIME
-- ALL leaves out, and the count would depend on the clock.
CREATE TABLE dbo.Dept (Id int NOT NULL CONSTRAINT PK_Dept PRIMARY KEY, Name varchar(20) NOT NULL)
INSERT dbo.Dept VALUES (1, 'Sales'), (2, 'Ops')
ALTER TABLE dbo.Dept ADD
    ValidFrom datetime2(0) GENERATED ALWAYS AS ROW START HIDDEN CONSTRAINT DF_Dept_From DEFAULT CONVERT(datetime2(0), '2000-01-01'),
    ValidTo datetime2(0) GENERATED ALWAYS AS ROW END HIDDEN CONSTRAINT DF_Dept_To DEFAULT CONVERT(datetime2(0), '9999-12-31 23:59:59'),
    PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
ALTER TABLE dbo.Dept SET (SYSTEM_VERSIONING = ON)
UPDATE dbo.Dept SET Name = 'Field' WHERE Id = 2
GO
SELECT SUBSTRING(h.name, 1, 25) AS prefix, (SELECT MAX(ValidTo) FROM dbo.Dept) AS end_of_time,
    (SELECT COUNT(*) FROM dbo.Dept FOR SYSTEM_TIME ALL) AS versions
FROM sys.tables AS t JOIN sys.tables AS h ON h.object_id = t.history_table_id
WHERE t.name = 'Dept' AND h.name = 'MSSQL_TemporalHistoryFor_' + CAST(t.object_id AS varchar(12))
-- expect: prefix | end_of_time | versions
-- MSSQL_TemporalHistoryFor_ | 9999-12-31 23:59:59 | 3
GO
-- Definition errors.
CREATE TABLE dbo.NoPk (Id int NOT NULL, s datetime2 GENERATED ALWAYS AS ROW START, e datetime2 GENERATED ALWAYS AS ROW END,
    PERIOD FOR SYSTEM_TIME (s, e)) WITH (SYSTEM_VERSIONING = ON)
-- error: 13553
GO
CREATE TABLE dbo.NoPeriod (Id int PRIMARY KEY, s datetime2 GENERATED ALWAYS AS ROW START)
-- error: 13509 Cannot create generated always column when SYSTEM_TIME period is not defined.
GO
CREATE TABLE dbo.BadType (Id int PRIMARY KEY, s datetime GENERATED ALWAYS AS ROW START, e datetime2 GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME (s, e))
-- error: 13501 Temporal generated always column 's' has invalid data type.
GO
CREATE TABLE dbo.BadName (Id int PRIMARY KEY, s datetime2 GENERATED ALWAYS AS ROW START, e datetime2 GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME (x, e))
-- error: 13506 System-versioned table SYSTEM_TIME period definition start column name not matching 'GENERATED ALWAYS AS ROW START' column name.
GO
CREATE TABLE dbo.NullPeriod (Id int PRIMARY KEY, s datetime2 GENERATED ALWAYS AS ROW START NULL, e datetime2 GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME (s, e))
-- error: 13587 Period column 's' in a system-versioned temporal table cannot be nullable.
GO
CREATE TABLE dbo.Plain (Id int PRIMARY KEY)
ALTER TABLE dbo.Plain SET (SYSTEM_VERSIONING = ON)
-- error: 13510 Cannot set SYSTEM_VERSIONING to ON when SYSTEM_TIME period is not defined.
GO
ALTER TABLE dbo.Plain SET (LOCK_ESCALATION = TABLE)
SELECT COUNT(*) AS n FROM dbo.Plain
-- expect: n
-- 0
GO

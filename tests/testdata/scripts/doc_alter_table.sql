-- Documented examples of "ALTER TABLE (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/statements/alter-table-transact-sql):
-- adding columns and constraints, dropping columns and constraints, altering
-- a column, CHECK/NOCHECK CONSTRAINT, ENABLE/DISABLE TRIGGER, system
-- versioning. The AdventureWorks tables are small tables of our own. Out of
-- scope and left out: ONLINE index operations' concurrency, Always Encrypted
-- columns, SWITCH to another filegroup, memory-optimized tables.
CREATE SCHEMA Production
GO
-- Adding A. A new column
CREATE TABLE dbo.doc_exa (column_a INT);
INSERT dbo.doc_exa VALUES (1);
ALTER TABLE dbo.doc_exa ADD column_b VARCHAR(20) NULL;
SELECT column_a, column_b FROM dbo.doc_exa;
-- expect: column_a | column_b
-- 1 | NULL
GO
-- A NOT NULL column without a default can't be added to a table with rows
ALTER TABLE dbo.doc_exa ADD column_c INT NOT NULL;
-- error: 4901 ALTER TABLE only allows columns to be added that can contain nulls, or have a DEFAULT definition specified, or the column being added is an identity or timestamp column, or alternatively if none of the previous conditions are satisfied the table must be empty to allow addition of this column. Column 'column_c' cannot be added to non-empty table 'doc_exa' because it does not satisfy these conditions.
GO
-- Adding B. A column with a constraint
CREATE TABLE dbo.doc_exc (column_a INT);
ALTER TABLE dbo.doc_exc ADD column_b VARCHAR(20) NULL
    CONSTRAINT exb_unique UNIQUE;
GO
SELECT name, type_desc, OBJECT_NAME(parent_object_id) AS tbl FROM sys.objects WHERE name = 'exb_unique';
-- expect: name | type_desc | tbl
-- exb_unique | UNIQUE_CONSTRAINT | doc_exc
GO
-- UNIQUE allows one NULL only
INSERT dbo.doc_exc VALUES (1, NULL), (2, 'x');
INSERT dbo.doc_exc VALUES (3, NULL);
-- error: 2627 Violation of UNIQUE KEY constraint 'exb_unique'. Cannot insert duplicate key in object 'dbo.doc_exc'. The duplicate key value is (<NULL>).
-- message: The statement has been terminated.
GO
-- Adding C. An unverified CHECK constraint: the row that breaks it stays
CREATE TABLE dbo.doc_exd (column_a INT);
INSERT INTO dbo.doc_exd VALUES (-1);
ALTER TABLE dbo.doc_exd WITH NOCHECK
    ADD CONSTRAINT exd_check CHECK (column_a > 1);
SELECT column_a FROM dbo.doc_exd;
SELECT name, is_disabled, is_not_trusted FROM sys.check_constraints WHERE name = 'exd_check';
-- expect: column_a
-- -1
-- expect: name | is_disabled | is_not_trusted
-- exd_check | 0 | 1
GO
-- … but new rows are checked
INSERT INTO dbo.doc_exd VALUES (0);
-- error: 547
-- message: The statement has been terminated.
GO
-- WITH CHECK (the default for a new constraint) verifies the rows there
ALTER TABLE dbo.doc_exd ADD CONSTRAINT exd_check2 CHECK (column_a > 0);
-- error: 547
GO
-- and WITH CHECK CHECK CONSTRAINT makes an untrusted constraint trusted
-- once the rows satisfy it
DELETE dbo.doc_exd;
ALTER TABLE dbo.doc_exd WITH CHECK CHECK CONSTRAINT exd_check;
SELECT name, is_disabled, is_not_trusted FROM sys.check_constraints WHERE name = 'exd_check';
-- expect: name | is_disabled | is_not_trusted
-- exd_check | 0 | 0
GO
-- Adding D. A DEFAULT constraint on an existing column: old rows keep NULL
CREATE TABLE dbo.doc_exz (column_a INT, column_b INT);
INSERT INTO dbo.doc_exz (column_a) VALUES (7);
ALTER TABLE dbo.doc_exz
    ADD CONSTRAINT col_b_def
    DEFAULT 50 FOR column_b;
INSERT INTO dbo.doc_exz (column_a) VALUES (10);
SELECT * FROM dbo.doc_exz;
-- expect: column_a | column_b
-- 7 | NULL
-- 10 | 50
GO
SELECT name, definition FROM sys.default_constraints WHERE name = 'col_b_def';
-- expect: name | definition
-- col_b_def | ((50))
GO
-- A column can have only one DEFAULT
ALTER TABLE dbo.doc_exz ADD CONSTRAINT col_b_def2 DEFAULT 51 FOR column_b;
-- error: 1781 Column already has a DEFAULT bound to it.
-- error: 1750 Could not create constraint or index. See previous errors.
GO
-- Adding E. Several columns with constraints
CREATE TABLE dbo.doc_exe (column_a INT CONSTRAINT column_a_un UNIQUE);
GO
ALTER TABLE dbo.doc_exe ADD
    -- Add a PRIMARY KEY identity column.
    column_b INT IDENTITY
        CONSTRAINT column_b_pk PRIMARY KEY,
    -- Add a column that references another column in the same table.
    column_c INT NULL
        CONSTRAINT column_c_fk
        REFERENCES doc_exe(column_a),
    -- Add a column with a constraint to enforce that
    -- nonnull data is in a valid telephone number format.
    column_d VARCHAR(16) NULL
        CONSTRAINT column_d_chk
        CHECK
        (column_d LIKE '[0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]' OR
        column_d LIKE
        '([0-9][0-9][0-9]) [0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
    -- Add a nonnull column with a default.
    column_e DECIMAL(3, 3)
        CONSTRAINT column_e_default
        DEFAULT .081;
GO
INSERT dbo.doc_exe (column_a, column_c, column_d) VALUES (1, NULL, '555-1234'), (2, 1, '(425) 555-1234');
SELECT column_a, column_b, column_c, column_d, column_e FROM dbo.doc_exe ORDER BY column_b;
-- expect: column_a | column_b | column_c | column_d | column_e
-- 1 | 1 | NULL | 555-1234 | 0.081
-- 2 | 2 | 1 | (425) 555-1234 | 0.081
GO
SELECT name, type FROM sys.objects WHERE parent_object_id = OBJECT_ID('dbo.doc_exe') ORDER BY name;
-- expect: name | type
-- column_a_un | UQ
-- column_b_pk | PK
-- column_c_fk | F 
-- column_d_chk | C 
-- column_e_default | D 
GO
INSERT dbo.doc_exe (column_a, column_d) VALUES (3, '5551234');
-- error: 547
-- message: The statement has been terminated.
GO
-- Adding F. A nullable column with a default WITH VALUES fills the rows there
CREATE TABLE dbo.doc_exf (column_a INT);
INSERT INTO dbo.doc_exf VALUES (1);
ALTER TABLE dbo.doc_exf
    ADD AddDate smalldatetime NULL
        CONSTRAINT AddDateDflt
        DEFAULT GETDATE() WITH VALUES;
SELECT column_a, CASE WHEN ABS(DATEDIFF(minute, AddDate, GETDATE())) <= 5 THEN 'now' ELSE CONVERT(varchar(30), AddDate, 121) END AS AddDate FROM dbo.doc_exf;
-- expect: column_a | AddDate
-- 1 | now
GO
-- … and without WITH VALUES a nullable column stays NULL
ALTER TABLE dbo.doc_exf ADD Note varchar(10) NULL CONSTRAINT NoteDflt DEFAULT 'none';
SELECT column_a, Note FROM dbo.doc_exf;
-- expect: column_a | Note
-- 1 | NULL
GO
-- Adding G. A PRIMARY KEY constraint with index options
CREATE TABLE Production.TransactionHistoryArchive (TransactionID int NOT NULL, ProductID int NOT NULL);
INSERT Production.TransactionHistoryArchive VALUES (1, 10), (2, 20);
GO
ALTER TABLE Production.TransactionHistoryArchive
    WITH NOCHECK ADD CONSTRAINT PK_TransactionHistoryArchive_TransactionID
    PRIMARY KEY CLUSTERED (TransactionID)
    WITH (FILLFACTOR = 75, ONLINE = ON, PAD_INDEX = ON);
GO
SELECT name, type_desc, fill_factor, is_padded, is_primary_key FROM sys.indexes
WHERE object_id = OBJECT_ID('Production.TransactionHistoryArchive');
-- expect: name | type_desc | fill_factor | is_padded | is_primary_key
-- PK_TransactionHistoryArchive_TransactionID | CLUSTERED | 75 | 1 | 1
GO
-- Dropping C. The PRIMARY KEY constraint, online; the table is a heap again
ALTER TABLE Production.TransactionHistoryArchive
    DROP CONSTRAINT PK_TransactionHistoryArchive_TransactionID
    WITH (ONLINE = ON);
SELECT index_id, type_desc FROM sys.indexes WHERE object_id = OBJECT_ID('Production.TransactionHistoryArchive');
-- expect: index_id | type_desc
-- 0 | HEAP
GO
-- Dropping A. One column, then two columns
CREATE TABLE dbo.doc_exb (column_a INT, column_b VARCHAR(20) NULL, column_c DATETIME, column_d INT);
ALTER TABLE dbo.doc_exb DROP COLUMN column_b;
ALTER TABLE dbo.doc_exb DROP COLUMN column_c, column_d;
SELECT name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.doc_exb');
-- expect: name
-- column_a
GO
-- DROP COLUMN IF EXISTS
ALTER TABLE dbo.doc_exb DROP COLUMN IF EXISTS column_b;
ALTER TABLE dbo.doc_exb DROP COLUMN column_b;
-- error: 4924 ALTER TABLE DROP COLUMN failed because column 'column_b' does not exist in table 'doc_exb'.
GO
-- A column a constraint uses can't be dropped
ALTER TABLE dbo.doc_exz DROP COLUMN column_b;
-- error: 5074 The object 'col_b_def' is dependent on column 'column_b'.
-- error: 4922 ALTER TABLE DROP COLUMN column_b failed because one or more objects access this column.
GO
-- Dropping B. Constraints and a column in one statement
DROP TABLE dbo.doc_exc;
CREATE TABLE dbo.doc_exc ( column_a INT NOT NULL CONSTRAINT my_constraint UNIQUE);
ALTER TABLE dbo.doc_exc DROP CONSTRAINT my_constraint;
DROP TABLE dbo.doc_exc;
CREATE TABLE dbo.doc_exc ( column_a INT
                          NOT NULL CONSTRAINT my_constraint UNIQUE
                          ,column_b INT
                          NOT NULL CONSTRAINT my_pk_constraint PRIMARY KEY);
ALTER TABLE dbo.doc_exc
    DROP CONSTRAINT my_constraint, my_pk_constraint, COLUMN column_b;
SELECT (SELECT COUNT(*) FROM sys.objects WHERE parent_object_id = OBJECT_ID('dbo.doc_exc')) AS constraints,
  (SELECT COUNT(*) FROM sys.columns WHERE object_id = OBJECT_ID('dbo.doc_exc')) AS columns;
-- expect: constraints | columns
-- 0 | 1
GO
ALTER TABLE dbo.doc_exc DROP CONSTRAINT IF EXISTS my_constraint;
ALTER TABLE dbo.doc_exc DROP CONSTRAINT my_constraint;
-- error: 3728 'my_constraint' is not a constraint.
-- error: 3727 Could not drop constraint. See previous errors.
GO
-- Dropping D. A FOREIGN KEY constraint
CREATE TABLE dbo.doc_exz2 (column_a INT NOT NULL PRIMARY KEY, column_b INT);
CREATE TABLE dbo.doc_exy2 (column_a INT, column_b INT CONSTRAINT my_FK REFERENCES dbo.doc_exz2 (column_a));
INSERT dbo.doc_exz2 VALUES (1, 1);
INSERT dbo.doc_exy2 VALUES (1, 1);
GO
DROP TABLE dbo.doc_exz2;
-- error: 3726 Could not drop object 'dbo.doc_exz2' because it is referenced by a FOREIGN KEY constraint.
GO
ALTER TABLE dbo.doc_exy2 DROP CONSTRAINT my_FK;
INSERT dbo.doc_exy2 VALUES (2, 99);
DROP TABLE dbo.doc_exz2;
SELECT COUNT(*) AS n FROM dbo.doc_exy2;
-- expect: n
-- 2
GO
-- Altering a column A. Its data type: INT to DECIMAL(5, 2)
CREATE TABLE dbo.doc_exy (column_a INT);
INSERT INTO dbo.doc_exy (column_a) VALUES (10);
ALTER TABLE dbo.doc_exy ALTER COLUMN column_a DECIMAL (5, 2);
SELECT column_a FROM dbo.doc_exy;
-- expect: column_a
-- 10.00
GO
DROP TABLE dbo.doc_exy;
GO
-- Altering a column B. A wider varchar and a larger decimal
CREATE TABLE dbo.doc_exy (col_a varchar(5) UNIQUE NOT NULL, col_b decimal (4,2));
INSERT INTO dbo.doc_exy VALUES ('Test', 99.99);
SELECT name AS column_name, TYPE_NAME(system_type_id) AS type_name, max_length, precision, scale
FROM sys.columns WHERE object_id = OBJECT_ID(N'dbo.doc_exy');
-- expect: column_name | type_name | max_length | precision | scale
-- col_a | varchar | 5 | 0 | 0
-- col_b | decimal | 5 | 4 | 2
GO
ALTER TABLE dbo.doc_exy ALTER COLUMN col_a varchar(25);
ALTER TABLE dbo.doc_exy ALTER COLUMN col_b decimal (10,4);
INSERT INTO dbo.doc_exy VALUES ('MyNewColumnSize', 99999.9999) ;
SELECT name AS column_name, TYPE_NAME(system_type_id) AS type_name, max_length, precision, scale
FROM sys.columns WHERE object_id = OBJECT_ID(N'dbo.doc_exy');
SELECT col_a, col_b FROM dbo.doc_exy ORDER BY col_a;
-- expect: column_name | type_name | max_length | precision | scale
-- col_a | varchar | 25 | 0 | 0
-- col_b | decimal | 9 | 10 | 4
-- expect: col_a | col_b
-- MyNewColumnSize | 99999.9999
-- Test | 99.9900
GO
-- A narrower column that the data does not fit in is refused
ALTER TABLE dbo.doc_exy ALTER COLUMN col_b decimal (4,2);
-- error: 8115 Arithmetic overflow error converting numeric to data type numeric.
GO
-- Altering a column C. Its collation
CREATE TABLE T3 (C1 int PRIMARY KEY, C2 varchar(50) NULL, C3 int NULL, C4 int);
INSERT T3 VALUES (1, 'abc', NULL, NULL);
ALTER TABLE T3 ALTER COLUMN C2 varchar(50) COLLATE Latin1_General_BIN;
SELECT collation_name, (SELECT COUNT(*) FROM T3 WHERE C2 = 'ABC') AS matches FROM sys.columns WHERE object_id = OBJECT_ID('T3') AND name = 'C2';
-- expect: collation_name | matches
-- Latin1_General_BIN | 0
GO
-- ALTER COLUMN … NOT NULL checks the rows
ALTER TABLE T3 ALTER COLUMN C3 int NOT NULL;
-- error: 515
GO
UPDATE T3 SET C3 = 0;
ALTER TABLE T3 ALTER COLUMN C3 int NOT NULL;
SELECT is_nullable FROM sys.columns WHERE object_id = OBJECT_ID('T3') AND name = 'C3';
-- expect: is_nullable
-- 0
GO
-- Altering the table A. Lock escalation
ALTER TABLE dbo.T3 SET (LOCK_ESCALATION = AUTO);
SELECT lock_escalation, lock_escalation_desc FROM sys.tables WHERE name = 'T3';
-- expect: lock_escalation | lock_escalation_desc
-- 2 | AUTO
GO
-- Altering the table B. Disabling and re-enabling a constraint
CREATE TABLE dbo.cnst_example
(
    id INT NOT NULL,
    name VARCHAR(10) NOT NULL,
    salary MONEY NOT NULL
    CONSTRAINT salary_cap CHECK (salary < 100000)
);
INSERT INTO dbo.cnst_example VALUES (1, 'Joe Brown', 65000);
INSERT INTO dbo.cnst_example VALUES (2, 'Mary Smith', 75000);
GO
-- This insert violates the constraint.
INSERT INTO dbo.cnst_example VALUES (3, 'Pat Jones', 105000);
-- error: 547
-- message: The statement has been terminated.
GO
-- Disable the constraint and try again.
ALTER TABLE dbo.cnst_example NOCHECK CONSTRAINT salary_cap;
INSERT INTO dbo.cnst_example VALUES (3, 'Pat Jones', 105000);
SELECT is_disabled, is_not_trusted FROM sys.check_constraints WHERE name = 'salary_cap';
-- expect: is_disabled | is_not_trusted
-- 1 | 1
GO
-- Re-enable the constraint and try another insert; this will fail.
ALTER TABLE dbo.cnst_example CHECK CONSTRAINT salary_cap;
INSERT INTO dbo.cnst_example VALUES (4, 'Eric James', 110000);
-- error: 547
-- message: The statement has been terminated.
GO
-- re-enabled without WITH CHECK the constraint stays untrusted
SELECT is_disabled, is_not_trusted, (SELECT COUNT(*) FROM dbo.cnst_example) AS n FROM sys.check_constraints WHERE name = 'salary_cap';
-- expect: is_disabled | is_not_trusted | n
-- 0 | 1 | 3
GO
-- and WITH CHECK finds Pat Jones' row
ALTER TABLE dbo.cnst_example WITH CHECK CHECK CONSTRAINT salary_cap;
-- error: 547
GO
-- NOCHECK CONSTRAINT ALL disables every CHECK and FOREIGN KEY constraint
ALTER TABLE dbo.doc_exe NOCHECK CONSTRAINT ALL;
SELECT name, is_disabled FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID('dbo.doc_exe')
UNION ALL SELECT name, is_disabled FROM sys.foreign_keys WHERE parent_object_id = OBJECT_ID('dbo.doc_exe') ORDER BY name;
-- expect: name | is_disabled
-- column_c_fk | 1
-- column_d_chk | 1
GO
ALTER TABLE dbo.doc_exe CHECK CONSTRAINT ALL;
GO
-- Altering the table C. Disabling and re-enabling a trigger
CREATE TABLE dbo.trig_example
(
    id INT,
    name VARCHAR(12),
    salary MONEY
);
GO
-- Create the trigger.
CREATE TRIGGER dbo.trig1 ON dbo.trig_example FOR INSERT
AS
IF (SELECT COUNT(*) FROM INSERTED
WHERE salary > 100000) > 0
BEGIN
    print 'TRIG1 Error: you attempted to insert a salary > $100,000'
    ROLLBACK TRANSACTION
END;
GO
-- Try an insert that violates the trigger.
INSERT INTO dbo.trig_example VALUES (1, 'Pat Smith', 100001);
-- message: TRIG1 Error: you attempted to insert a salary > $100,000
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
-- Disable the trigger.
ALTER TABLE dbo.trig_example DISABLE TRIGGER trig1;
GO
-- Try an insert that would typically violate the trigger.
INSERT INTO dbo.trig_example VALUES (2, 'Chuck Jones', 100001);
SELECT is_disabled FROM sys.triggers WHERE name = 'trig1';
-- expect: is_disabled
-- 1
GO
-- Re-enable the trigger.
ALTER TABLE dbo.trig_example ENABLE TRIGGER trig1;
GO
-- Try an insert that violates the trigger.
INSERT INTO dbo.trig_example VALUES (3, 'Mary Booth', 100001);
-- message: TRIG1 Error: you attempted to insert a salary > $100,000
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT id, name FROM dbo.trig_example;
-- expect: id | name
-- 2 | Chuck Jones
GO
-- System versioning: an existing table gets a period and a history table
-- (the page's end default has eight fraction digits; datetime2 keeps seven)
CREATE SCHEMA History;
GO
CREATE TABLE InsurancePolicy (InsurancePolicyID int NOT NULL PRIMARY KEY, Premium money NOT NULL);
INSERT InsurancePolicy VALUES (1, 100);
GO
ALTER TABLE InsurancePolicy
ADD
PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo),
ValidFrom datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL
    DEFAULT SYSUTCDATETIME(),
ValidTo datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL
    DEFAULT CONVERT(DATETIME2, '9999-12-31 23:59:59.9999999');
GO
ALTER TABLE InsurancePolicy
SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = History.InsurancePolicy));
GO
UPDATE InsurancePolicy SET Premium = 120;
SELECT * FROM InsurancePolicy;
SELECT InsurancePolicyID, Premium FROM History.InsurancePolicy;
SELECT temporal_type_desc FROM sys.tables WHERE object_id = OBJECT_ID('dbo.InsurancePolicy');
-- expect: InsurancePolicyID | Premium
-- 1 | 120.0000
-- expect: InsurancePolicyID | Premium
-- 1 | 100.0000
-- expect: temporal_type_desc
-- SYSTEM_VERSIONED_TEMPORAL_TABLE
GO
-- Removing system versioning: the history table stays, the period can go
ALTER TABLE InsurancePolicy SET (SYSTEM_VERSIONING = OFF);
ALTER TABLE InsurancePolicy DROP PERIOD FOR SYSTEM_TIME;
SELECT temporal_type_desc FROM sys.tables WHERE object_id = OBJECT_ID('dbo.InsurancePolicy');
SELECT COUNT(*) AS history_rows FROM History.InsurancePolicy;
-- expect: temporal_type_desc
-- NON_TEMPORAL_TABLE
-- expect: history_rows
-- 1
GO
-- Switching partitions: a table's data moves into an empty table
CREATE TABLE dbo.Src (id int NOT NULL, v varchar(10));
CREATE TABLE dbo.Dst (id int NOT NULL, v varchar(10));
INSERT dbo.Src VALUES (1, 'a'), (2, 'b');
ALTER TABLE dbo.Src SWITCH TO dbo.Dst;
SELECT (SELECT COUNT(*) FROM dbo.Src) AS src, (SELECT COUNT(*) FROM dbo.Dst) AS dst;
-- expect: src | dst
-- 0 | 2
GO

-- Documented examples of "CREATE TABLE (Transact-SQL)"
-- (https://learn.microsoft.com/sql/t-sql/statements/create-table-transact-sql):
-- examples A to V and the temporary-table and nullability sections. The
-- AdventureWorks tables are small tables of our own. Out of scope and left
-- out: G (XML schema collections), K (CLR types), M (FILESTREAM), R (memory
-- optimized), S (Always Encrypted), W and X (Azure SQL / SQL Edge only),
-- Y (ledger tables).
CREATE SCHEMA Purchasing
GO
CREATE SCHEMA Production
GO
-- A. A PRIMARY KEY constraint on a column: the system names the constraint
-- PK__Employee__ and a suffix, the key column is NOT NULL
CREATE TABLE dbo.Employee (
    EmployeeID INT PRIMARY KEY CLUSTERED
);
GO
SELECT CASE WHEN k.name LIKE 'PK[_][_]Employee[_][_]%' THEN 'PK__Employee__…' ELSE k.name END AS name,
  k.type, k.is_system_named, i.type_desc, i.is_primary_key, i.is_unique,
  COLUMNPROPERTY(OBJECT_ID('dbo.Employee'), 'EmployeeID', 'AllowsNull') AS allows_null
FROM sys.key_constraints k JOIN sys.indexes i ON i.object_id = k.parent_object_id AND i.index_id = k.unique_index_id
WHERE k.parent_object_id = OBJECT_ID('dbo.Employee');
-- expect: name | type | is_system_named | type_desc | is_primary_key | is_unique | allows_null
-- PK__Employee__… | PK | 1 | CLUSTERED | 1 | 1 | 0
GO
-- B. FOREIGN KEY constraints: a column REFERENCES, FOREIGN KEY (…)
-- REFERENCES naming other columns, and a named multicolumn key
CREATE TABLE dbo.SalesPerson (SalesPersonID INT PRIMARY KEY, Name nvarchar(30));
CREATE TABLE dbo.SpecialOfferProduct (ProductID int NOT NULL, SpecialOfferID int NOT NULL,
  PRIMARY KEY (ProductID, SpecialOfferID));
CREATE TABLE dbo.SalesOrderHeader (
    SalesOrderID int PRIMARY KEY,
    SalesPersonID INT NULL REFERENCES SalesPerson(SalesPersonID),
    ReviewerID int NULL,
    FOREIGN KEY (ReviewerID) REFERENCES SalesPerson(SalesPersonID));
CREATE TABLE dbo.SalesOrderDetail (SalesOrderDetailID int PRIMARY KEY, ProductID int NOT NULL, SpecialOfferID int NOT NULL,
  CONSTRAINT FK_SpecialOfferProduct_SalesOrderDetail
    FOREIGN KEY (ProductID, SpecialOfferID)
    REFERENCES SpecialOfferProduct (ProductID, SpecialOfferID));
INSERT dbo.SalesPerson VALUES (274, N'Stephen'), (275, N'Michael');
INSERT dbo.SpecialOfferProduct VALUES (680, 1), (706, 1);
GO
SELECT OBJECT_NAME(f.parent_object_id) AS parent, COL_NAME(c.parent_object_id, c.parent_column_id) AS col,
  OBJECT_NAME(f.referenced_object_id) AS referenced, COL_NAME(c.referenced_object_id, c.referenced_column_id) AS ref_col,
  c.constraint_column_id, f.is_system_named, f.delete_referential_action_desc
FROM sys.foreign_keys f JOIN sys.foreign_key_columns c ON c.constraint_object_id = f.object_id
ORDER BY parent, col;
-- expect: parent | col | referenced | ref_col | constraint_column_id | is_system_named | delete_referential_action_desc
-- SalesOrderDetail | ProductID | SpecialOfferProduct | ProductID | 1 | 0 | NO_ACTION
-- SalesOrderDetail | SpecialOfferID | SpecialOfferProduct | SpecialOfferID | 2 | 0 | NO_ACTION
-- SalesOrderHeader | ReviewerID | SalesPerson | SalesPersonID | 1 | 1 | NO_ACTION
-- SalesOrderHeader | SalesPersonID | SalesPerson | SalesPersonID | 1 | 1 | NO_ACTION
GO
INSERT dbo.SalesOrderHeader VALUES (1, 274, NULL), (2, NULL, 275);
INSERT dbo.SalesOrderDetail VALUES (1, 680, 1);
SELECT COUNT(*) AS n FROM dbo.SalesOrderHeader;
-- expect: n
-- 2
GO
INSERT dbo.SalesOrderHeader VALUES (3, 999, NULL);
-- error: 547
-- message: The statement has been terminated.
GO
INSERT dbo.SalesOrderDetail VALUES (2, 706, 2);
-- error: 547
-- message: The statement has been terminated.
GO
-- C. UNIQUE constraints: a nonclustered UNIQUE on a NOT NULL column
CREATE TABLE dbo.Product (ProductID int PRIMARY KEY,
  Name NVARCHAR(100) NOT NULL
  UNIQUE NONCLUSTERED);
INSERT dbo.Product VALUES (1, N'Bike');
GO
SELECT i.type_desc, i.is_unique, i.is_unique_constraint, i.is_primary_key, k.type_desc AS constraint_type
FROM sys.indexes i JOIN sys.key_constraints k ON k.parent_object_id = i.object_id AND k.unique_index_id = i.index_id
WHERE i.object_id = OBJECT_ID('dbo.Product') ORDER BY i.index_id;
-- expect: type_desc | is_unique | is_unique_constraint | is_primary_key | constraint_type
-- CLUSTERED | 1 | 0 | 1 | PRIMARY_KEY_CONSTRAINT
-- NONCLUSTERED | 1 | 1 | 0 | UNIQUE_CONSTRAINT
GO
INSERT dbo.Product VALUES (2, N'Bike');
-- error: 2627
-- message: The statement has been terminated.
GO
-- D. DEFAULT definitions: a constant, a function and the niladic USER (kept
-- as user_name())
CREATE TABLE dbo.Jobs (job_id smallint IDENTITY(1,1) PRIMARY KEY,
  job_desc varchar(50) NOT NULL DEFAULT 'New Position - title not formalized yet',
  added datetime NOT NULL DEFAULT (GETDATE()),
  added_by sysname NOT NULL DEFAULT USER);
INSERT dbo.Jobs DEFAULT VALUES;
INSERT dbo.Jobs (job_desc) VALUES ('Chief Executive Officer');
GO
SELECT job_id, job_desc, CASE WHEN DATEDIFF(minute, added, GETDATE()) BETWEEN 0 AND 5 THEN 'now' END AS added, added_by
FROM dbo.Jobs ORDER BY job_id;
-- expect: job_id | job_desc | added | added_by
-- 1 | New Position - title not formalized yet | now | dbo
-- 2 | Chief Executive Officer | now | dbo
GO
SELECT COL_NAME(parent_object_id, parent_column_id) AS col, definition, is_system_named
FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID('dbo.Jobs') ORDER BY parent_column_id;
-- expect: col | definition | is_system_named
-- job_desc | ('New Position - title not formalized yet') | 1
-- added | (getdate()) | 1
-- added_by | (user_name()) | 1
GO
-- E. CHECK constraints: a range, a named pattern constraint, a list or a pattern
CREATE TABLE dbo.Vendor (VendorID int PRIMARY KEY,
  CreditRating tinyint NOT NULL CHECK (CreditRating >= 1 and CreditRating <= 5));
CREATE TABLE dbo.emp (emp_id char(9) NOT NULL,
  CONSTRAINT CK_emp_id CHECK (
    emp_id LIKE '[A-Z][A-Z][A-Z][1-9][0-9][0-9][0-9][0-9][FM]'
    OR emp_id LIKE '[A-Z]-[A-Z][1-9][0-9][0-9][0-9][0-9][FM]'
));
CREATE TABLE dbo.pub (emp_id char(4) NOT NULL, CHECK (
    emp_id IN ('1389', '0736', '0877', '1622', '1756')
    OR emp_id LIKE '99[0-9][0-9]'
));
GO
INSERT dbo.Vendor VALUES (1, 1), (2, 5);
-- the default collation is case-insensitive: [A-Z] takes lower case letters
INSERT dbo.emp VALUES ('PMA42628M'), ('A-C71672F'), ('pma42628m');
INSERT dbo.pub VALUES ('1389'), ('9952');
SELECT (SELECT COUNT(*) FROM dbo.Vendor) AS vendors, (SELECT COUNT(*) FROM dbo.emp) AS emps, (SELECT COUNT(*) FROM dbo.pub) AS pubs;
-- expect: vendors | emps | pubs
-- 2 | 3 | 2
GO
INSERT dbo.Vendor VALUES (3, 6);
-- error: 547
-- message: The statement has been terminated.
GO
INSERT dbo.emp VALUES ('PMA02628M');
-- error: 547
-- message: The statement has been terminated.
GO
INSERT dbo.pub VALUES ('1234');
-- error: 547
-- message: The statement has been terminated.
GO
SELECT OBJECT_NAME(parent_object_id) AS tbl,
  CASE WHEN is_system_named = 1 THEN 'system' ELSE name END AS name, definition
FROM sys.check_constraints WHERE parent_object_id IN (OBJECT_ID('dbo.Vendor'), OBJECT_ID('dbo.pub')) ORDER BY tbl;
-- expect: tbl | name | definition
-- pub | system | ([emp_id]='1756' OR [emp_id]='1622' OR [emp_id]='0877' OR [emp_id]='0736' OR [emp_id]='1389' OR [emp_id] like '99[0-9][0-9]')
-- Vendor | system | ([CreditRating]>=(1) AND [CreditRating]<=(5))
GO
-- F. The complete table definition of PurchaseOrderDetail
CREATE TABLE Purchasing.PurchaseOrderHeader (PurchaseOrderID int PRIMARY KEY);
CREATE TABLE Production.Product (ProductID int PRIMARY KEY);
INSERT Purchasing.PurchaseOrderHeader VALUES (1), (2);
INSERT Production.Product VALUES (1);
GO
CREATE TABLE dbo.PurchaseOrderDetail
(
    PurchaseOrderID int NOT NULL
        REFERENCES Purchasing.PurchaseOrderHeader(PurchaseOrderID),
    LineNumber smallint NOT NULL,
    ProductID int NULL
        REFERENCES Production.Product(ProductID),
    UnitPrice money NULL,
    OrderQty smallint NULL,
    ReceivedQty float NULL,
    RejectedQty float NULL,
    DueDate datetime NULL,
    rowguid uniqueidentifier ROWGUIDCOL NOT NULL
        CONSTRAINT DF_PurchaseOrderDetail_rowguid DEFAULT (NEWID()),
    ModifiedDate datetime NOT NULL
        CONSTRAINT DF_PurchaseOrderDetail_ModifiedDate DEFAULT (GETDATE()),
    LineTotal AS ((UnitPrice*OrderQty)),
    StockedQty AS ((ReceivedQty-RejectedQty)),
    CONSTRAINT PK_PurchaseOrderDetail_PurchaseOrderID_LineNumber
               PRIMARY KEY CLUSTERED (PurchaseOrderID, LineNumber)
               WITH (IGNORE_DUP_KEY = OFF)
)
ON PRIMARY;
GO
INSERT dbo.PurchaseOrderDetail (PurchaseOrderID, LineNumber, ProductID, UnitPrice, OrderQty, ReceivedQty, RejectedQty)
VALUES (1, 1, 1, 50.2600, 3, 3.0, 0.5), (1, 2, NULL, NULL, 4, 4.0, NULL);
SELECT LineNumber, LineTotal, StockedQty, SQL_VARIANT_PROPERTY(LineTotal, 'BaseType') AS total_type,
  CASE WHEN rowguid IS NOT NULL THEN 'guid' END AS rowguid
FROM dbo.PurchaseOrderDetail ORDER BY LineNumber;
-- expect: LineNumber | LineTotal | StockedQty | total_type | rowguid
-- 1 | 150.7800 | 2.5 | money | guid
-- 2 | NULL | NULL | NULL | guid
GO
SELECT name, is_rowguidcol, is_computed, is_nullable FROM sys.columns
WHERE object_id = OBJECT_ID('dbo.PurchaseOrderDetail') AND name IN ('rowguid', 'LineTotal', 'StockedQty', 'ModifiedDate') ORDER BY column_id;
-- expect: name | is_rowguidcol | is_computed | is_nullable
-- rowguid | 1 | 0 | 0
-- ModifiedDate | 0 | 0 | 0
-- LineTotal | 0 | 1 | 1
-- StockedQty | 0 | 1 | 1
GO
SELECT name, definition, is_persisted FROM sys.computed_columns WHERE object_id = OBJECT_ID('dbo.PurchaseOrderDetail') ORDER BY column_id;
-- expect: name | definition | is_persisted
-- LineTotal | ([UnitPrice]*[OrderQty]) | 0
-- StockedQty | ([ReceivedQty]-[RejectedQty]) | 0
GO
INSERT dbo.PurchaseOrderDetail (PurchaseOrderID, LineNumber) VALUES (1, 1);
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_PurchaseOrderDetail_PurchaseOrderID_LineNumber'. Cannot insert duplicate key in object 'dbo.PurchaseOrderDetail'. The duplicate key value is (1, 1).
-- message: The statement has been terminated.
GO
-- H. A partitioned table (on [PRIMARY] for the page's four filegroups)
CREATE PARTITION FUNCTION myRangePF1 (int)
    AS RANGE LEFT FOR VALUES (1, 100, 1000);
GO
CREATE PARTITION SCHEME myRangePS1
    AS PARTITION myRangePF1
    ALL TO ([PRIMARY]);
-- message: Partition scheme 'myRangePS1' has been created successfully. 'PRIMARY' is marked as the next used filegroup in partition scheme 'myRangePS1'.
GO
CREATE TABLE PartitionTable (col1 int, col2 char(10))
    ON myRangePS1 (col1);
GO
INSERT PartitionTable (col1) VALUES (1), (2), (100), (101), (1000), (1001), (5000);
SELECT $PARTITION.myRangePF1(col1) AS partition, COUNT(*) AS n, MIN(col1) AS lo, MAX(col1) AS hi
FROM PartitionTable GROUP BY $PARTITION.myRangePF1(col1) ORDER BY partition;
-- expect: partition | n | lo | hi
-- 1 | 1 | 1 | 1
-- 2 | 2 | 2 | 100
-- 3 | 2 | 101 | 1000
-- 4 | 2 | 1001 | 5000
GO
SELECT partition_number, rows FROM sys.partitions WHERE object_id = OBJECT_ID('PartitionTable') ORDER BY partition_number;
-- expect: partition_number | rows
-- 1 | 1
-- 2 | 2
-- 3 | 2
-- 4 | 2
GO
-- I. A uniqueidentifier column with NEWSEQUENTIALID() and ROWGUIDCOL; the
-- PRIMARY KEY (GUID) is written after Employee_Name without a comma
CREATE TABLE dbo.Globally_Unique_Data
(
    GUID UNIQUEIDENTIFIER
        CONSTRAINT Guid_Default DEFAULT
        NEWSEQUENTIALID() ROWGUIDCOL,
    Employee_Name VARCHAR(60)
    CONSTRAINT Guid_PK PRIMARY KEY (GUID)
);
GO
INSERT dbo.Globally_Unique_Data (Employee_Name) VALUES ('Ann');
INSERT dbo.Globally_Unique_Data (Employee_Name) VALUES ('Bob');
GO
SELECT COUNT(DISTINCT GUID) AS guids, SUM(CASE WHEN $ROWGUID = GUID THEN 1 ELSE 0 END) AS rowguid_is_guid
FROM dbo.Globally_Unique_Data;
-- expect: guids | rowguid_is_guid
-- 2 | 2
GO
-- $IDENTITY names the identity column: in the select list (the result column
-- takes the column's name), WHERE, ORDER BY and behind a table alias
CREATE TABLE dbo.IdentRows (id INT IDENTITY(10,5), name VARCHAR(10));
INSERT dbo.IdentRows (name) VALUES ('a'), ('b'), ('c');
GO
SELECT $IDENTITY, name FROM dbo.IdentRows WHERE $IDENTITY > 10 ORDER BY $IDENTITY DESC;
-- expect: id | name
-- 20 | c
-- 15 | b
GO
SELECT t.$IDENTITY AS k, g.Employee_Name FROM dbo.IdentRows AS t CROSS JOIN dbo.Globally_Unique_Data AS g
WHERE t.$identity = 10 ORDER BY g.$ROWGUID;
-- expect: k | Employee_Name
-- 10 | Ann
-- 10 | Bob
GO
-- A table without the property: 207 on the name as written
SELECT $ROWGUID FROM dbo.IdentRows;
-- error: 207 Invalid column name '$ROWGUID'.
GO
DROP TABLE dbo.IdentRows;
GO
-- NEWSEQUENTIALID() values increase in uniqueidentifier order
SELECT Employee_Name FROM dbo.Globally_Unique_Data ORDER BY GUID;
-- expect: Employee_Name
-- Ann
-- Bob
GO
SELECT k.name, COL_NAME(ic.object_id, ic.column_id) AS col, COLUMNPROPERTY(OBJECT_ID('dbo.Globally_Unique_Data'), 'GUID', 'IsRowGuidCol') AS is_rowguidcol
FROM sys.key_constraints k JOIN sys.index_columns ic ON ic.object_id = k.parent_object_id AND ic.index_id = k.unique_index_id
WHERE k.parent_object_id = OBJECT_ID('dbo.Globally_Unique_Data');
-- expect: name | col | is_rowguidcol
-- Guid_PK | GUID | 1
GO
SELECT NEWSEQUENTIALID() AS g;
-- error: 302 The newsequentialid() built-in function can only be used in a DEFAULT expression for a column of type 'uniqueidentifier' in a CREATE TABLE or ALTER TABLE statement. It cannot be combined with other operators to form a complex scalar expression.
GO
-- J. An expression for a computed column: integer division, NULL in, NULL out
CREATE TABLE dbo.mytable
(
    low INT,
    high INT,
    myavg AS (low + high)/2
);
INSERT dbo.mytable (low, high) VALUES (1, 4), (NULL, 3), (10, 20);
SELECT low, high, myavg FROM dbo.mytable ORDER BY high;
-- expect: low | high | myavg
-- NULL | 3 | NULL
-- 1 | 4 | 2
-- 10 | 20 | 15
GO
-- A computed column can't be the target of an INSERT or UPDATE
INSERT dbo.mytable (low, high, myavg) VALUES (1, 2, 3);
-- error: 271 The column "myavg" cannot be modified because it is either a computed column or is the result of a UNION operator.
GO
UPDATE dbo.mytable SET myavg = 1;
-- error: 271 The column "myavg" cannot be modified because it is either a computed column or is the result of a UNION operator.
GO
-- Nullability: the computed column is nullable; ISNULL makes it not
ALTER TABLE dbo.mytable ADD myavg2 AS ISNULL((low + high)/2, 0);
GO
SELECT COLUMNPROPERTY(OBJECT_ID('dbo.mytable'), 'myavg', 'AllowsNull') AS myavg,
  COLUMNPROPERTY(OBJECT_ID('dbo.mytable'), 'myavg2', 'AllowsNull') AS myavg2,
  COLUMNPROPERTY(OBJECT_ID('dbo.mytable'), 'myavg', 'IsComputed') AS computed;
-- expect: myavg | myavg2 | computed
-- 1 | 0 | 1
GO
-- PERSISTED: stored and kept up to date when the columns it reads change
CREATE TABLE dbo.orders (orderid int NOT NULL PRIMARY KEY, price money NOT NULL, quantity int NOT NULL,
  total AS price * quantity PERSISTED, shipdate AS DATEADD(day, 7, CAST('20240101' AS date)));
INSERT dbo.orders (orderid, price, quantity) VALUES (1, 2.50, 6);
UPDATE dbo.orders SET quantity = 8;
SELECT total, shipdate FROM dbo.orders;
-- expect: total | shipdate
-- 20.0000 | 2024-01-08
GO
SELECT name, is_persisted FROM sys.computed_columns WHERE object_id = OBJECT_ID('dbo.orders') ORDER BY name;
-- expect: name | is_persisted
-- shipdate | 0
-- total | 1
GO
-- PERSISTED needs a deterministic expression
CREATE TABLE dbo.badpersist (a int, b AS DATEADD(day, a, GETDATE()) PERSISTED);
-- error: 4936 Computed column 'b' in table 'badpersist' cannot be persisted because the column is non-deterministic.
GO
-- L. USER_NAME() in a computed column
CREATE TABLE dbo.mylogintable
(
    date_in DATETIME,
    user_id INT,
    myuser_name AS USER_NAME()
);
INSERT dbo.mylogintable (date_in, user_id) VALUES ('20240101', 1);
SELECT myuser_name, TYPE_NAME(c.system_type_id) AS type, c.max_length
FROM dbo.mylogintable CROSS JOIN sys.columns c WHERE c.object_id = OBJECT_ID('dbo.mylogintable') AND c.name = 'myuser_name';
-- expect: myuser_name | type | max_length
-- dbo | nvarchar | 256
GO
-- N and O. Row compression and XML compression
CREATE TABLE dbo.T1
(
    c1 INT,
    c2 NVARCHAR(200)
)
WITH (DATA_COMPRESSION = ROW);
GO
SELECT data_compression_desc FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.T1');
-- expect: data_compression_desc
-- ROW
GO
DROP TABLE dbo.T1;
GO
CREATE TABLE dbo.T1
(
    c1 INT,
    c2 XML
)
WITH (XML_COMPRESSION = ON);
GO
SELECT data_compression_desc FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.T1');
-- expect: data_compression_desc
-- NONE
GO
DROP TABLE dbo.T1;
GO
-- P. A sparse column
CREATE TABLE dbo.T1
(
    c1 INT PRIMARY KEY,
    c2 VARCHAR(50) SPARSE NULL
);
GO
SELECT name, is_sparse, is_column_set FROM sys.columns WHERE object_id = OBJECT_ID('dbo.T1') ORDER BY column_id;
-- expect: name | is_sparse | is_column_set
-- c1 | 0 | 0
-- c2 | 1 | 0
GO
DROP TABLE dbo.T1;
GO
-- A sparse column must allow NULL
CREATE TABLE dbo.SparseT (c1 int SPARSE NOT NULL);
-- error: 1731 Cannot create the sparse column 'c1' in the table 'SparseT' because an option or data type specified is not valid. A sparse column must be nullable and cannot have the ROWGUIDCOL, IDENTITY, or FILESTREAM properties. A sparse column cannot be of the following data types: text, ntext, image, geometry, geography, or user-defined type.
GO
-- Q. A system-versioned temporal table linked to a new history table
CREATE TABLE Department
(
    DepartmentNumber CHAR(10) NOT NULL PRIMARY KEY CLUSTERED,
    DepartmentName VARCHAR(50) NOT NULL,
    ManagerID INT NULL,
    ParentDepartmentNumber CHAR(10) NULL,
    ValidFrom DATETIME2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
    ValidTo DATETIME2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
)
WITH (SYSTEM_VERSIONING = ON);
GO
INSERT Department (DepartmentNumber, DepartmentName) VALUES ('D1', 'Sales');
UPDATE Department SET DepartmentName = 'Marketing';
SELECT * FROM Department;
SELECT CASE WHEN h.name = CONCAT('MSSQL_TemporalHistoryFor_', t.object_id) THEN 'MSSQL_TemporalHistoryFor_<id>' ELSE h.name END AS history,
  t.temporal_type_desc, (SELECT COUNT(*) FROM sys.columns c WHERE c.object_id = t.object_id AND c.is_hidden = 1) AS hidden
FROM sys.tables t JOIN sys.tables h ON h.object_id = t.history_table_id WHERE t.name = 'Department';
-- expect: DepartmentNumber | DepartmentName | ManagerID | ParentDepartmentNumber
-- D1         | Marketing | NULL | NULL
-- expect: history | temporal_type_desc | hidden
-- MSSQL_TemporalHistoryFor_<id> | SYSTEM_VERSIONED_TEMPORAL_TABLE | 2
GO
ALTER TABLE Department SET (SYSTEM_VERSIONING = OFF);
DROP TABLE Department;
GO
-- Q. … linked to an existing history table
CREATE TABLE Department_History
(
    DepartmentNumber CHAR(10) NOT NULL,
    DepartmentName VARCHAR(50) NOT NULL,
    ManagerID INT NULL,
    ParentDepartmentNumber CHAR(10) NULL,
    ValidFrom DATETIME2 NOT NULL,
    ValidTo DATETIME2 NOT NULL
);
CREATE TABLE Department
(
    DepartmentNumber CHAR(10) NOT NULL PRIMARY KEY CLUSTERED,
    DepartmentName VARCHAR(50) NOT NULL,
    ManagerID INT NULL,
    ParentDepartmentNumber CHAR(10) NULL,
    ValidFrom DATETIME2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
    ValidTo DATETIME2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.Department_History, DATA_CONSISTENCY_CHECK = ON));
GO
INSERT Department (DepartmentNumber, DepartmentName) VALUES ('D1', 'Sales');
UPDATE Department SET DepartmentName = 'Marketing';
SELECT DepartmentNumber, DepartmentName FROM Department_History;
SELECT h.name AS history, t.temporal_type_desc, h.temporal_type_desc AS history_type
FROM sys.tables t JOIN sys.tables h ON h.object_id = t.history_table_id WHERE t.name = 'Department';
-- expect: DepartmentNumber | DepartmentName
-- D1         | Sales
-- expect: history | temporal_type_desc | history_type
-- Department_History | SYSTEM_VERSIONED_TEMPORAL_TABLE | HISTORY_TABLE
GO
-- T. An inline filtered index (the keyword in lower case)
CREATE TABLE t1
(
    c1 INT,
    index IX1 (c1) WHERE c1 > 0
);
GO
SELECT name, type_desc, has_filter, filter_definition FROM sys.indexes WHERE object_id = OBJECT_ID('t1') AND index_id > 0;
-- expect: name | type_desc | has_filter | filter_definition
-- IX1 | NONCLUSTERED | 1 | ([c1]>(0))
GO
DROP TABLE t1;
GO
-- U. Inline indexes: a table index, a column index, a two-column index
CREATE TABLE t1
(
    c1 INT,
    INDEX ix_1 NONCLUSTERED (c1)
);

CREATE TABLE t2
(
    c1 INT,
    c2 INT INDEX ix_1 NONCLUSTERED
);

CREATE TABLE t3
(
    c1 INT,
    c2 INT,
    INDEX ix_1 NONCLUSTERED (c1,c2)
);
GO
SELECT OBJECT_NAME(i.object_id) AS tbl, i.name, i.type_desc, COL_NAME(ic.object_id, ic.column_id) AS col, ic.key_ordinal
FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
WHERE i.object_id IN (OBJECT_ID('t1'), OBJECT_ID('t2'), OBJECT_ID('t3')) ORDER BY tbl, ic.key_ordinal;
-- expect: tbl | name | type_desc | col | key_ordinal
-- t1 | ix_1 | NONCLUSTERED | c1 | 1
-- t2 | ix_1 | NONCLUSTERED | c2 | 1
-- t3 | ix_1 | NONCLUSTERED | c1 | 1
-- t3 | ix_1 | NONCLUSTERED | c2 | 2
GO
-- V. A temporary table with an anonymously named compound primary key
CREATE TABLE #tmp
(
    c1 INT,
    c2 INT,
    PRIMARY KEY CLUSTERED ([c1], [c2])
);
GO
INSERT #tmp VALUES (1, 1), (1, 2);
INSERT #tmp VALUES (1, 1);
-- error: 2627
-- message: The statement has been terminated.
GO
SELECT COLUMNPROPERTY(OBJECT_ID('tempdb..#tmp'), 'c1', 'AllowsNull') AS c1_null, COUNT(*) AS n FROM #tmp;
-- expect: c1_null | n
-- 0 | 2
GO
SELECT OBJECTPROPERTY(OBJECT_ID('tempdb..#tmp'), 'IsUserTable') AS is_table, OBJECTPROPERTY(OBJECT_ID('tempdb..#tmp'), 'TableHasPrimaryKey') AS has_pk,
  COLUMNPROPERTY(OBJECT_ID('tempdb..#tmp'), 'c2', 'ColumnId') AS c2_id, COLUMNPROPERTY(OBJECT_ID('tempdb..#tmp'), 'nope', 'ColumnId') AS nope_id;
-- expect: is_table | has_pk | c2_id | nope_id
-- 1 | 1 | 2 | NULL
GO
-- Temporary tables: a procedure's #t hides the caller's, and a nested
-- procedure's #t hides its caller's
CREATE PROCEDURE dbo.Test2
AS
    CREATE TABLE #t (x INT PRIMARY KEY);
    INSERT INTO #t VALUES (2);
    SELECT Test2Col = x FROM #t;
GO

CREATE PROCEDURE dbo.Test1
AS
    CREATE TABLE #t (x INT PRIMARY KEY);
    INSERT INTO #t VALUES (1);
    SELECT Test1Col = x FROM #t;
    EXEC Test2;
GO

CREATE TABLE #t(x INT PRIMARY KEY);
INSERT INTO #t VALUES (99);
GO

EXEC Test1;
SELECT x FROM #t;
-- expect: Test1Col
-- 1
-- expect: Test2Col
-- 2
-- expect: x
-- 99
GO
-- A FOREIGN KEY on a temporary table is skipped with a warning
CREATE TABLE #child (id int REFERENCES dbo.SalesPerson(SalesPersonID));
INSERT #child VALUES (12345);
SELECT id FROM #child;
-- message: Skipping FOREIGN KEY constraint '#child' definition for temporary table. FOREIGN KEY constraints are not enforced on local or global temporary tables.
-- expect: id
-- 12345
GO
-- A named one, one referencing no table (not looked up), and ALTER TABLE …
-- ADD: one warning each, nothing created
CREATE TABLE #child2 (id int, p int, CONSTRAINT FK_child2_sp FOREIGN KEY (id) REFERENCES dbo.SalesPerson(SalesPersonID), q int REFERENCES dbo.NoSuchTable(x));
ALTER TABLE #child2 ADD CONSTRAINT FK_child2_p FOREIGN KEY (p) REFERENCES dbo.SalesPerson(SalesPersonID);
INSERT #child2 VALUES (1, 2, 3);
SELECT COUNT(*) AS fks FROM tempdb.sys.foreign_keys WHERE parent_object_id = OBJECT_ID('tempdb..#child2');
SELECT COUNT(*) AS n FROM #child2;
DROP TABLE #child2;
-- message: Skipping FOREIGN KEY constraint '#child2' definition for temporary table. FOREIGN KEY constraints are not enforced on local or global temporary tables.
-- message: Skipping FOREIGN KEY constraint 'FK_child2_sp' definition for temporary table. FOREIGN KEY constraints are not enforced on local or global temporary tables.
-- message: Skipping FOREIGN KEY constraint 'FK_child2_p' definition for temporary table. FOREIGN KEY constraints are not enforced on local or global temporary tables.
-- expect: fks
-- 0
-- expect: n
-- 1
GO
-- COLLATE on a column
CREATE TABLE dbo.Names (cs varchar(10) COLLATE Latin1_General_CS_AS, ci varchar(10));
INSERT dbo.Names VALUES ('Abc', 'Abc');
SELECT (SELECT COUNT(*) FROM dbo.Names WHERE cs = 'abc') AS cs_matches, (SELECT COUNT(*) FROM dbo.Names WHERE ci = 'abc') AS ci_matches,
  (SELECT collation_name FROM sys.columns WHERE object_id = OBJECT_ID('dbo.Names') AND name = 'cs') AS collation;
-- expect: cs_matches | ci_matches | collation
-- 0 | 1 | Latin1_General_CS_AS
GO
-- IDENTITY (seed, increment)
CREATE TABLE dbo.Ident (id int IDENTITY(100, 5) NOT NULL, v char(1));
INSERT dbo.Ident (v) VALUES ('a'), ('b');
SELECT id, v FROM dbo.Ident ORDER BY id;
SELECT IDENT_SEED('dbo.Ident') AS seed, IDENT_INCR('dbo.Ident') AS incr, IDENT_CURRENT('dbo.Ident') AS cur,
  CAST(seed_value AS int) AS seed_value, CAST(last_value AS int) AS last_value FROM sys.identity_columns WHERE object_id = OBJECT_ID('dbo.Ident');
-- expect: id | v
-- 100 | a
-- 105 | b
-- expect: seed | incr | cur | seed_value | last_value
-- 100 | 5 | 105 | 100 | 105
GO
-- Only one identity column, and not on a character type
CREATE TABLE dbo.Ident2 (a int IDENTITY, b int IDENTITY);
-- error: 2744 Multiple identity columns specified for table 'Ident2'. Only one identity column per table is allowed.
GO
CREATE TABLE dbo.Ident3 (a varchar(10) IDENTITY);
-- error: 2749 Identity column 'a' must be of data type int, bigint, smallint, tinyint, or decimal or numeric with a scale of 0, unencrypted, and constrained to be nonnullable.
GO
-- A DEFAULT can't refer to another column
CREATE TABLE dbo.BadDefault (a int, b int DEFAULT (a + 1));
-- error: 128 The name "a" is not permitted in this context. Valid expressions are constants, constant expressions, and (in some contexts) variables. Column names are not permitted.
GO

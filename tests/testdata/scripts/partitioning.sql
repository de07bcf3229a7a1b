-- Table partitioning as SQL Server does it: partition functions and
-- schemes, tables and indexes ON scheme(column), $PARTITION, the catalog
-- views, SWITCH, TRUNCATE … WITH (PARTITIONS), SPLIT and MERGE RANGE.
CREATE PARTITION FUNCTION pfYear (date) AS RANGE RIGHT FOR VALUES ('2024-01-01', '2025-01-01', '2026-01-01')
CREATE PARTITION SCHEME psYear AS PARTITION pfYear ALL TO ([PRIMARY])
-- message: Partition scheme 'psYear' has been created successfully. 'PRIMARY' is marked as the next used filegroup in partition scheme 'psYear'.
GO
CREATE PARTITION FUNCTION pfInt (int) AS RANGE LEFT FOR VALUES (300, 100, 200)
-- message: Warning: Range value list for partition function 'pfInt' is not sorted by value. Mapping of partitions to filegroups during CREATE PARTITION SCHEME will use the sorted boundary values if the function 'pfInt' is referenced in CREATE PARTITION SCHEME.
GO
CREATE PARTITION SCHEME psInt AS PARTITION pfInt TO ([PRIMARY], [PRIMARY], [PRIMARY], [PRIMARY])
GO
SELECT $PARTITION.pfInt(100) AS p100, $PARTITION.pfInt(101) AS p101, $PARTITION.pfInt(NULL) AS pnull, $PARTITION.pfInt(5000) AS pbig,
  $PARTITION.pfYear('2023-12-31') AS y1, $PARTITION.pfYear('2024-01-01') AS y2, $PARTITION.pfYear('2026-06-30') AS y4
-- expect: p100 | p101 | pnull | pbig | y1 | y2 | y4
-- 1 | 2 | 1 | 4 | 1 | 2 | 4
GO
SELECT f.name, f.type_desc, f.fanout, f.boundary_value_on_right, p.parameter_id, TYPE_NAME(p.system_type_id) AS type_name
FROM sys.partition_functions f JOIN sys.partition_parameters p ON p.function_id = f.function_id ORDER BY f.name
-- expect: name | type_desc | fanout | boundary_value_on_right | parameter_id | type_name
-- pfInt | RANGE | 4 | 0 | 1 | int
-- pfYear | RANGE | 4 | 1 | 1 | date
GO
SELECT f.name, v.boundary_id, CONVERT(varchar(30), v.value) AS value, SQL_VARIANT_PROPERTY(v.value, 'BaseType') AS base_type FROM sys.partition_range_values v JOIN sys.partition_functions f ON f.function_id = v.function_id
ORDER BY f.name, v.boundary_id
-- expect: name | boundary_id | value | base_type
-- pfInt | 1 | 100 | int
-- pfInt | 2 | 200 | int
-- pfInt | 3 | 300 | int
-- pfYear | 1 | 2024-01-01 | date
-- pfYear | 2 | 2025-01-01 | date
-- pfYear | 3 | 2026-01-01 | date
GO
SELECT s.name, s.type, s.type_desc, f.name AS function_name, COUNT(d.destination_id) AS destinations
FROM sys.partition_schemes s JOIN sys.partition_functions f ON f.function_id = s.function_id
JOIN sys.destination_data_spaces d ON d.partition_scheme_id = s.data_space_id
GROUP BY s.name, s.type, s.type_desc, f.name ORDER BY s.name
-- expect: name | type | type_desc | function_name | destinations
-- psInt | PS | PARTITION_SCHEME | pfInt | 4
-- psYear | PS | PARTITION_SCHEME | pfYear | 5
GO
SELECT name, type_desc FROM sys.data_spaces ORDER BY data_space_id
-- expect: name | type_desc
-- PRIMARY | ROWS_FILEGROUP
-- psYear | PARTITION_SCHEME
-- psInt | PARTITION_SCHEME
GO
-- A partitioned table with an aligned nonclustered index.
CREATE TABLE dbo.Orders (OrderDate date NOT NULL, OrderID int NOT NULL, Amount money NULL,
  CONSTRAINT PK_Orders PRIMARY KEY CLUSTERED (OrderDate, OrderID)) ON psYear (OrderDate)
CREATE INDEX IX_Orders_Amount ON dbo.Orders (Amount)
INSERT dbo.Orders VALUES ('2023-05-01', 1, 10), ('2023-06-01', 2, 20), ('2024-01-01', 3, 30), ('2024-12-31', 4, 40),
  ('2025-02-02', 5, 50), ('2025-03-03', 6, 60), ('2025-04-04', 7, 70), ('2027-01-01', 8, 80)
GO
SELECT i.name, i.type_desc, ds.name AS data_space, ds.type_desc AS data_space_type
FROM sys.indexes i JOIN sys.data_spaces ds ON ds.data_space_id = i.data_space_id
WHERE i.object_id = OBJECT_ID('dbo.Orders') ORDER BY i.index_id
-- expect: name | type_desc | data_space | data_space_type
-- PK_Orders | CLUSTERED | psYear | PARTITION_SCHEME
-- IX_Orders_Amount | NONCLUSTERED | psYear | PARTITION_SCHEME
GO
SELECT p.index_id, p.partition_number, p.rows FROM sys.partitions p
WHERE p.object_id = OBJECT_ID('dbo.Orders') ORDER BY p.index_id, p.partition_number
-- expect: index_id | partition_number | rows
-- 1 | 1 | 2
-- 1 | 2 | 2
-- 1 | 3 | 3
-- 1 | 4 | 1
-- 2 | 1 | 2
-- 2 | 2 | 2
-- 2 | 3 | 3
-- 2 | 4 | 1
GO
SELECT ps.partition_number, ps.row_count FROM sys.dm_db_partition_stats ps
WHERE ps.object_id = OBJECT_ID('dbo.Orders') AND ps.index_id = 1 ORDER BY ps.partition_number
-- expect: partition_number | row_count
-- 1 | 2
-- 2 | 2
-- 3 | 3
-- 4 | 1
GO
SELECT COUNT(DISTINCT p.partition_id) AS ids, COUNT(*) AS units FROM sys.partitions p
JOIN sys.allocation_units au ON au.container_id = p.partition_id WHERE p.object_id = OBJECT_ID('dbo.Orders')
-- expect: ids | units
-- 8 | 8
GO
SELECT c.name, ic.key_ordinal, ic.partition_ordinal FROM sys.index_columns ic
JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE ic.object_id = OBJECT_ID('dbo.Orders') AND ic.index_id = 2 ORDER BY ic.index_column_id
-- expect: name | key_ordinal | partition_ordinal
-- Amount | 1 | 0
-- OrderDate | 0 | 1
GO
-- The classic DBA query: rows per partition with its boundary.
SELECT p.partition_number, p.rows, CAST(rv.value AS date) AS boundary
FROM sys.partitions p JOIN sys.indexes i ON i.object_id = p.object_id AND i.index_id = p.index_id
JOIN sys.partition_schemes s ON s.data_space_id = i.data_space_id
LEFT JOIN sys.partition_range_values rv ON rv.function_id = s.function_id AND rv.boundary_id = p.partition_number
WHERE p.object_id = OBJECT_ID('dbo.Orders') AND p.index_id = 1 ORDER BY p.partition_number
-- expect: partition_number | rows | boundary
-- 1 | 2 | 2024-01-01
-- 2 | 2 | 2025-01-01
-- 3 | 3 | 2026-01-01
-- 4 | 1 | NULL
GO
SELECT $PARTITION.pfYear(OrderDate) AS p, COUNT(*) AS n, SUM(Amount) AS total FROM dbo.Orders
GROUP BY $PARTITION.pfYear(OrderDate) ORDER BY p
-- expect: p | n | total
-- 1 | 2 | 30.0000
-- 2 | 2 | 70.0000
-- 3 | 3 | 180.0000
-- 4 | 1 | 80.0000
GO
SELECT OrderID FROM dbo.Orders WHERE $PARTITION.pfYear(OrderDate) = 3 ORDER BY OrderID
-- expect: OrderID
-- 5
-- 6
-- 7
GO
-- Placement errors.
CREATE TABLE dbo.Bad1 (a int) ON psNope (a)
-- error: 1921 Invalid partition scheme 'psNope' specified.
GO
CREATE TABLE dbo.Bad2 (a int) ON psInt (b)
-- error: 1911 Column name 'b' does not exist in the target table, index or view.
GO
CREATE TABLE dbo.Bad3 (a bigint) ON psInt (a)
-- error: 7726 Partition column 'a' has data type bigint which is different from the partition function 'pfInt' parameter data type int.
GO
CREATE TABLE dbo.Bad4 (d date NOT NULL, id int NOT NULL CONSTRAINT PK_Bad4 PRIMARY KEY) ON psYear (d)
-- error: 1908 Column 'd' is partitioning column of the index 'PK_Bad4'. Partition columns for a unique index must be a subset of the index key.
GO
CREATE UNIQUE INDEX UX_Orders_ID ON dbo.Orders (OrderID)
-- error: 1908 Column 'OrderDate' is partitioning column of the index 'UX_Orders_ID'. Partition columns for a unique index must be a subset of the index key.
GO
-- Function and scheme errors.
CREATE PARTITION FUNCTION pfDup (int) AS RANGE LEFT FOR VALUES (5, 1, 3, 1)
-- error: 7708 Duplicate range boundary values are not allowed in partition function boundary values list. Partition boundary values at ordinal 2 and 4 are equal.
GO
CREATE PARTITION FUNCTION pfBadType (varchar(max)) AS RANGE LEFT FOR VALUES ('a')
-- error: 7704 The type 'varchar(max)' is not valid for this operation.
GO
CREATE PARTITION FUNCTION pfConv (int) AS RANGE LEFT FOR VALUES (1, 'x')
-- error: 7705 Could not implicitly convert range values type specified at ordinal 2 to partition function parameter type.
GO
CREATE PARTITION FUNCTION pfTrunc (varchar(2)) AS RANGE LEFT FOR VALUES ('abc')
-- error: 7720 Data truncated when converting range values to the partition function parameter type. The range value at ordinal 1 requires data truncation.
GO
CREATE PARTITION FUNCTION pfInt (int) AS RANGE LEFT FOR VALUES (1)
-- error: 2714 There is already an object named 'pfInt' in the database.
GO
CREATE PARTITION SCHEME psFew AS PARTITION pfInt TO ([PRIMARY], [PRIMARY])
-- error: 7707 The associated partition function 'pfInt' generates more partitions than there are file groups mentioned in the scheme 'psFew'.
GO
CREATE PARTITION SCHEME psAll2 AS PARTITION pfInt ALL TO ([PRIMARY], [PRIMARY])
-- error: 7723 Only a single filegroup can be specified while creating partition scheme using option ALL to specify all the filegroups.
GO
CREATE PARTITION SCHEME psNoFn AS PARTITION pfNope ALL TO ([PRIMARY])
-- error: 208 Invalid object name 'pfNope'.
GO
DROP PARTITION FUNCTION pfYear
-- error: 7706 Partition function 'pfYear' is being used by one or more partition schemes.
GO
DROP PARTITION SCHEME psYear
-- error: 7717 The partition scheme "psYear" is currently being used to partition one or more tables.
GO
DROP PARTITION SCHEME psNope
-- error: 15151 Cannot drop the partition scheme 'psNope', because it does not exist or you do not have permission.
GO
ALTER PARTITION FUNCTION pfNope() SPLIT RANGE (1)
-- error: 15151 Cannot alter the partition function 'pfNope', because it does not exist or you do not have permission.
GO
-- SPLIT needs a next used filegroup on every scheme of the function.
ALTER PARTITION FUNCTION pfInt() SPLIT RANGE (400)
-- error: 7710 Warning: The partition scheme 'psInt' does not have any next used filegroup. Partition scheme has not been changed.
GO
ALTER PARTITION FUNCTION pfInt() SPLIT RANGE (200)
-- error: 7721 Duplicate range boundary values are not allowed in partition function boundary values list. The boundary value being added is already present at ordinal 2 of the boundary value list.
GO
ALTER PARTITION SCHEME psInt NEXT USED [PRIMARY]
ALTER PARTITION FUNCTION pfInt() SPLIT RANGE (400)
GO
ALTER PARTITION FUNCTION pfInt() MERGE RANGE (250)
-- error: 7715 The specified partition range value could not be found.
GO
ALTER PARTITION FUNCTION pfInt() MERGE RANGE (100)
GO
SELECT f.fanout, (SELECT COUNT(*) FROM sys.destination_data_spaces d JOIN sys.partition_schemes s ON s.data_space_id = d.partition_scheme_id WHERE s.name = 'psInt') AS destinations,
  (SELECT STRING_AGG(CAST(value AS varchar(10)), ',') WITHIN GROUP (ORDER BY boundary_id) FROM sys.partition_range_values v WHERE v.function_id = f.function_id) AS boundaries
FROM sys.partition_functions f WHERE f.name = 'pfInt'
-- expect: fanout | destinations | boundaries
-- 4 | 4 | 200,300,400
GO
-- SPLIT on a scheme made with ALL TO: PRIMARY stays the next used one.
ALTER PARTITION FUNCTION pfYear() SPLIT RANGE ('2027-01-01')
ALTER PARTITION FUNCTION pfYear() SPLIT RANGE ('2023-01-01')
GO
SELECT p.partition_number, p.rows FROM sys.partitions p
WHERE p.object_id = OBJECT_ID('dbo.Orders') AND p.index_id = 1 ORDER BY p.partition_number
-- expect: partition_number | rows
-- 1 | 0
-- 2 | 2
-- 3 | 2
-- 4 | 3
-- 5 | 0
-- 6 | 1
GO
-- SWITCH out a partition to an empty staging table.
CREATE TABLE dbo.OrdersOut (OrderDate date NOT NULL, OrderID int NOT NULL, Amount money NULL,
  CONSTRAINT PK_OrdersOut PRIMARY KEY CLUSTERED (OrderDate, OrderID))
CREATE INDEX IX_OrdersOut_Amount ON dbo.OrdersOut (Amount)
GO
ALTER TABLE dbo.Orders SWITCH TO dbo.OrdersOut
-- error: 4911
GO
ALTER TABLE dbo.Orders SWITCH PARTITION 4 TO dbo.OrdersOut
GO
SELECT OrderID FROM dbo.OrdersOut ORDER BY OrderID
SELECT COUNT(*) AS left_in_orders FROM dbo.Orders
-- expect: OrderID
-- 5
-- 6
-- 7
-- expect: left_in_orders
-- 5
GO
ALTER TABLE dbo.Orders SWITCH PARTITION 5 TO dbo.OrdersOut
-- error: 4905
GO
-- and back in: the target partition must be empty and the source's rows
-- confined to it by a CHECK constraint. (SWITCH's messages name tables
-- database.schema.table; tests/partition_test.go checks one whole.)
ALTER TABLE dbo.OrdersOut SWITCH TO dbo.Orders PARTITION 4
-- error: 4982
GO
ALTER TABLE dbo.OrdersOut ADD CONSTRAINT CK_OrdersOut_Range CHECK (OrderDate >= '2025-01-01' AND OrderDate < '2026-01-01')
ALTER TABLE dbo.OrdersOut SWITCH TO dbo.Orders PARTITION 2
-- error: 4904
GO
ALTER TABLE dbo.OrdersOut SWITCH TO dbo.Orders PARTITION 4
SELECT COUNT(*) AS back_in_orders FROM dbo.Orders
SELECT COUNT(*) AS left_out FROM dbo.OrdersOut
-- expect: back_in_orders
-- 8
-- expect: left_out
-- 0
GO
CREATE TABLE dbo.Narrow (OrderDate date NOT NULL, OrderID int NOT NULL)
ALTER TABLE dbo.Orders SWITCH PARTITION 2 TO dbo.Narrow
-- error: 4943
GO
CREATE TABLE dbo.NoIndex (OrderDate date NOT NULL, OrderID int NOT NULL, Amount money NULL)
ALTER TABLE dbo.Orders SWITCH PARTITION 2 TO dbo.NoIndex
-- error: 4913
GO
ALTER TABLE dbo.Orders SWITCH PARTITION 9 TO dbo.OrdersOut
-- error: 4950
GO
-- Partition to partition between two tables on the same scheme.
CREATE TABLE dbo.OrdersArchive (OrderDate date NOT NULL, OrderID int NOT NULL, Amount money NULL,
  CONSTRAINT PK_OrdersArchive PRIMARY KEY CLUSTERED (OrderDate, OrderID) ON psYear (OrderDate))
CREATE INDEX IX_OrdersArchive_Amount ON dbo.OrdersArchive (Amount)
GO
ALTER TABLE dbo.Orders SWITCH PARTITION 2 TO dbo.OrdersArchive PARTITION 3
-- error: 4973
GO
ALTER TABLE dbo.Orders SWITCH PARTITION 2 TO dbo.OrdersArchive PARTITION 2
SELECT partition_number, rows FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.OrdersArchive') AND index_id = 1 AND rows > 0
-- expect: partition_number | rows
-- 2 | 2
GO
-- TRUNCATE of some partitions.
TRUNCATE TABLE dbo.Orders WITH (PARTITIONS (4, 5 TO 6))
SELECT OrderID FROM dbo.Orders ORDER BY OrderID
-- expect: OrderID
-- 3
-- 4
GO
TRUNCATE TABLE dbo.Orders WITH (PARTITIONS (9))
-- error: 7722 Invalid partition number 9 specified for table 'dbo.Orders', partition number can range from 1 to 6.
GO
TRUNCATE TABLE dbo.Orders WITH (PARTITIONS (3 TO 2))
-- error: 7728 Invalid partition range: 3 TO 2. Lower bound must not be greater than upper bound.
GO
TRUNCATE TABLE dbo.OrdersOut WITH (PARTITIONS (1))
-- error: 7729 Cannot specify partition number in the truncate table statement as the table 'dbo.OrdersOut' is not partitioned.
GO
-- Index maintenance by partition.
ALTER INDEX IX_Orders_Amount ON dbo.Orders REBUILD PARTITION = 2
ALTER INDEX ALL ON dbo.Orders REBUILD PARTITION = ALL
ALTER TABLE dbo.Orders REBUILD PARTITION = 3
GO
ALTER INDEX IX_Orders_Amount ON dbo.Orders REBUILD PARTITION = 8
-- error: 7730 Alter index statement failed because partition number 8 does not exist in index 'IX_Orders_Amount'.
GO
-- The partitioning column cannot be dropped (a column before it can: below).
ALTER TABLE dbo.OrdersArchive ADD Note varchar(10) NULL
ALTER TABLE dbo.OrdersArchive DROP COLUMN OrderDate
-- error: 5074 The object 'PK_OrdersArchive' is dependent on column 'OrderDate'.
-- error: 5074 The object 'OrdersArchive' is dependent on column 'OrderDate'.
-- error: 4922 ALTER TABLE DROP COLUMN OrderDate failed because one or more objects access this column.
GO
-- A heap on a scheme, and DROP once nothing uses it.
CREATE TABLE dbo.HeapP (junk int NULL, k int NULL, v varchar(10) NULL) ON psInt (k)
INSERT dbo.HeapP (k, v) VALUES (NULL, 'n'), (50, 'a'), (150, 'b'), (250, 'c'), (350, 'd'), (450, 'e')
ALTER TABLE dbo.HeapP DROP COLUMN junk
GO
ALTER TABLE dbo.HeapP ALTER COLUMN k bigint NULL
-- error: 5074 The object 'HeapP' is dependent on column 'k'.
-- error: 4922 ALTER TABLE ALTER COLUMN k failed because one or more objects access this column.
GO
SELECT p.partition_number, p.rows FROM sys.partitions p WHERE p.object_id = OBJECT_ID('dbo.HeapP') ORDER BY p.partition_number
-- expect: partition_number | rows
-- 1 | 3
-- 2 | 1
-- 3 | 1
-- 4 | 1
GO
-- An existing table moved onto a scheme by its clustered index, as DBAs
-- do it: CREATE … WITH (DROP_EXISTING = ON) ON scheme(column).
CREATE TABLE dbo.Moved (id int NOT NULL, v int NULL)
CREATE UNIQUE CLUSTERED INDEX CX_Moved ON dbo.Moved (id)
CREATE INDEX IX_Moved_v ON dbo.Moved (v)
INSERT dbo.Moved VALUES (50, 1), (150, 2), (250, 3), (350, 4), (450, 5)
GO
CREATE UNIQUE CLUSTERED INDEX CX_Moved ON dbo.Moved (id) WITH (DROP_EXISTING = ON) ON psInt (id)
CREATE INDEX IX_Moved_v ON dbo.Moved (v) WITH (DROP_EXISTING = ON) ON psInt (id)
SELECT i.name, ds.name AS data_space, (SELECT STRING_AGG(CAST(p.rows AS varchar(10)), ',') WITHIN GROUP (ORDER BY p.partition_number)
  FROM sys.partitions p WHERE p.object_id = i.object_id AND p.index_id = i.index_id) AS rows
FROM sys.indexes i JOIN sys.data_spaces ds ON ds.data_space_id = i.data_space_id WHERE i.object_id = OBJECT_ID('dbo.Moved') ORDER BY i.index_id
-- expect: name | data_space | rows
-- CX_Moved | psInt | 2,1,1,1
-- IX_Moved_v | psInt | 2,1,1,1
GO
CREATE INDEX IX_Nope ON dbo.Moved (v) WITH (DROP_EXISTING = ON) ON psInt (id)
-- error: 7999 Could not find any index named 'IX_Nope' for table 'dbo.Moved'.
GO
DROP TABLE dbo.Moved
GO
-- A heap partitioned later by its clustered key, on the heap's scheme.
ALTER TABLE dbo.HeapP ADD CONSTRAINT UQ_HeapP UNIQUE CLUSTERED (k, v)
SELECT i.index_id, ds.name AS data_space, (SELECT COUNT(*) FROM sys.partitions p WHERE p.object_id = i.object_id AND p.index_id = i.index_id) AS partitions
FROM sys.indexes i JOIN sys.data_spaces ds ON ds.data_space_id = i.data_space_id WHERE i.object_id = OBJECT_ID('dbo.HeapP')
-- expect: index_id | data_space | partitions
-- 1 | psInt | 4
GO
-- Partition DDL needs ALTER ANY DATASPACE (db_ddladmin, db_owner).
CREATE USER partnobody WITHOUT LOGIN
GO
EXECUTE AS USER = 'partnobody'
CREATE PARTITION FUNCTION pfDenied (int) AS RANGE LEFT FOR VALUES (1)
REVERT
-- error: 262
GO
EXECUTE AS USER = 'partnobody'
DROP PARTITION SCHEME psInt
REVERT
-- error: 15151 Cannot drop the partition scheme 'psInt', because it does not exist or you do not have permission.
GO
EXECUTE AS USER = 'partnobody'
ALTER PARTITION FUNCTION pfInt() MERGE RANGE (200)
REVERT
-- error: 15151 Cannot alter the partition function 'pfInt', because it does not exist or you do not have permission.
GO
DROP USER partnobody
DROP TABLE dbo.HeapP
DROP PARTITION SCHEME psInt
DROP PARTITION FUNCTION pfInt
SELECT COUNT(*) AS functions FROM sys.partition_functions
-- expect: functions
-- 1
GO

-- Documented examples of "CREATE INDEX", "ALTER INDEX" and "DROP INDEX"
-- (https://learn.microsoft.com/sql/t-sql/statements/create-index-transact-sql,
-- …/alter-index-transact-sql, …/drop-index-transact-sql), sp_rename's index
-- example, INDEXPROPERTY, INDEX_COL and the index catalog views. The
-- AdventureWorks tables are small tables of our own. Where a page shows no
-- output the expectation is derived from its text (said so at the batch).
-- doc_index_view.sql holds CREATE INDEX's examples A–M; this file holds the
-- maintenance statements and the checks that a query reading an index gets
-- the rows the table holds.
CREATE SCHEMA Production
GO
CREATE SCHEMA HumanResources
GO
CREATE TABLE Production.Product (ProductID int NOT NULL CONSTRAINT PK_Product_ProductID PRIMARY KEY,
  Name nvarchar(50) NOT NULL, ProductNumber nvarchar(25) NOT NULL, Color nvarchar(15) NULL,
  ListPrice money NOT NULL, Weight decimal(8,2) NULL, Notes nvarchar(max) NULL);
INSERT Production.Product VALUES (1, N'Adjustable Race', N'AR-5381', NULL, 0, NULL, NULL),
  (2, N'Bearing Ball', N'BA-8327', NULL, 0, NULL, NULL), (3, N'BB Ball Bearing', N'BE-2349', N'Black', 0, 2.00, NULL),
  (4, N'Headset Ball Bearings', N'BE-2908', N'Silver', 3.99, 1.50, NULL), (5, N'Blade', N'BL-2036', N'Red', 12.50, NULL, NULL),
  (6, N'LL Crankarm', N'CA-5965', N'Black', 24.99, 3.25, NULL), (7, N'ML Crankarm', N'CA-6738', N'Black', 49.99, 3.00, NULL);
CREATE TABLE HumanResources.Employee (BusinessEntityID int NOT NULL CONSTRAINT PK_Employee_BusinessEntityID PRIMARY KEY,
  NationalIDNumber nvarchar(15) NOT NULL, LoginID nvarchar(256) NOT NULL, JobTitle nvarchar(50) NOT NULL,
  VacationHours smallint NOT NULL, SickLeaveHours smallint NOT NULL);
INSERT HumanResources.Employee VALUES (1, N'295847284', N'adventure-works\ken0', N'Chief Executive Officer', 99, 69),
  (2, N'245797967', N'adventure-works\terri0', N'Vice President of Engineering', 1, 20),
  (3, N'509647174', N'adventure-works\roberto0', N'Engineering Manager', 2, 21),
  (4, N'112457891', N'adventure-works\rob0', N'Senior Tool Designer', 48, 80);
GO
-- ALTER INDEX A. Rebuild an index
CREATE INDEX IX_Employee_VacationHours ON HumanResources.Employee (VacationHours DESC) INCLUDE (JobTitle);
ALTER INDEX PK_Employee_BusinessEntityID ON HumanResources.Employee REBUILD;
GO
-- The DESC key and the included column, as sys.index_columns shows them.
SELECT COL_NAME(ic.object_id, ic.column_id) AS col, ic.key_ordinal, ic.is_descending_key, ic.is_included_column
FROM sys.indexes i JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
WHERE i.name = 'IX_Employee_VacationHours' ORDER BY ic.index_column_id;
-- expect: col | key_ordinal | is_descending_key | is_included_column
-- VacationHours | 1 | 1 | 0
-- JobTitle | 0 | 0 | 1
GO
-- A range over the DESC key, through the index, in both orders.
SELECT BusinessEntityID, VacationHours FROM HumanResources.Employee WITH (INDEX(IX_Employee_VacationHours))
WHERE VacationHours BETWEEN 2 AND 60 ORDER BY VacationHours;
SELECT BusinessEntityID, VacationHours FROM HumanResources.Employee WITH (INDEX(IX_Employee_VacationHours))
WHERE VacationHours > 1 ORDER BY VacationHours DESC;
SELECT BusinessEntityID FROM HumanResources.Employee WHERE VacationHours < 48 ORDER BY BusinessEntityID;
-- expect: BusinessEntityID | VacationHours
-- 3 | 2
-- 4 | 48
-- expect: BusinessEntityID | VacationHours
-- 1 | 99
-- 4 | 48
-- 3 | 2
-- expect: BusinessEntityID
-- 2
-- 3
GO
-- ALTER INDEX B. Rebuild all indexes on a table and specify options
ALTER INDEX ALL ON Production.Product
REBUILD WITH (FILLFACTOR = 80, SORT_IN_TEMPDB = ON, STATISTICS_NORECOMPUTE = ON);
GO
SELECT i.name, i.fill_factor, s.no_recompute
FROM sys.indexes i JOIN sys.stats s ON s.object_id = i.object_id AND s.stats_id = i.index_id
WHERE i.object_id = OBJECT_ID('Production.Product');
-- expect: name | fill_factor | no_recompute
-- PK_Product_ProductID | 80 | 1
GO
-- ALTER INDEX C. Reorganize an index with LOB compaction; REORGANIZE of
-- every index of a table.
CREATE INDEX IX_Product_Name ON Production.Product (Name) INCLUDE (Notes);
ALTER INDEX IX_Product_Name ON Production.Product REORGANIZE WITH (LOB_COMPACTION = ON);
ALTER INDEX ALL ON Production.Product REORGANIZE;
GO
-- ALTER INDEX: setting options on an index
ALTER INDEX IX_Product_Name ON Production.Product SET (STATISTICS_NORECOMPUTE = ON, ALLOW_PAGE_LOCKS = OFF);
SELECT i.name, i.allow_page_locks, i.allow_row_locks, s.no_recompute
FROM sys.indexes i JOIN sys.stats s ON s.object_id = i.object_id AND s.stats_id = i.index_id
WHERE i.name = 'IX_Product_Name';
-- expect: name | allow_page_locks | allow_row_locks | no_recompute
-- IX_Product_Name | 0 | 1 | 1
GO
-- CREATE INDEX … WITH (STATISTICS_NORECOMPUTE = ON) keeps it too; UPDATE
-- STATISTICS … WITH NORECOMPUTE turns automatic updates off and an update
-- without it turns them back on (the UPDATE STATISTICS page's NORECOMPUTE).
CREATE INDEX IX_Product_Color ON Production.Product (Color) WITH (STATISTICS_NORECOMPUTE = ON);
UPDATE STATISTICS Production.Product IX_Product_Name;
UPDATE STATISTICS Production.Product (PK_Product_ProductID) WITH NORECOMPUTE;
SELECT s.name, s.no_recompute FROM sys.stats s WHERE s.object_id = OBJECT_ID('Production.Product') ORDER BY s.stats_id;
-- expect: name | no_recompute
-- PK_Product_ProductID | 1
-- IX_Product_Name | 0
-- IX_Product_Color | 1
GO
-- sp_autostats turns it on or off for one statistics object or all of a
-- table's.
EXEC sp_autostats 'Production.Product', 'ON', 'IX_Product_Color';
-- message: Automatic statistics maintenance turned ON for 1 indices.
GO
EXEC sp_autostats 'Production.Product', 'OFF';
-- message: Automatic statistics maintenance turned OFF for 3 indices.
GO
SELECT s.name, s.no_recompute FROM sys.stats s WHERE s.object_id = OBJECT_ID('Production.Product') ORDER BY s.stats_id;
-- expect: name | no_recompute
-- PK_Product_ProductID | 1
-- IX_Product_Name | 1
-- IX_Product_Color | 1
GO
EXEC sp_autostats 'Production.Product', 'ON';
-- message: Automatic statistics maintenance turned ON for 3 indices.
GO
-- ALTER INDEX D. Disable an index: the page's example disables a
-- nonclustered index; a query can no longer name it in a hint (315) and
-- reads the table instead, with the same rows.
CREATE INDEX IX_Employee_NationalIDNumber ON HumanResources.Employee (NationalIDNumber);
ALTER INDEX IX_Employee_NationalIDNumber ON HumanResources.Employee DISABLE;
SELECT INDEXPROPERTY(OBJECT_ID('HumanResources.Employee'), 'IX_Employee_NationalIDNumber', 'IsDisabled') AS dis,
  (SELECT is_disabled FROM sys.indexes WHERE name = 'IX_Employee_NationalIDNumber') AS sysdis;
-- expect: dis | sysdis
-- 1 | 1
GO
SELECT BusinessEntityID FROM HumanResources.Employee WITH (INDEX(IX_Employee_NationalIDNumber)) WHERE NationalIDNumber = N'509647174';
-- error: 315 Index "IX_Employee_NationalIDNumber" on table "HumanResources.Employee" (specified in the FROM clause) is disabled or resides in a filegroup which is not online.
GO
-- Rows changed while the index is disabled are not lost to queries after
-- it is rebuilt.
INSERT HumanResources.Employee VALUES (5, N'695256908', N'adventure-works\gail0', N'Design Engineer', 5, 22);
UPDATE HumanResources.Employee SET NationalIDNumber = N'000000001' WHERE BusinessEntityID = 1;
SELECT BusinessEntityID FROM HumanResources.Employee WHERE NationalIDNumber = N'695256908';
-- expect: BusinessEntityID
-- 5
GO
ALTER INDEX IX_Employee_NationalIDNumber ON HumanResources.Employee REORGANIZE;
-- error: 1973 Cannot perform the specified operation on disabled index 'IX_Employee_NationalIDNumber' on table 'Employee'.
GO
-- ALTER INDEX E. Enable a disabled index by rebuilding it
ALTER INDEX IX_Employee_NationalIDNumber ON HumanResources.Employee REBUILD;
SELECT BusinessEntityID FROM HumanResources.Employee WITH (INDEX(IX_Employee_NationalIDNumber))
WHERE NationalIDNumber IN (N'695256908', N'000000001', N'295847284') ORDER BY BusinessEntityID;
-- expect: BusinessEntityID
-- 1
-- 5
GO
-- ALTER INDEX ALL … DISABLE disables the clustered index too: the table
-- can't be read (8655) until it is rebuilt; ALTER INDEX ALL … REBUILD
-- enables every index.
CREATE TABLE dbo.t_all (id int CONSTRAINT PK_t_all PRIMARY KEY, v int);
CREATE INDEX ix_v ON dbo.t_all (v);
INSERT dbo.t_all VALUES (1, 10), (2, 20);
GO
ALTER INDEX ALL ON dbo.t_all DISABLE;
GO
SELECT name, is_disabled FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.t_all') ORDER BY index_id;
-- expect: name | is_disabled
-- PK_t_all | 1
-- ix_v | 1
GO
SELECT * FROM dbo.t_all;
-- error: 8655 The query processor is unable to produce a plan because the index 'PK_t_all' on table or view 't_all' is disabled.
GO
ALTER INDEX ALL ON dbo.t_all REBUILD;
SELECT id, v FROM dbo.t_all WITH (INDEX(ix_v)) WHERE v > 10;
-- expect: id | v
-- 2 | 20
GO
-- ALTER INDEX of an index that doesn't exist is 1088; CREATE INDEX …
-- DROP_EXISTING of one is 7999; an INDEX hint naming one is 308.
ALTER INDEX nope ON dbo.t_all REBUILD;
-- error: 1088 Cannot find the object "t_all.nope" because it does not exist or you do not have permissions.
GO
CREATE INDEX nope ON dbo.t_all (v) WITH (DROP_EXISTING = ON);
-- error: 7999
GO
SELECT id FROM dbo.t_all WITH (INDEX(nope)) WHERE v = 10;
-- error: 308 Index 'nope' on table 'dbo.t_all' (specified in the FROM clause) does not exist.
GO
SELECT id FROM dbo.t_all AS a WITH (INDEX = ix_v) WHERE v = 10;
-- expect: id
-- 1
GO
-- A filtered index: a query outside its filter reads the table, not the
-- index, and gets every row.
CREATE TABLE dbo.bom (id int PRIMARY KEY, ComponentID int NOT NULL, EndDate datetime NULL);
INSERT dbo.bom VALUES (1, 5, NULL), (2, 5, '20240101'), (3, 6, NULL), (4, 6, '20230101');
CREATE NONCLUSTERED INDEX FIBillOfMaterialsWithEndDate ON dbo.bom (ComponentID) WHERE EndDate IS NOT NULL;
GO
SELECT id FROM dbo.bom WHERE ComponentID = 5 ORDER BY id;
SELECT id FROM dbo.bom WHERE ComponentID = 6 AND EndDate IS NOT NULL;
SELECT COUNT(*) AS n FROM dbo.bom WHERE ComponentID >= 5;
-- expect: id
-- 1
-- 2
-- expect: id
-- 4
-- expect: n
-- 4
GO
SELECT name, has_filter, filter_definition FROM sys.indexes WHERE name = 'FIBillOfMaterialsWithEndDate';
-- expect: name | has_filter | filter_definition
-- FIBillOfMaterialsWithEndDate | 1 | ([EndDate] IS NOT NULL)
GO
-- Rows moving in and out of the filter.
UPDATE dbo.bom SET EndDate = NULL WHERE id = 2;
UPDATE dbo.bom SET EndDate = '20250101' WHERE id = 3;
SELECT id FROM dbo.bom WHERE ComponentID IN (5, 6) AND EndDate IS NOT NULL ORDER BY id;
-- expect: id
-- 3
-- 4
GO
-- A UNIQUE filtered index allows duplicates outside its filter.
CREATE UNIQUE INDEX ux_bom_comp ON dbo.bom (ComponentID) WHERE EndDate IS NULL;
-- error: 1505 The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.bom' and the index name 'ux_bom_comp'. The duplicate key value is (5).
-- message: The statement has been terminated.
GO
-- ALTER TABLE … ADD UNIQUE builds the same index: 1505, then 1750, then
-- 3621; and ALTER INDEX … REBUILD of a disabled unique index over
-- duplicates is 1505 and 3621 (index_disable.sql).
ALTER TABLE dbo.bom ADD CONSTRAINT uq_bom_comp UNIQUE (ComponentID);
-- error: 1505 The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.bom' and the index name 'uq_bom_comp'. The duplicate key value is (5).
-- error: 1750 Could not create constraint or index. See previous errors.
-- message: The statement has been terminated.
GO
DELETE dbo.bom WHERE id = 1;
CREATE UNIQUE INDEX ux_bom_comp ON dbo.bom (ComponentID) WHERE EndDate IS NULL;
INSERT dbo.bom VALUES (5, 5, '20200101');
GO
INSERT dbo.bom VALUES (6, 5, NULL);
-- error: 2601 Cannot insert duplicate key row in object 'dbo.bom' with unique index 'ux_bom_comp'. The duplicate key value is (5).
-- message: The statement has been terminated.
GO
-- INDEXPROPERTY and INDEX_COL (their pages' examples, on our tables).
SELECT INDEXPROPERTY(OBJECT_ID('HumanResources.Employee'), 'PK_Employee_BusinessEntityID', 'IsClustered') AS [Is Clustered],
  INDEXPROPERTY(OBJECT_ID('HumanResources.Employee'), 'PK_Employee_BusinessEntityID', 'IndexDepth') AS [Index Depth],
  INDEXPROPERTY(OBJECT_ID('HumanResources.Employee'), 'PK_Employee_BusinessEntityID', 'IndexFillFactor') AS [Fill Factor];
-- expect: Is Clustered | Index Depth | Fill Factor
-- 1 | 1 | 0
GO
SELECT INDEXPROPERTY(OBJECT_ID('HumanResources.Employee'), 'IX_Employee_VacationHours', 'IsUnique') AS u,
  INDEXPROPERTY(OBJECT_ID('HumanResources.Employee'), 'IX_Employee_VacationHours', 'IsClustered') AS c,
  INDEXPROPERTY(OBJECT_ID('HumanResources.Employee'), 'nope', 'IsClustered') AS missing,
  INDEXPROPERTY(OBJECT_ID('HumanResources.Employee'), 'IX_Employee_VacationHours', 'NoSuchProperty') AS badprop;
-- expect: u | c | missing | badprop
-- 0 | 0 | NULL | NULL
GO
SELECT INDEX_COL(N'HumanResources.Employee', 1, 1) AS [Index Column 1],
  INDEX_COL(N'HumanResources.Employee', 1, 2) AS [Index Column 2];
-- expect: Index Column 1 | Index Column 2
-- BusinessEntityID | NULL
GO
-- sys.stats: every index has statistics of its name and id.
SELECT s.name, s.stats_id, s.auto_created, s.user_created
FROM sys.stats s WHERE s.object_id = OBJECT_ID('dbo.t_all') ORDER BY s.stats_id;
-- expect: name | stats_id | auto_created | user_created
-- PK_t_all | 1 | 0 | 0
-- ix_v | 2 | 0 | 0
GO
-- sp_rename of an index (sp_rename's example C).
EXEC sp_rename N'dbo.t_all.ix_v', N'IX_t_all_v', N'INDEX';
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
SELECT name FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.t_all') ORDER BY index_id;
SELECT v FROM dbo.t_all WITH (INDEX(IX_t_all_v)) WHERE v = 20;
-- expect: name
-- PK_t_all
-- IX_t_all_v
-- expect: v
-- 20
GO
-- The errors the CREATE INDEX page names.
CREATE INDEX IX_t_all_v ON dbo.t_all (id);
-- error: 1913 The operation failed because an index or statistics with name 'IX_t_all_v' already exists on table 'dbo.t_all'.
GO
CREATE INDEX ix_notes ON Production.Product (Notes);
-- error: 1919 Column 'Notes' in table 'Product' is of a type that is invalid for use as a key column in an index.
GO
CREATE INDEX ix_nope ON dbo.t_all (nope);
-- error: 1911 Column name 'nope' does not exist in the target table or view.
GO
CREATE CLUSTERED INDEX cx ON dbo.t_all (v);
-- error: 1902 Cannot create more than one clustered index on table 't_all'. Drop the existing clustered index 'PK_t_all' before creating another.
GO
CREATE INDEX ix_x ON dbo.nope (a);
-- error: 1088 Cannot find the object "dbo.nope" because it does not exist or you do not have permissions.
GO
-- DROP INDEX A. Drop an index (both forms: table.index and index ON table)
CREATE INDEX IX_ProductVendor_VendorID ON dbo.t_all (v);
CREATE INDEX IX_t_all_id_v ON dbo.t_all (id, v);
DROP INDEX IX_ProductVendor_VendorID ON dbo.t_all;
DROP INDEX dbo.t_all.IX_t_all_id_v;
GO
-- DROP INDEX B. Drop multiple indexes in one statement
CREATE INDEX a1 ON dbo.t_all (v);
CREATE INDEX a2 ON dbo.bom (EndDate);
DROP INDEX a1 ON dbo.t_all, a2 ON dbo.bom;
SELECT name FROM sys.indexes WHERE name IN ('a1', 'a2', 'IX_ProductVendor_VendorID', 'IX_t_all_id_v');
-- expect: name
GO
-- DROP INDEX IF EXISTS: nothing happens when it isn't there.
DROP INDEX IF EXISTS a1 ON dbo.t_all;
DROP INDEX IF EXISTS IX_t_all_v ON dbo.t_all;
SELECT COUNT(*) AS n FROM sys.indexes WHERE name = 'IX_t_all_v';
-- expect: n
-- 0
GO
DROP INDEX a1 ON dbo.t_all;
-- error: 3701 Cannot drop the index 'dbo.t_all.a1', because it does not exist or you do not have permission.
GO
-- DROP INDEX of a PRIMARY KEY's index is 3723; the constraint is dropped
-- with ALTER TABLE (DROP INDEX C's "drop a PRIMARY KEY constraint online").
DROP INDEX PK_t_all ON dbo.t_all;
-- error: 3723 An explicit DROP INDEX is not allowed on index 't_all.PK_t_all'. It is being used for PRIMARY KEY constraint enforcement.
GO
ALTER TABLE dbo.t_all DROP CONSTRAINT PK_t_all WITH (ONLINE = ON);
SELECT COUNT(*) AS n FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.t_all') AND type_desc = 'HEAP';
-- expect: n
-- 1
GO
-- DROP INDEX D. Drop a clustered index and move the table to a filegroup
CREATE TABLE dbo.heap1 (id int NOT NULL, v int);
INSERT dbo.heap1 VALUES (2, 20), (1, 10);
CREATE CLUSTERED INDEX cx_heap1 ON dbo.heap1 (id) ON [PRIMARY];
DROP INDEX cx_heap1 ON dbo.heap1 WITH (ONLINE = OFF, MAXDOP = 2, MOVE TO [PRIMARY]);
SELECT i.type_desc, ds.name AS ds FROM sys.indexes i JOIN sys.data_spaces ds ON ds.data_space_id = i.data_space_id
WHERE i.object_id = OBJECT_ID('dbo.heap1') AND i.index_id = 0;
-- expect: type_desc | ds
-- HEAP | PRIMARY
GO
-- sys.dm_db_index_physical_stats and sys.dm_db_index_usage_stats: the
-- columns a DBA's maintenance script reads.
SELECT TOP (0) database_id, object_id, index_id, partition_number, index_type_desc, alloc_unit_type_desc,
  index_depth, index_level, avg_fragmentation_in_percent, fragment_count, avg_fragment_size_in_pages, page_count
FROM sys.dm_db_index_physical_stats(DB_ID(), OBJECT_ID('HumanResources.Employee'), NULL, NULL, 'LIMITED');
-- expect: database_id | object_id | index_id | partition_number | index_type_desc | alloc_unit_type_desc | index_depth | index_level | avg_fragmentation_in_percent | fragment_count | avg_fragment_size_in_pages | page_count
GO
SELECT TOP (0) database_id, object_id, index_id, user_seeks, user_scans, user_lookups, user_updates,
  last_user_seek, last_user_scan, last_user_lookup, last_user_update
FROM sys.dm_db_index_usage_stats;
-- expect: database_id | object_id | index_id | user_seeks | user_scans | user_lookups | user_updates | last_user_seek | last_user_scan | last_user_lookup | last_user_update
GO

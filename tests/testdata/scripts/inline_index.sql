-- Inline index definitions (SQL Server 2014+): INDEX among a table's
-- elements or after a column, in CREATE TABLE, temp tables and table
-- variables, as Ola Hallengren's IndexOptimize declares its work tables.
CREATE TABLE dbo.work (ID int IDENTITY NOT NULL, ObjectID int, IndexID int, Name nvarchar(50) INDEX IX_Name,
    Selected bit DEFAULT 0,
    CONSTRAINT PK_work PRIMARY KEY (Selected, ID),
    INDEX IX_Object NONCLUSTERED (ObjectID, IndexID DESC) INCLUDE (Name),
    INDEX IX_Unique UNIQUE (Name, ObjectID) WHERE Name IS NOT NULL)
SELECT i.name, i.type_desc, i.is_unique, i.has_filter, COL_NAME(ic.object_id, ic.column_id) AS first_col
FROM sys.indexes AS i JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal = 1
WHERE i.object_id = OBJECT_ID('dbo.work') ORDER BY i.index_id
-- expect: name | type_desc | is_unique | has_filter | first_col
-- PK_work | CLUSTERED | 1 | 0 | Selected
-- IX_Name | NONCLUSTERED | 0 | 0 | Name
-- IX_Object | NONCLUSTERED | 0 | 0 | ObjectID
-- IX_Unique | NONCLUSTERED | 1 | 1 | Name
GO
INSERT dbo.work (ObjectID, IndexID, Name) VALUES (1, 1, N'a'), (2, 1, NULL), (3, 1, NULL)
INSERT dbo.work (ObjectID, IndexID, Name) VALUES (1, 9, NULL)
SELECT COUNT(*) AS n FROM dbo.work WITH (INDEX(IX_Object)) WHERE ObjectID = 1
-- expect: n
-- 2
GO
INSERT dbo.work (ObjectID, IndexID, Name) VALUES (1, 2, N'a')
-- error: 2601
-- message: The statement has been terminated.
GO
DECLARE @t TABLE (ObjectID int NOT NULL, StatisticsID int, PartitionNumber int,
    INDEX IX_ObjectID_StatisticsID_PartitionNumber NONCLUSTERED (ObjectID, StatisticsID, PartitionNumber),
    INDEX IX_Clustered CLUSTERED (PartitionNumber))
INSERT @t VALUES (1, 2, 3), (1, 3, 1), (2, 1, 1)
SELECT ObjectID, StatisticsID FROM @t WHERE ObjectID = 1 ORDER BY StatisticsID
-- expect: ObjectID | StatisticsID
-- 1 | 2
-- 1 | 3
GO
CREATE TABLE #tmp (k int NOT NULL, v int, INDEX IX_k UNIQUE CLUSTERED (k))
INSERT #tmp VALUES (2, 20), (1, 10)
SELECT k, v FROM #tmp
-- expect: k | v
-- 1 | 10
-- 2 | 20
GO
CREATE TABLE dbo.dup (a int, INDEX ix (a), INDEX IX (a))
-- error: 1913 The operation failed because an index or statistics with name 'IX' already exists on table 'dup'.
GO
CREATE TABLE dbo.badcol (a int, INDEX ix (nope))
-- error: 1911 Column name 'nope' does not exist in the target table or view.
GO

-- Schema-bound and indexed views.
CREATE TABLE dbo.Sales (id int PRIMARY KEY, region varchar(10), amt int)
INSERT dbo.Sales VALUES (1, 'East', 10), (2, 'East', 20), (3, 'West', 5)
GO
CREATE VIEW dbo.RegionTotals WITH SCHEMABINDING AS
  SELECT region, SUM(amt) AS total, COUNT_BIG(*) AS n FROM dbo.Sales GROUP BY region
GO
CREATE UNIQUE CLUSTERED INDEX ix_rt ON dbo.RegionTotals (region)
CREATE NONCLUSTERED INDEX ix_rt_total ON dbo.RegionTotals (total DESC)
SELECT i.name, i.index_id, i.type_desc, i.is_unique FROM sys.indexes i WHERE i.object_id = OBJECT_ID('dbo.RegionTotals') ORDER BY i.index_id
-- expect: name | index_id | type_desc | is_unique
-- ix_rt | 1 | CLUSTERED | 1
-- ix_rt_total | 2 | NONCLUSTERED | 0
GO
-- The view still answers from its base table.
INSERT dbo.Sales VALUES (4, 'West', 7)
SELECT region, total, n FROM dbo.RegionTotals ORDER BY region
-- expect: region | total | n
-- East | 30 | 2
-- West | 12 | 2
GO
DROP TABLE dbo.Sales
-- error: 3729 Cannot DROP TABLE 'dbo.Sales' because it is being referenced by object 'RegionTotals'.
GO
CREATE VIEW dbo.Plain AS SELECT id, amt FROM dbo.Sales
GO
CREATE UNIQUE CLUSTERED INDEX ix_p ON dbo.Plain (id)
-- error: 1939 Cannot create index on view 'dbo.Plain' because the view is not schema bound.
GO
CREATE VIEW dbo.Bound WITH SCHEMABINDING AS SELECT id, region, amt FROM dbo.Sales
GO
CREATE INDEX ix_b ON dbo.Bound (amt)
-- error: 1940 Cannot create index on view 'dbo.Bound'. It does not have a unique clustered index.
GO
CREATE CLUSTERED INDEX ix_b ON dbo.Bound (amt)
-- error: 1941
GO
CREATE UNIQUE CLUSTERED INDEX ix_b ON dbo.Bound (region)
-- error: 1505 The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name 'dbo.Bound' and the index name 'ix_b'. The duplicate key value is (East).
-- message: The statement has been terminated.
GO
CREATE UNIQUE CLUSTERED INDEX ix_b ON dbo.Bound (nosuch)
-- error: 1911 Column name 'nosuch' does not exist in the target table or view.
GO
CREATE VIEW dbo.Starry WITH SCHEMABINDING AS SELECT * FROM dbo.Sales
-- error: 1054 Syntax '*' is not allowed in schema-bound objects.
GO
CREATE VIEW dbo.OnePart WITH SCHEMABINDING AS SELECT id FROM Sales
-- error: 4512 Cannot schema bind view 'OnePart' because name 'Sales' is invalid for schema binding. Names must be in two-part format and an object cannot reference itself.
GO
-- Dropping the clustered index drops the others; ALTER VIEW drops all.
DROP INDEX ix_rt ON dbo.RegionTotals
SELECT COUNT(*) AS left_over FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.RegionTotals')
-- expect: left_over
-- 0
GO
DROP VIEW dbo.RegionTotals, dbo.Bound
DROP TABLE dbo.Sales
GO

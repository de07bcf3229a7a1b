-- SQL Server 2022's additions to the catalog views that SSMS 19 and later
-- read when they meet a 2022 server (issue #5): sys.tables' ledger columns,
-- sys.columns' ledger view columns, sys.partitions' xml_compression and
-- sys.stats' auto_drop (with the 2019 generation-method columns).
CREATE TABLE dbo.cat22 (id int NOT NULL CONSTRAINT pk_cat22 PRIMARY KEY, doc xml NULL)
CREATE STATISTICS st_doc ON dbo.cat22 (id)
CREATE STATISTICS st_drop ON dbo.cat22 (id) WITH AUTO_DROP = ON
GO
SELECT name, ledger_type, ledger_type_desc, ledger_view_id, is_dropped_ledger_table FROM sys.tables WHERE name = 'cat22'
-- expect: name | ledger_type | ledger_type_desc | ledger_view_id | is_dropped_ledger_table
-- cat22 | 0 | NON_LEDGER_TABLE | NULL | 0
GO
SELECT name, ledger_view_column_type, ledger_view_column_type_desc, is_dropped_ledger_column FROM sys.columns
WHERE object_id = OBJECT_ID('dbo.cat22') ORDER BY column_id
-- expect: name | ledger_view_column_type | ledger_view_column_type_desc | is_dropped_ledger_column
-- id | NULL | NULL | 0
-- doc | NULL | NULL | 0
GO
SELECT index_id, data_compression_desc, xml_compression, xml_compression_desc FROM sys.partitions WHERE object_id = OBJECT_ID('dbo.cat22')
-- expect: index_id | data_compression_desc | xml_compression | xml_compression_desc
-- 1 | NONE | 0 | OFF
GO
SELECT name, auto_drop, has_persisted_sample, stats_generation_method_desc FROM sys.stats WHERE object_id = OBJECT_ID('dbo.cat22') ORDER BY stats_id
-- expect: name | auto_drop | has_persisted_sample | stats_generation_method_desc
-- pk_cat22 | 0 | 0 | Sort based statistics
-- st_doc | 0 | 0 | Sort based statistics
-- st_drop | 1 | 0 | Sort based statistics
GO
DROP TABLE dbo.cat22
GO

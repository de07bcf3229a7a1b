-- INFORMATION_SCHEMA.COLUMNS lists views' columns beside tables' (named
-- by the view's column list when it has one, typed and nullable as its
-- query's result), and a column of an alias type shows its base type in
-- DATA_TYPE and the alias in DOMAIN_CATALOG/SCHEMA/NAME, for a table's
-- column and for a view's plain reference to it.
CREATE TYPE dbo.Phone FROM varchar(20) NOT NULL
GO
CREATE TABLE dbo.Contact (Id int NOT NULL PRIMARY KEY, Name nvarchar(40) NULL, Tel dbo.Phone, Paid decimal(9,2) NULL)
GO
CREATE VIEW dbo.ContactTel AS SELECT Id, Tel FROM dbo.Contact
GO
CREATE VIEW dbo.ContactSummary (ContactId, Label, Doubled) AS SELECT Id, UPPER(Name), Paid * 2 FROM dbo.Contact
GO
SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH,
    DOMAIN_CATALOG = CASE WHEN DOMAIN_CATALOG = DB_NAME() THEN 'this db' END, DOMAIN_SCHEMA, DOMAIN_NAME
FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME LIKE N'Contact%' ORDER BY TABLE_NAME, ORDINAL_POSITION
-- expect: TABLE_NAME | COLUMN_NAME | ORDINAL_POSITION | DATA_TYPE | IS_NULLABLE | CHARACTER_MAXIMUM_LENGTH | DOMAIN_CATALOG | DOMAIN_SCHEMA | DOMAIN_NAME
-- Contact | Id | 1 | int | NO | NULL | NULL | NULL | NULL
-- Contact | Name | 2 | nvarchar | YES | 40 | NULL | NULL | NULL
-- Contact | Tel | 3 | varchar | NO | 20 | this db | dbo | Phone
-- Contact | Paid | 4 | decimal | YES | NULL | NULL | NULL | NULL
-- ContactSummary | ContactId | 1 | int | NO | NULL | NULL | NULL | NULL
-- ContactSummary | Label | 2 | nvarchar | YES | 40 | NULL | NULL | NULL
-- ContactSummary | Doubled | 3 | decimal | YES | NULL | NULL | NULL | NULL
-- ContactTel | Id | 1 | int | NO | NULL | NULL | NULL | NULL
-- ContactTel | Tel | 2 | varchar | NO | 20 | this db | dbo | Phone
GO
-- A view's decimal column has its expression's precision and scale: decimal(9,2) * int is decimal(20,2).
SELECT NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = N'ContactSummary' AND COLUMN_NAME = N'Doubled'
-- expect: NUMERIC_PRECISION | NUMERIC_SCALE
-- 20 | 2
GO
-- sys.columns lists a view's columns too, with SQL Server 2022's columns.
SELECT c.name, c.column_id, TYPE_NAME(c.user_type_id) AS type_name, c.is_nullable, c.is_ansi_padded, c.is_rowguidcol,
    c.is_sparse, c.is_column_set, c.xml_collection_id, c.is_masked, c.graph_type, c.is_data_deletion_filter_column, c.ledger_view_column_type
FROM sys.columns AS c WHERE c.object_id = OBJECT_ID(N'dbo.ContactTel') ORDER BY c.column_id
-- expect: name | column_id | type_name | is_nullable | is_ansi_padded | is_rowguidcol | is_sparse | is_column_set | xml_collection_id | is_masked | graph_type | is_data_deletion_filter_column | ledger_view_column_type
-- Id | 1 | int | 0 | 0 | 0 | 0 | 0 | 0 | 0 | NULL | 0 | NULL
-- Tel | 2 | Phone | 0 | 1 | 0 | 0 | 0 | 0 | 0 | NULL | 0 | NULL
GO
SELECT COUNT(*) AS n, MAX(CASE WHEN column_ordinal = 11 THEN name END) AS eleventh, MAX(CASE WHEN column_ordinal = 40 THEN name END) AS last_name
FROM sys.dm_exec_describe_first_result_set(N'SELECT * FROM sys.columns', NULL, 0)
-- expect: n | eleventh | last_name
-- 40 | is_ansi_padded | is_dropped_ledger_column
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO

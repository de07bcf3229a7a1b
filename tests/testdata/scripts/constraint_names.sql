-- Names of unnamed constraints have SQL Server's shapes, which DBA scripts
-- match with LIKE: PK/UQ__<8 characters of the table>__<16 hex digits>,
-- DF/FK/column CHECK__<9 of the table>__<column, up to 14 characters with
-- the table part>__<8 hex digits>, a table-level CHECK without the column
-- part; is_system_named says which names the server made.
CREATE TABLE dbo.CustomerGroups (
    id int PRIMARY KEY,
    code int UNIQUE,
    c int CHECK (c > 0),
    LastName nvarchar(10) DEFAULT N'x',
    parent int REFERENCES dbo.CustomerGroups (id),
    CHECK (c > code),
    CONSTRAINT named_ck CHECK (code < 1000));
GO
SELECT RTRIM(type) AS type,
       CASE WHEN name LIKE 'PK[_][_]Customer[_][_]' + REPLICATE('[0-9A-F]', 16) THEN 'key'
            WHEN name LIKE 'UQ[_][_]Customer[_][_]' + REPLICATE('[0-9A-F]', 16) THEN 'key'
            WHEN name LIKE 'CK[_][_]CustomerG[_][_]c[_][_]' + REPLICATE('[0-9A-F]', 8) THEN 'column check'
            WHEN name LIKE 'CK[_][_]CustomerG[_][_]' + REPLICATE('[0-9A-F]', 8) THEN 'table check'
            WHEN name LIKE 'DF[_][_]CustomerG[_][_]LastN[_][_]' + REPLICATE('[0-9A-F]', 8) THEN 'default'
            WHEN name LIKE 'FK[_][_]CustomerG[_][_]paren[_][_]' + REPLICATE('[0-9A-F]', 8) THEN 'foreign key'
            ELSE name END AS shape
FROM sys.objects
WHERE parent_object_id = OBJECT_ID('dbo.CustomerGroups')
ORDER BY type, shape;
-- expect: type | shape
-- C | column check
-- C | named_ck
-- C | table check
-- D | default
-- F | foreign key
-- PK | key
-- UQ | key
GO
SELECT name, is_system_named FROM sys.check_constraints
WHERE parent_object_id = OBJECT_ID('dbo.CustomerGroups') AND name = 'named_ck';
-- expect: name | is_system_named
-- named_ck | 0
GO
SELECT RTRIM(type) AS type, is_system_named FROM sys.key_constraints
WHERE parent_object_id = OBJECT_ID('dbo.CustomerGroups') ORDER BY type;
-- expect: type | is_system_named
-- PK | 1
-- UQ | 1
GO
-- A short table name leaves the column more of the 14 characters.
CREATE TABLE dbo.MyTable (id int, LastName nvarchar(10) DEFAULT N'Levy');
ALTER TABLE dbo.MyTable ADD FirstName nvarchar(10) NULL DEFAULT N'Andy';
GO
SELECT c.name AS col,
       CASE WHEN d.name LIKE 'DF[_][_]MyTable[_][_]' + LEFT(c.name, 7) + '[_][_]' + REPLICATE('[0-9A-F]', 8)
            THEN 'ok' ELSE d.name END AS shape,
       d.is_system_named
FROM sys.default_constraints AS d
JOIN sys.columns AS c ON c.object_id = d.parent_object_id AND c.column_id = d.parent_column_id
WHERE d.parent_object_id = OBJECT_ID('dbo.MyTable') ORDER BY c.name;
-- expect: col | shape | is_system_named
-- FirstName | ok | 1
-- LastName | ok | 1
GO
-- The names are unique in the database: two tables with the same first
-- eight characters get different key names.
CREATE TABLE dbo.OrderLinesA (id int PRIMARY KEY);
CREATE TABLE dbo.OrderLinesB (id int PRIMARY KEY);
SELECT COUNT(DISTINCT name) AS n FROM sys.key_constraints WHERE name LIKE 'PK[_][_]OrderLin[_][_]%';
-- expect: n
-- 2
GO

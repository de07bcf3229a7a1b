-- GORM (gorm.io/driver/sqlserver): the introspection its migrator sends on
-- AutoMigrate, HasColumn, HasIndex and ColumnTypes, and the MERGE of its upserts.
CREATE TABLE "customers" ("id" bigint IDENTITY(1,1),"created_at" datetimeoffset,"name" nvarchar(100) NOT NULL,"email" nvarchar(200),
  "balance" decimal(12,2),"score" float,"ratio" real,"active" bit,"code" char(4),"notes" nvarchar(MAX),"blob" varbinary(MAX),
  "born" date,"at" datetime,"t" time(3),"ref" uniqueidentifier,"legacy" text,"doc" xml,PRIMARY KEY ("id"))
CREATE UNIQUE INDEX "idx_customers_email" ON "customers"("email")
GO
SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_PRECISION_RADIX, NUMERIC_SCALE,
  DATETIME_PRECISION, CHARACTER_SET_NAME, COLLATION_NAME, DOMAIN_NAME
FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'customers' ORDER BY ORDINAL_POSITION
-- expect: COLUMN_NAME | DATA_TYPE | CHARACTER_MAXIMUM_LENGTH | CHARACTER_OCTET_LENGTH | NUMERIC_PRECISION | NUMERIC_PRECISION_RADIX | NUMERIC_SCALE | DATETIME_PRECISION | CHARACTER_SET_NAME | COLLATION_NAME | DOMAIN_NAME
-- id | bigint | NULL | NULL | 19 | 10 | 0 | NULL | NULL | NULL | NULL
-- created_at | datetimeoffset | NULL | NULL | NULL | NULL | NULL | 7 | NULL | NULL | NULL
-- name | nvarchar | 100 | 200 | NULL | NULL | NULL | NULL | UNICODE | SQL_Latin1_General_CP1_CI_AS | NULL
-- email | nvarchar | 200 | 400 | NULL | NULL | NULL | NULL | UNICODE | SQL_Latin1_General_CP1_CI_AS | NULL
-- balance | decimal | NULL | NULL | 12 | 10 | 2 | NULL | NULL | NULL | NULL
-- score | float | NULL | NULL | 53 | 2 | NULL | NULL | NULL | NULL | NULL
-- ratio | real | NULL | NULL | 24 | 2 | NULL | NULL | NULL | NULL | NULL
-- active | bit | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL
-- code | char | 4 | 4 | NULL | NULL | NULL | NULL | iso_1 | SQL_Latin1_General_CP1_CI_AS | NULL
-- notes | nvarchar | -1 | -1 | NULL | NULL | NULL | NULL | UNICODE | SQL_Latin1_General_CP1_CI_AS | NULL
-- blob | varbinary | -1 | -1 | NULL | NULL | NULL | NULL | NULL | NULL | NULL
-- born | date | NULL | NULL | NULL | NULL | NULL | 0 | NULL | NULL | NULL
-- at | datetime | NULL | NULL | NULL | NULL | NULL | 3 | NULL | NULL | NULL
-- t | time | NULL | NULL | NULL | NULL | NULL | 3 | NULL | NULL | NULL
-- ref | uniqueidentifier | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL
-- legacy | text | 2147483647 | 2147483647 | NULL | NULL | NULL | NULL | iso_1 | SQL_Latin1_General_CP1_CI_AS | NULL
-- doc | xml | -1 | -1 | NULL | NULL | NULL | NULL | NULL | NULL | NULL
GO
-- Migrator.ColumnTypes
SELECT COLUMN_NAME, DATA_TYPE, COLUMN_DEFAULT, c.IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_PRECISION_RADIX, NUMERIC_SCALE, DATETIME_PRECISION, AUTO_INCREMENT = c2.is_identity
FROM INFORMATION_SCHEMA.COLUMNS c
LEFT JOIN sys.tables t ON c.TABLE_NAME = t.[name]
LEFT JOIN sys.columns c2 ON t.object_id = c2.object_id AND c2.[name] = c.COLUMN_NAME
WHERE TABLE_CATALOG = DB_NAME() AND TABLE_NAME = 'customers' AND COLUMN_NAME IN ('id', 'name', 'balance')
-- expect: COLUMN_NAME | DATA_TYPE | COLUMN_DEFAULT | IS_NULLABLE | CHARACTER_MAXIMUM_LENGTH | NUMERIC_PRECISION | NUMERIC_PRECISION_RADIX | NUMERIC_SCALE | DATETIME_PRECISION | AUTO_INCREMENT
-- id | bigint | NULL | NO | NULL | 19 | 10 | 0 | NULL | 1
-- name | nvarchar | NULL | NO | 100 | NULL | NULL | NULL | NULL | 0
-- balance | decimal | NULL | YES | NULL | 12 | 10 | 2 | NULL | 0
GO
SELECT c.COLUMN_NAME, t.CONSTRAINT_TYPE FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t JOIN INFORMATION_SCHEMA.CONSTRAINT_COLUMN_USAGE c ON c.CONSTRAINT_NAME=t.CONSTRAINT_NAME WHERE t.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE') AND c.TABLE_CATALOG = DB_NAME() AND c.TABLE_NAME = 'customers'
-- expect: COLUMN_NAME | CONSTRAINT_TYPE
-- id | PRIMARY KEY
GO
-- Migrator.HasColumn, HasIndex, HasTable
SELECT count(*) FROM INFORMATION_SCHEMA.columns WHERE table_catalog = DB_NAME() AND table_name = 'customers' AND column_name = 'email'
-- expect: -
-- 1
GO
SELECT count(*) FROM sys.indexes WHERE name='idx_customers_email' AND object_id=OBJECT_ID('customers')
-- expect: -
-- 1
GO
SELECT count(*) FROM INFORMATION_SCHEMA.tables WHERE table_name = 'customers' AND table_catalog = DB_NAME() AND table_type = 'BASE TABLE'
-- expect: -
-- 1
GO
-- An upsert: MERGE on the key with OUTPUT of the identity.
INSERT INTO "customers" ("name","email") VALUES ('a','a@x')
MERGE INTO "customers" USING (VALUES(1,'a2','a@x'),(50,'b','b@x')) AS excluded ("id","name","email") ON "customers"."id" = "excluded"."id"
WHEN MATCHED THEN UPDATE SET "name"="excluded"."name" WHEN NOT MATCHED THEN INSERT ("name","email") VALUES ("excluded"."name","excluded"."email") OUTPUT INSERTED."id";
-- expect: id
-- 1
-- 2
GO
SELECT "id", "name" FROM "customers" ORDER BY "id" OFFSET 1 ROWS FETCH NEXT 10 ROWS ONLY
-- expect: id | name
-- 2 | b
GO
-- bun's bulk UPDATE … FROM (VALUES …) mixes integer and decimal literals in a column:
-- the column is decimal(p,s) with p = max(s1,s2) + max(p1-s1, p2-s2).
SELECT x FROM (VALUES (9.5), (20), (5.25), (12.5)) AS t (x)
-- expect: x
-- 9.50
-- 20.00
-- 5.25
-- 12.50
GO
SELECT 12.5 AS a UNION ALL SELECT 1.25 UNION ALL SELECT CAST(123456 AS int)
-- expect: a
-- 12.50
-- 1.25
-- 123456.00
GO

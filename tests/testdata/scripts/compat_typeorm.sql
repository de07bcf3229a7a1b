-- What TypeORM's mssql driver reads to diff its entities against the
-- database (tests/clients/node/typeorm.js): every column a PRIMARY KEY,
-- UNIQUE, CHECK or FOREIGN KEY constraint uses, from
-- INFORMATION_SCHEMA.CONSTRAINT_COLUMN_USAGE joined to TABLE_CONSTRAINTS.
CREATE TABLE dbo.customer (id INT NOT NULL CONSTRAINT PK_customer PRIMARY KEY, email NVARCHAR(200) NULL CONSTRAINT UQ_customer_email UNIQUE)
CREATE TABLE dbo.orders (id INT NOT NULL, line INT NOT NULL, customerId INT NULL, qty INT NOT NULL, price INT NOT NULL,
  CONSTRAINT PK_orders PRIMARY KEY (id, line),
  CONSTRAINT CHK_orders_qty CHECK (qty > 0 AND qty < price),
  CONSTRAINT FK_orders_customer FOREIGN KEY (customerId) REFERENCES dbo.customer (id) ON DELETE CASCADE)
GO
SELECT "columnUsages"."TABLE_NAME", "columnUsages"."COLUMN_NAME", "columnUsages"."CONSTRAINT_NAME", "tableConstraints"."CONSTRAINT_TYPE",
  CASE WHEN "columnUsages"."TABLE_CATALOG" = DB_NAME() AND "columnUsages"."CONSTRAINT_CATALOG" = DB_NAME() THEN 1 ELSE 0 END AS same_db
FROM "INFORMATION_SCHEMA"."CONSTRAINT_COLUMN_USAGE" "columnUsages"
INNER JOIN "INFORMATION_SCHEMA"."TABLE_CONSTRAINTS" "tableConstraints"
  ON "tableConstraints"."CONSTRAINT_NAME" = "columnUsages"."CONSTRAINT_NAME" AND "tableConstraints"."TABLE_SCHEMA" = "columnUsages"."TABLE_SCHEMA"
  AND "tableConstraints"."TABLE_NAME" = "columnUsages"."TABLE_NAME"
WHERE "columnUsages"."TABLE_SCHEMA" = 'dbo'
ORDER BY 1, 3, 2
-- expect: TABLE_NAME | COLUMN_NAME | CONSTRAINT_NAME | CONSTRAINT_TYPE | same_db
-- customer | id | PK_customer | PRIMARY KEY | 1
-- customer | email | UQ_customer_email | UNIQUE | 1
-- orders | price | CHK_orders_qty | CHECK | 1
-- orders | qty | CHK_orders_qty | CHECK | 1
-- orders | customerId | FK_orders_customer | FOREIGN KEY | 1
-- orders | id | PK_orders | PRIMARY KEY | 1
-- orders | line | PK_orders | PRIMARY KEY | 1
GO

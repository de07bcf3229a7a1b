-- Cascading referential actions fire the AFTER triggers of the tables they
-- change: once per table and event, with the cascaded rows in deleted and
-- inserted, the deepest table of a chain first and the statement's own
-- target last (SQL Server's "Triggers and cascading referential actions").
CREATE TABLE dbo.Customers (id int PRIMARY KEY, name varchar(20))
CREATE TABLE dbo.Orders (id int PRIMARY KEY, cust int NULL REFERENCES dbo.Customers (id) ON DELETE CASCADE ON UPDATE CASCADE)
CREATE TABLE dbo.Lines (id int PRIMARY KEY, ord int REFERENCES dbo.Orders (id) ON DELETE CASCADE)
CREATE TABLE dbo.Notes (id int PRIMARY KEY, cust int NULL DEFAULT 4 REFERENCES dbo.Customers (id) ON DELETE SET NULL ON UPDATE SET DEFAULT)
CREATE TABLE dbo.Log (seq int IDENTITY, msg varchar(60))
GO
CREATE TRIGGER dbo.trg_cust_del ON dbo.Customers AFTER DELETE AS
  INSERT dbo.Log (msg) SELECT CONCAT('Customers del ', COUNT(*)) FROM deleted
GO
CREATE TRIGGER dbo.trg_cust_upd ON dbo.Customers AFTER UPDATE AS
  INSERT dbo.Log (msg) SELECT CONCAT('Customers upd ', COUNT(*)) FROM inserted
GO
CREATE TRIGGER dbo.trg_orders_del ON dbo.Orders AFTER DELETE AS
  INSERT dbo.Log (msg) SELECT CONCAT('Orders del ', STRING_AGG(CAST(id AS varchar(10)), ',') WITHIN GROUP (ORDER BY id)) FROM deleted
GO
CREATE TRIGGER dbo.trg_orders_upd ON dbo.Orders AFTER UPDATE AS
  INSERT dbo.Log (msg) SELECT CONCAT('Orders upd ', d.cust, '>', i.cust, ' cust set ', IIF(UPDATE(cust), 1, 0), ' id set ', IIF(UPDATE(id), 1, 0))
  FROM inserted i JOIN deleted d ON d.id = i.id
GO
CREATE TRIGGER dbo.trg_lines_del ON dbo.Lines AFTER DELETE AS
  INSERT dbo.Log (msg) SELECT CONCAT('Lines del ', COUNT(*), ' rowcount ', @@ROWCOUNT) FROM deleted
GO
CREATE TRIGGER dbo.trg_notes_upd ON dbo.Notes AFTER UPDATE AS
  INSERT dbo.Log (msg) SELECT CONCAT('Notes upd ', COUNT(*), ' to ', MAX(ISNULL(cust, 0))) FROM inserted
GO
INSERT dbo.Customers VALUES (1, 'a'), (2, 'b'), (3, 'c')
INSERT dbo.Orders VALUES (10, 1), (11, 1), (20, 2)
INSERT dbo.Lines VALUES (100, 10), (101, 10), (102, 11), (200, 20)
INSERT dbo.Notes VALUES (1000, 1), (1001, 1), (1002, 3)
GO
-- One DELETE of a customer: Orders and Lines cascade, Notes is set NULL.
-- Chains fire deepest first, each chain whole, the target's trigger last.
DELETE dbo.Customers WHERE id = 1
SELECT msg FROM dbo.Log ORDER BY seq
-- expect: msg
-- Notes upd 2 to 0
-- Lines del 3 rowcount 3
-- Orders del 10,11
-- Customers del 1
GO
SELECT (SELECT COUNT(*) FROM dbo.Orders) AS orders, (SELECT COUNT(*) FROM dbo.Lines) AS lines, (SELECT COUNT(*) FROM dbo.Notes WHERE cust IS NULL) AS nulled
-- expect: orders | lines | nulled
-- 1 | 1 | 2
GO
-- ON UPDATE CASCADE fires the child's AFTER UPDATE with UPDATE(cust) true;
-- ON UPDATE SET DEFAULT on Notes: customer 3's note gets the default 4.
TRUNCATE TABLE dbo.Log
UPDATE dbo.Customers SET id = 4 WHERE id = 2
UPDATE dbo.Customers SET id = 5 WHERE id = 3
SELECT msg FROM dbo.Log ORDER BY seq
-- expect: msg
-- Orders upd 2>4 cust set 1 id set 0
-- Customers upd 1
-- Notes upd 1 to 4
-- Customers upd 1
GO
-- A statement whose cascades touch no row fires only its own target's
-- trigger (which fires even for no row).
TRUNCATE TABLE dbo.Log
DELETE dbo.Customers WHERE id = 99
SELECT msg FROM dbo.Log ORDER BY seq
-- expect: msg
-- Customers del 0
GO
-- An error in a cascaded table's trigger fails the statement and undoes
-- the cascade with it.
CREATE TRIGGER dbo.trg_lines_refuse ON dbo.Lines AFTER DELETE AS
  THROW 50001, 'lines are kept', 1
GO
DELETE dbo.Customers WHERE id = 4
-- error: 50001 lines are kept
GO
SELECT (SELECT COUNT(*) FROM dbo.Customers WHERE id = 4) AS cust, (SELECT COUNT(*) FROM dbo.Orders WHERE cust = 4) AS orders, (SELECT COUNT(*) FROM dbo.Lines) AS lines
-- expect: cust | orders | lines
-- 1 | 1 | 1
GO
-- A cascading key cannot point into INSTEAD OF DELETE/UPDATE triggers.
CREATE TABLE dbo.Parts (id int PRIMARY KEY, ord int)
GO
CREATE TRIGGER dbo.trg_parts_io ON dbo.Parts INSTEAD OF DELETE AS
  SELECT 1 AS x
GO
ALTER TABLE dbo.Parts ADD CONSTRAINT FK_Parts_Orders FOREIGN KEY (ord) REFERENCES dbo.Orders (id) ON DELETE CASCADE
-- error: 1787 Cannot define foreign key constraint 'FK_Parts_Orders' with cascaded DELETE or UPDATE on table 'Parts' because the table has an INSTEAD OF DELETE or UPDATE TRIGGER defined on it.
GO
-- A key that does not cascade is fine.
ALTER TABLE dbo.Parts ADD CONSTRAINT FK_Parts_Orders FOREIGN KEY (ord) REFERENCES dbo.Orders (id)
GO
CREATE TRIGGER dbo.trg_lines_io ON dbo.Lines INSTEAD OF DELETE AS
  SELECT 1 AS x
-- error: 2113 Cannot create INSTEAD OF DELETE or INSTEAD OF UPDATE TRIGGER 'trg_lines_io' on table 'Lines'. This is because the table has a FOREIGN KEY with cascading DELETE or UPDATE.
GO
-- Lines' key does not cascade updates: INSTEAD OF UPDATE is allowed.
CREATE TRIGGER dbo.trg_lines_io ON dbo.Lines INSTEAD OF UPDATE AS
  SELECT 1 AS x
GO

-- Modifying data through views over joins (CREATE VIEW's "Updatable
-- Views", "Modify data through a view"): a statement may change the
-- columns of one base table; DELETE, or columns of two tables, is 4405; a
-- computed column is 4406; aggregates, DISTINCT and GROUP BY are 4403.
CREATE TABLE dbo.Customer (CustID int PRIMARY KEY, CustName varchar(20) NOT NULL, Region varchar(10) NULL)
CREATE TABLE dbo.Orders (OrderID int PRIMARY KEY, CustID int NOT NULL, Qty int NOT NULL, Note varchar(20) NULL)
INSERT dbo.Customer VALUES (1, 'Ann', 'East'), (2, 'Bob', 'West'), (3, 'Cid', 'East')
INSERT dbo.Orders VALUES (10, 1, 5, NULL), (11, 1, 7, NULL), (12, 2, 1, NULL)
GO
CREATE VIEW dbo.OrderInfo AS
SELECT o.OrderID, o.Qty, o.Note, c.CustID, c.CustName, c.Region, o.Qty * 2 AS Twice
FROM dbo.Orders AS o INNER JOIN dbo.Customer AS c ON c.CustID = o.CustID
GO
-- A customer shown by two orders is updated once.
UPDATE dbo.OrderInfo SET CustName = CustName + '!' WHERE CustID = 1
SELECT @@ROWCOUNT AS n
SELECT CustID, CustName FROM dbo.Customer ORDER BY CustID
-- expect: n
-- 1
-- expect: CustID | CustName
-- 1 | Ann!
-- 2 | Bob
-- 3 | Cid
GO
-- The WHERE may read the other table's columns; only the view's rows change
-- (Cid has no order, so is not in the view).
UPDATE dbo.OrderInfo SET Qty = Qty + 100 WHERE Region = 'East'
UPDATE dbo.OrderInfo SET Region = 'North' WHERE Region = 'East'
SELECT OrderID, Qty FROM dbo.Orders ORDER BY OrderID
SELECT CustID, Region FROM dbo.Customer ORDER BY CustID
-- expect: OrderID | Qty
-- 10 | 105
-- 11 | 107
-- 12 | 1
-- expect: CustID | Region
-- 1 | North
-- 2 | West
-- 3 | East
GO
-- Qualified with the view's name; OUTPUT reads the base table's rows.
UPDATE dbo.OrderInfo SET Note = 'big' OUTPUT deleted.Note AS old_note, inserted.Note AS new_note, inserted.OrderID WHERE dbo.OrderInfo.Qty > 100
-- expect: old_note | new_note | OrderID
-- NULL | big | 10
-- NULL | big | 11
GO
UPDATE dbo.OrderInfo SET CustName = 'x', Qty = 0 WHERE OrderID = 12
-- error: 4405 View or function 'dbo.OrderInfo' is not updatable because the modification affects multiple base tables.
GO
UPDATE dbo.OrderInfo SET Twice = 4 WHERE OrderID = 12
-- error: 4406 Update or insert of view or function 'dbo.OrderInfo' failed because it contains a derived or constant field.
GO
DELETE dbo.OrderInfo WHERE OrderID = 12
-- error: 4405 View or function 'dbo.OrderInfo' is not updatable because the modification affects multiple base tables.
GO
-- INSERT: the column list names one table's columns.
INSERT dbo.OrderInfo (OrderID, CustID) VALUES (13, 3)
-- error: 4405 View or function 'dbo.OrderInfo' is not updatable because the modification affects multiple base tables.
GO
INSERT dbo.OrderInfo (CustName) VALUES ('Dee')
-- error: 515
-- message: The statement has been terminated.
GO
INSERT dbo.OrderInfo (OrderID, Qty, Note) VALUES (13, 3, 'new')
-- error: 515
-- message: The statement has been terminated.
GO
CREATE VIEW dbo.OrderCust AS
SELECT o.OrderID, o.CustID AS OrderCust, o.Qty, c.CustName
FROM dbo.Orders o JOIN dbo.Customer c ON c.CustID = o.CustID
GO
INSERT dbo.OrderCust (OrderID, OrderCust, Qty) VALUES (13, 3, 9)
SELECT OrderID, CustID, Qty FROM dbo.Orders WHERE OrderID = 13
SELECT OrderID, CustName FROM dbo.OrderCust WHERE OrderID = 13
-- expect: OrderID | CustID | Qty
-- 13 | 3 | 9
-- expect: OrderID | CustName
-- 13 | Cid
GO
INSERT dbo.OrderCust VALUES (14, 3, 1, 'Cid')
-- error: 4405 View or function 'dbo.OrderCust' is not updatable because the modification affects multiple base tables.
GO
-- The base table's triggers fire.
CREATE TABLE dbo.Audit (msg varchar(60))
GO
CREATE TRIGGER dbo.Customer_upd ON dbo.Customer AFTER UPDATE AS
INSERT dbo.Audit SELECT 'cust ' + CAST(i.CustID AS varchar(10)) + ' ' + d.CustName + '->' + i.CustName FROM inserted i JOIN deleted d ON d.CustID = i.CustID
GO
UPDATE dbo.OrderInfo SET CustName = 'Bobby' WHERE OrderID = 12
SELECT msg FROM dbo.Audit
-- expect: msg
-- cust 2 Bob->Bobby
GO
-- A CTE over a join is updatable the same way.
WITH oc AS (SELECT o.OrderID, o.Qty, c.CustName FROM dbo.Orders o JOIN dbo.Customer c ON c.CustID = o.CustID)
UPDATE oc SET Qty = 0 WHERE CustName = 'Bobby'
SELECT OrderID, Qty FROM dbo.Orders WHERE OrderID = 12
-- expect: OrderID | Qty
-- 12 | 0
GO
-- WITH CHECK OPTION: a row may not leave the view (550), whichever table's
-- column the view's WHERE reads; nothing is written.
CREATE VIEW dbo.EastOrders AS
SELECT o.OrderID, o.Qty, c.Region, c.CustName
FROM dbo.Orders o JOIN dbo.Customer c ON c.CustID = o.CustID
WHERE c.Region = 'East' AND o.Qty < 50
WITH CHECK OPTION
GO
UPDATE dbo.Customer SET Region = 'East' WHERE CustID IN (2, 3)
GO
SELECT OrderID, Qty, Region FROM dbo.EastOrders ORDER BY OrderID
-- expect: OrderID | Qty | Region
-- 12 | 0 | East
-- 13 | 9 | East
GO
UPDATE dbo.EastOrders SET Region = 'West' WHERE OrderID = 13
-- error: 550 The attempted insert or update failed because the target view either specifies WITH CHECK OPTION or spans a view that specifies WITH CHECK OPTION and one or more rows resulting from the operation did not qualify under the CHECK OPTION constraint.
-- message: The statement has been terminated.
GO
UPDATE dbo.EastOrders SET Qty = Qty + 45
-- error: 550
-- message: The statement has been terminated.
GO
UPDATE dbo.EastOrders SET Qty = Qty + 40
UPDATE dbo.EastOrders SET CustName = 'Cy' WHERE OrderID = 13
SELECT OrderID, Qty, Region, CustName FROM dbo.EastOrders ORDER BY OrderID
-- expect: OrderID | Qty | Region | CustName
-- 12 | 40 | East | Bobby
-- 13 | 49 | East | Cy
GO
-- An INSTEAD OF trigger on the view takes the statement first.
CREATE TRIGGER dbo.OrderInfo_del ON dbo.OrderInfo INSTEAD OF DELETE AS
DELETE dbo.Orders WHERE OrderID IN (SELECT OrderID FROM deleted)
GO
DELETE dbo.OrderInfo WHERE OrderID = 13
SELECT COUNT(*) AS n FROM dbo.Orders WHERE OrderID = 13
-- expect: n
-- 0
GO
-- Aggregates, DISTINCT and GROUP BY: 4403; a CTE is a derived table (4418).
CREATE VIEW dbo.CustTotals AS SELECT CustID, SUM(Qty) AS Total FROM dbo.Orders GROUP BY CustID
GO
CREATE VIEW dbo.Regions AS SELECT DISTINCT Region FROM dbo.Customer
GO
CREATE VIEW dbo.OrderCount AS SELECT COUNT(*) AS n FROM dbo.Orders
GO
UPDATE dbo.CustTotals SET CustID = 5 WHERE CustID = 1
-- error: 4403 Cannot update the view or function 'dbo.CustTotals' because it contains aggregates, or a DISTINCT or GROUP BY clause, or PIVOT or UNPIVOT operator.
GO
DELETE dbo.CustTotals WHERE CustID = 1
-- error: 4403 Cannot update the view or function 'dbo.CustTotals' because it contains aggregates, or a DISTINCT or GROUP BY clause, or PIVOT or UNPIVOT operator.
GO
INSERT dbo.Regions VALUES ('South')
-- error: 4403 Cannot update the view or function 'dbo.Regions' because it contains aggregates, or a DISTINCT or GROUP BY clause, or PIVOT or UNPIVOT operator.
GO
DELETE dbo.OrderCount
-- error: 4403 Cannot update the view or function 'dbo.OrderCount' because it contains aggregates, or a DISTINCT or GROUP BY clause, or PIVOT or UNPIVOT operator.
GO
WITH t AS (SELECT CustID, MAX(Qty) AS m FROM dbo.Orders GROUP BY CustID)
DELETE FROM t WHERE CustID = 1
-- error: 4418 Derived table 't' is not updatable because it contains aggregates, or a DISTINCT or GROUP BY clause, or PIVOT or UNPIVOT operator.
GO
-- UNION, EXCEPT: not updatable.
CREATE VIEW dbo.AllNames AS SELECT CustName AS n FROM dbo.Customer UNION SELECT Note FROM dbo.Orders
GO
UPDATE dbo.AllNames SET n = 'z'
-- error: 4426 View 'dbo.AllNames' is not updatable because the definition contains a UNION operator.
GO
CREATE VIEW dbo.NoOrders AS SELECT CustID FROM dbo.Customer EXCEPT SELECT CustID FROM dbo.Orders
GO
DELETE dbo.NoOrders
-- error: 4447 View 'dbo.NoOrders' is not updatable because the definition contains a set operator.
GO
-- Partitioned views: a UNION ALL of member tables whose CHECK constraints
-- on a primary key column keep them apart. INSERT routes each row to its
-- member; UPDATE and DELETE reach every member; an UPDATE of the
-- partitioning column moves the row.
CREATE TABLE dbo.Sales2023 (yr int NOT NULL CHECK (yr = 2023), id int NOT NULL, amount int NOT NULL, PRIMARY KEY (yr, id))
CREATE TABLE dbo.Sales2024 (yr int NOT NULL CHECK (yr = 2024), id int NOT NULL, amount int NOT NULL, PRIMARY KEY (yr, id))
GO
CREATE VIEW dbo.AllSales AS
SELECT yr, id, amount FROM dbo.Sales2023
UNION ALL
SELECT yr, id, amount FROM dbo.Sales2024
GO
INSERT dbo.AllSales VALUES (2023, 1, 10), (2024, 1, 20), (2024, 2, 30)
SELECT @@ROWCOUNT AS n
SELECT (SELECT COUNT(*) FROM dbo.Sales2023) AS s2023, (SELECT COUNT(*) FROM dbo.Sales2024) AS s2024
-- expect: n
-- 3
-- expect: s2023 | s2024
-- 1 | 2
GO
INSERT dbo.AllSales (amount, id, yr) SELECT 5, 9, 2023
SELECT yr, id, amount FROM dbo.Sales2023 ORDER BY id
-- expect: yr | id | amount
-- 2023 | 1 | 10
-- 2023 | 9 | 5
GO
INSERT dbo.AllSales VALUES (2023, 2, 1), (2025, 1, 1)
-- error: 4457 The attempted insert or update of the partitioned view failed because the value of the partitioning column does not belong to any of the partitions.
GO
SELECT COUNT(*) AS n FROM dbo.AllSales
-- expect: n
-- 4
GO
INSERT dbo.AllSales (yr, id) VALUES (2023, 3)
-- error: 4448
GO
INSERT dbo.AllSales VALUES (2023, 3, DEFAULT)
-- error: 4449 Using defaults is not allowed in views that contain a set operator.
GO
UPDATE dbo.AllSales SET amount = amount * 2 WHERE id = 1
SELECT @@ROWCOUNT AS n
SELECT yr, id, amount FROM dbo.AllSales ORDER BY yr, id
-- expect: n
-- 2
-- expect: yr | id | amount
-- 2023 | 1 | 20
-- 2023 | 9 | 5
-- 2024 | 1 | 40
-- 2024 | 2 | 30
GO
-- Changing the partitioning column moves the row to the other member.
UPDATE dbo.AllSales SET yr = 2024, amount = amount + 1 WHERE yr = 2023 AND id = 9
SELECT @@ROWCOUNT AS n
SELECT (SELECT COUNT(*) FROM dbo.Sales2023) AS s2023, (SELECT COUNT(*) FROM dbo.Sales2024) AS s2024
SELECT yr, id, amount FROM dbo.Sales2024 WHERE id = 9
-- expect: n
-- 1
-- expect: s2023 | s2024
-- 1 | 3
-- expect: yr | id | amount
-- 2024 | 9 | 6
GO
-- A move to no member fails whole: nothing is deleted.
UPDATE dbo.AllSales SET yr = 2030 WHERE id = 2
-- error: 4457 The attempted insert or update of the partitioned view failed because the value of the partitioning column does not belong to any of the partitions.
GO
SELECT yr, id FROM dbo.AllSales WHERE id = 2
-- expect: yr | id
-- 2024 | 2
GO
DELETE dbo.AllSales WHERE amount > 25
SELECT @@ROWCOUNT AS n
SELECT yr, id, amount FROM dbo.AllSales ORDER BY yr, id
-- expect: n
-- 2
-- expect: yr | id | amount
-- 2023 | 1 | 20
-- 2024 | 9 | 6
GO
UPDATE dbo.AllSales SET amount = 0 OUTPUT inserted.id
-- error: 489 The OUTPUT clause cannot be specified because the target view "AllSales" is a partitioned view.
GO
DELETE TOP (1) dbo.AllSales
-- error: 417 TOP is not allowed in an UPDATE or DELETE statement against a partitioned view.
GO
-- Every SET value is computed from the statement's starting state, as for
-- a table: a subquery over the view sums the values before any member is
-- written (6 everywhere, not 6, 6, 15).
CREATE TABLE dbo.PvA (k int PRIMARY KEY CHECK (k < 10), v int NOT NULL)
CREATE TABLE dbo.PvB (k int PRIMARY KEY CHECK (k >= 10 AND k < 20), v int NOT NULL)
CREATE TABLE dbo.PvC (k int PRIMARY KEY CHECK (k >= 20), v int NOT NULL)
GO
CREATE VIEW dbo.PvAll AS
SELECT k, v FROM dbo.PvA UNION ALL SELECT k, v FROM dbo.PvB UNION ALL SELECT k, v FROM dbo.PvC
GO
INSERT dbo.PvAll VALUES (1, 1), (11, 2), (21, 3)
UPDATE dbo.PvAll SET v = (SELECT SUM(v) FROM dbo.PvAll)
SELECT @@ROWCOUNT AS n
SELECT k, v FROM dbo.PvAll ORDER BY k
-- expect: n
-- 3
-- expect: k | v
-- 1 | 6
-- 11 | 6
-- 21 | 6
GO
UPDATE dbo.PvAll SET v = v + (SELECT MAX(k) FROM dbo.PvAll WHERE v = 6) WHERE k > 5
SELECT k, v FROM dbo.PvAll ORDER BY k
-- expect: k | v
-- 1 | 6
-- 11 | 27
-- 21 | 27
GO
-- Through a view over a join and a view over a view too.
CREATE TABLE dbo.JvA (id int PRIMARY KEY, v int NOT NULL)
CREATE TABLE dbo.JvB (id int PRIMARY KEY, tag varchar(5) NOT NULL)
INSERT dbo.JvA VALUES (1, 1), (2, 2), (3, 3)
INSERT dbo.JvB VALUES (1, 'a'), (2, 'b'), (3, 'c')
GO
CREATE VIEW dbo.JvAB AS SELECT a.id, a.v, b.tag FROM dbo.JvA AS a JOIN dbo.JvB AS b ON b.id = a.id
GO
CREATE VIEW dbo.JvOver AS SELECT id, v FROM dbo.JvA
GO
UPDATE dbo.JvAB SET v = (SELECT SUM(v) FROM dbo.JvAB)
SELECT id, v FROM dbo.JvA ORDER BY id
-- expect: id | v
-- 1 | 6
-- 2 | 6
-- 3 | 6
GO
UPDATE dbo.JvOver SET v = (SELECT SUM(v) FROM dbo.JvOver) OUTPUT deleted.v AS old_v, inserted.v AS new_v WHERE id < 3
SELECT id, v FROM dbo.JvA ORDER BY id
-- expect: old_v | new_v
-- 6 | 18
-- 6 | 18
-- expect: id | v
-- 1 | 18
-- 2 | 18
-- 3 | 6
GO
-- A member's AFTER trigger fires for its rows.
CREATE TABLE dbo.SalesLog (msg varchar(40))
GO
CREATE TRIGGER dbo.Sales2024_ins ON dbo.Sales2024 AFTER INSERT AS
INSERT dbo.SalesLog SELECT 'ins 2024 ' + CAST(COUNT(*) AS varchar(10)) FROM inserted
GO
INSERT dbo.AllSales VALUES (2024, 5, 1), (2023, 5, 1), (2024, 6, 1)
SELECT msg FROM dbo.SalesLog
-- expect: msg
-- ins 2024 2
GO
-- UNION ALL views that are not partitioned views.
CREATE TABLE dbo.P1 (k int PRIMARY KEY, v int)
CREATE TABLE dbo.P2 (k int PRIMARY KEY, v int)
CREATE TABLE dbo.P3 (k int CHECK (k < 10), v int)
CREATE TABLE dbo.P4 (k int CHECK (k >= 10), v int)
CREATE TABLE dbo.P5 (k int PRIMARY KEY CHECK (k < 10), v int, w int)
CREATE TABLE dbo.P6 (k int PRIMARY KEY CHECK (k >= 10), v int, w int)
GO
CREATE VIEW dbo.NoCheck AS SELECT k, v FROM dbo.P1 UNION ALL SELECT k, v FROM dbo.P2
GO
CREATE VIEW dbo.NoKey AS SELECT k, v FROM dbo.P3 UNION ALL SELECT k, v FROM dbo.P4
GO
CREATE VIEW dbo.Twice AS SELECT k, v FROM dbo.P5 UNION ALL SELECT k, v FROM dbo.P5
GO
CREATE VIEW dbo.Partial AS SELECT k, v FROM dbo.P5 UNION ALL SELECT k, v FROM dbo.P6
GO
UPDATE dbo.NoCheck SET v = 1
-- error: 4436
GO
DELETE dbo.NoKey
-- error: 4440
GO
DELETE dbo.Twice
-- error: 4442
GO
UPDATE dbo.Partial SET k = 11 WHERE k = 1
-- error: 4438
GO
-- An UPDATE of the partitioning column deletes and inserts: refused when a
-- member has a DML trigger (4453) or an IDENTITY column (4450); a member's
-- INSTEAD OF trigger refuses the statements it is for (4434).
UPDATE dbo.AllSales SET yr = 2023 WHERE id = 5
-- error: 4453
GO
UPDATE dbo.AllSales SET amount = 7 WHERE id = 5
SELECT @@ROWCOUNT AS n
-- expect: n
-- 2
GO
CREATE TABLE dbo.Q1 (k int PRIMARY KEY CHECK (k < 10), v int, n int IDENTITY)
CREATE TABLE dbo.Q2 (k int PRIMARY KEY CHECK (k >= 10), v int, n int)
GO
CREATE VIEW dbo.QV AS SELECT k, v, n AS num FROM dbo.Q1 UNION ALL SELECT k, v, n FROM dbo.Q2
GO
INSERT dbo.QV VALUES (1, 1, 1)
-- error: 4433
GO
UPDATE dbo.QV SET k = 11 WHERE k = 1
-- error: 4450
GO
UPDATE dbo.QV SET v = 2
SELECT @@ROWCOUNT AS n
-- expect: n
-- 0
GO
CREATE TRIGGER dbo.P6_del ON dbo.P6 INSTEAD OF DELETE AS SELECT 1 AS x
GO
CREATE VIEW dbo.Full56 AS SELECT k, v, w FROM dbo.P5 UNION ALL SELECT k, v, w FROM dbo.P6
GO
DELETE dbo.Full56
-- error: 4434
GO
UPDATE dbo.Full56 SET v = 1
SELECT @@ROWCOUNT AS n
-- expect: n
-- 0
GO
-- INSERT through a view over a join WITH CHECK OPTION: the new row must be
-- one the view shows, joined to the other table's rows.
CREATE VIEW dbo.EastOrderRows AS
SELECT o.OrderID, o.CustID, o.Qty
FROM dbo.Orders o JOIN dbo.Customer c ON c.CustID = o.CustID
WHERE c.Region = 'East'
WITH CHECK OPTION
GO
INSERT dbo.EastOrderRows (OrderID, CustID, Qty) VALUES (20, 1, 1)
-- error: 550 The attempted insert or update failed because the target view either specifies WITH CHECK OPTION or spans a view that specifies WITH CHECK OPTION and one or more rows resulting from the operation did not qualify under the CHECK OPTION constraint.
-- message: The statement has been terminated.
GO
INSERT dbo.EastOrderRows (OrderID, CustID, Qty) VALUES (21, 99, 1)
-- error: 550
-- message: The statement has been terminated.
GO
INSERT dbo.EastOrderRows (OrderID, CustID, Qty) VALUES (22, 2, 1), (23, 3, 4)
SELECT OrderID, CustID, Qty FROM dbo.EastOrderRows WHERE OrderID >= 20 ORDER BY OrderID
-- expect: OrderID | CustID | Qty
-- 22 | 2 | 1
-- 23 | 3 | 4
GO
-- Views over views: the statement goes through every level to the base
-- table; each level's WHERE limits the rows, and a WITH CHECK OPTION
-- checks its view's WHERE and those beneath it.
CREATE TABLE dbo.Emp (id int PRIMARY KEY, dept varchar(10) NOT NULL, salary int NOT NULL)
INSERT dbo.Emp VALUES (1, 'IT', 10), (2, 'IT', 20), (3, 'HR', 30)
GO
CREATE VIEW dbo.ITEmp AS SELECT id, dept, salary AS pay FROM dbo.Emp WHERE dept = 'IT'
GO
CREATE VIEW dbo.ITRich AS SELECT id, pay AS amount, dept FROM dbo.ITEmp WHERE pay > 15
GO
UPDATE dbo.ITRich SET amount = amount + 1
SELECT @@ROWCOUNT AS n
SELECT id, salary FROM dbo.Emp ORDER BY id
-- expect: n
-- 1
-- expect: id | salary
-- 1 | 10
-- 2 | 21
-- 3 | 30
GO
INSERT dbo.ITRich (id, amount, dept) VALUES (4, 50, 'HR')
SELECT id, dept, salary FROM dbo.Emp WHERE id = 4
-- expect: id | dept | salary
-- 4 | HR | 50
GO
DELETE dbo.ITRich WHERE id IN (2, 3)
SELECT id FROM dbo.Emp ORDER BY id
-- expect: id
-- 1
-- 3
-- 4
GO
CREATE VIEW dbo.ITChecked AS SELECT id, pay, dept FROM dbo.ITEmp WITH CHECK OPTION
GO
UPDATE dbo.ITChecked SET dept = 'HR' WHERE id = 1
-- error: 550 The attempted insert or update failed because the target view either specifies WITH CHECK OPTION or spans a view that specifies WITH CHECK OPTION and one or more rows resulting from the operation did not qualify under the CHECK OPTION constraint.
-- message: The statement has been terminated.
GO
INSERT dbo.ITChecked (id, pay, dept) VALUES (6, 1, 'HR')
-- error: 550
-- message: The statement has been terminated.
GO
INSERT dbo.ITChecked (id, pay, dept) VALUES (5, 1, 'IT')
SELECT id, pay FROM dbo.ITEmp ORDER BY id
-- expect: id | pay
-- 1 | 10
-- 5 | 1
GO
CREATE VIEW dbo.ITTotals AS SELECT dept, SUM(pay) AS total FROM dbo.ITEmp GROUP BY dept
GO
CREATE VIEW dbo.OverTotals AS SELECT dept, total FROM dbo.ITTotals
GO
UPDATE dbo.OverTotals SET dept = 'x'
-- error: 4403
GO
-- UPDATE and DELETE with their own FROM, the target a view or a FROM alias
-- of one (was 208): the view's rows only, its columns renamed, OUTPUT
-- through the view's names.
CREATE TABLE dbo.VFItem (id int PRIMARY KEY, price int, cat varchar(10))
CREATE TABLE dbo.VFNew (id int PRIMARY KEY, price int)
INSERT dbo.VFItem VALUES (1, 10, 'toy'), (2, 20, 'toy'), (3, 30, 'book'), (4, 40, 'toy')
INSERT dbo.VFNew VALUES (1, 11), (2, 22), (3, 33)
GO
CREATE VIEW dbo.VFToys AS SELECT id, price AS cost, cat FROM dbo.VFItem WHERE cat = 'toy'
GO
CREATE VIEW dbo.VFToysChecked AS SELECT id, price, cat FROM dbo.VFItem WHERE cat = 'toy' WITH CHECK OPTION
GO
CREATE VIEW dbo.VFToyCosts AS SELECT id AS item, cost, cost * 2 AS dbl FROM dbo.VFToys
GO
UPDATE dbo.VFToys SET cost = n.price
OUTPUT deleted.cost AS was, inserted.cost AS now
FROM dbo.VFToys JOIN dbo.VFNew AS n ON n.id = VFToys.id
-- expect: was | now
-- 10 | 11
-- 20 | 22
GO
SELECT id, price FROM dbo.VFItem ORDER BY id
-- expect: id | price
-- 1 | 11
-- 2 | 22
-- 3 | 30
-- 4 | 40
GO
UPDATE t SET cost = t.cost + n.price
FROM dbo.VFToys AS t JOIN dbo.VFNew AS n ON n.id = t.id WHERE n.price > 20
SELECT id, price FROM dbo.VFItem ORDER BY id
-- expect: id | price
-- 1 | 11
-- 2 | 44
-- 3 | 30
-- 4 | 40
GO
-- A view over a view, joined implicitly (the target is not in FROM).
UPDATE dbo.VFToyCosts SET cost = 7 FROM dbo.VFNew AS n WHERE n.id = VFToyCosts.item
SELECT id, price FROM dbo.VFItem ORDER BY id
-- expect: id | price
-- 1 | 7
-- 2 | 7
-- 3 | 30
-- 4 | 40
GO
UPDATE c SET dbl = 1 FROM dbo.VFToyCosts AS c JOIN dbo.VFNew AS n ON n.id = c.item
-- error: 4406 Update or insert of view or function 'dbo.VFToyCosts' failed because it contains a derived or constant field.
GO
UPDATE c SET cat = 'book' FROM dbo.VFToysChecked AS c JOIN dbo.VFNew AS n ON n.id = c.id
-- error: 550
-- message: The statement has been terminated.
GO
-- The view twice: the target is one reference, the other only read.
UPDATE a SET cost = b.cost + 1 FROM dbo.VFToys AS a JOIN dbo.VFToys AS b ON b.id = a.id + 1
SELECT id, price FROM dbo.VFItem ORDER BY id
-- expect: id | price
-- 1 | 8
-- 2 | 7
-- 3 | 30
-- 4 | 40
GO
DELETE dbo.VFToys OUTPUT deleted.id, deleted.cost
FROM dbo.VFToys JOIN dbo.VFNew AS n ON n.id = VFToys.id
-- expect: id | cost
-- 1 | 8
-- 2 | 7
GO
SELECT id, price, cat FROM dbo.VFItem ORDER BY id
-- expect: id | price | cat
-- 3 | 30 | book
-- 4 | 40 | toy
GO
-- OUTPUT through a view without FROM names the view's columns (was 207).
UPDATE dbo.VFToys SET cost = 41 OUTPUT inserted.cost, deleted.cost AS old WHERE id = 4
-- expect: cost | old
-- 41 | 40
GO
DELETE dbo.VFToys OUTPUT deleted.cost WHERE id = 4
-- expect: cost
-- 41
GO

-- Documented examples of CREATE TRIGGER
-- (learn.microsoft.com/sql/t-sql/statements/create-trigger-transact-sql),
-- ALTER / DROP / ENABLE / DISABLE TRIGGER, UPDATE() and COLUMNS_UPDATED()
-- (…/functions/update-trigger-functions-transact-sql,
-- …/functions/columns-updated-transact-sql), TRIGGER_NESTLEVEL
-- (…/functions/trigger-nestlevel-transact-sql), sp_settriggerorder
-- (…/system-stored-procedures/sp-settriggerorder-transact-sql), "Use the
-- inserted and deleted tables" and "Create nested triggers"
-- (…/relational-databases/triggers/…), EVENTDATA
-- (…/functions/eventdata-transact-sql) and the trigger catalog views.
-- The AdventureWorks tables are small tables of our own with the columns
-- the examples read. Where a page shows no output, the expectation is
-- derived from the page's text and a comment says so. Left out: the
-- sp_send_dbmail reminder (example B), the logon trigger (example F) and
-- server-scoped triggers on CREATE_DATABASE (they would fire for the other
-- corpora's databases on the shared TDS server).
CREATE SCHEMA Sales
GO
CREATE SCHEMA Purchasing
GO
CREATE TABLE Sales.Customer (CustomerID int IDENTITY PRIMARY KEY, PersonID int NULL, StoreID int NULL, TerritoryID int NULL)
INSERT Sales.Customer (PersonID, StoreID, TerritoryID) VALUES (1, NULL, 1), (NULL, 2, 4)
CREATE TABLE Purchasing.Vendor (BusinessEntityID int PRIMARY KEY, Name nvarchar(50) NOT NULL, CreditRating tinyint NOT NULL)
INSERT Purchasing.Vendor VALUES (1492, N'Australia Bike Retailer', 1), (1652, N'Lakewood Bicycle', 5)
CREATE TABLE Purchasing.PurchaseOrderHeader (PurchaseOrderID int IDENTITY PRIMARY KEY, RevisionNumber tinyint NOT NULL,
  Status tinyint NOT NULL, EmployeeID int NOT NULL, VendorID int NOT NULL, ShipMethodID int NOT NULL, OrderDate datetime NOT NULL,
  ShipDate datetime NULL, SubTotal money NOT NULL, TaxAmt money NOT NULL, Freight money NOT NULL)
GO
-- A. A DML trigger with a reminder message: the RAISERROR reaches the
-- client, and (severity 16, no XACT_ABORT) the INSERT stays.
CREATE TRIGGER reminder1
ON Sales.Customer
AFTER INSERT, UPDATE
AS RAISERROR ('Notify Customer Relations', 16, 10);
GO
INSERT Sales.Customer (PersonID, TerritoryID) VALUES (3, 1);
-- error: 50000 Notify Customer Relations
GO
UPDATE Sales.Customer SET TerritoryID = 2 WHERE CustomerID = 1;
-- error: 50000 Notify Customer Relations
GO
SELECT COUNT(*) AS n, SUM(TerritoryID) AS t FROM Sales.Customer;
-- expect: n | t
-- 3 | 7
GO
-- C. An AFTER trigger enforcing a business rule across tables: the
-- INSERT for vendor 1652 (credit rating 5) is rolled back; the ROLLBACK in
-- the trigger ends the batch (3609), so the SELECT after it does not run.
CREATE TRIGGER Purchasing.LowCredit ON Purchasing.PurchaseOrderHeader
AFTER INSERT
AS
IF (ROWCOUNT_BIG() = 0)
RETURN;
IF EXISTS (SELECT *
           FROM Purchasing.PurchaseOrderHeader AS p
           JOIN inserted AS i
           ON p.PurchaseOrderID = i.PurchaseOrderID
           JOIN Purchasing.Vendor AS v
           ON v.BusinessEntityID = p.VendorID
           WHERE v.CreditRating = 5
          )
BEGIN
RAISERROR ('A vendor''s credit rating is too low to accept new purchase orders.', 16, 1);
ROLLBACK TRANSACTION;
RETURN
END;
GO
INSERT INTO Purchasing.PurchaseOrderHeader (RevisionNumber, Status, EmployeeID,
VendorID, ShipMethodID, OrderDate, ShipDate, SubTotal, TaxAmt, Freight)
VALUES (2, 3, 261, 1652, 4, GETDATE(), GETDATE(), 44594.55, 3567.564, 1114.8638);
SELECT 'not reached' AS r;
-- error: 50000 A vendor's credit rating is too low to accept new purchase orders.
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
INSERT INTO Purchasing.PurchaseOrderHeader (RevisionNumber, Status, EmployeeID,
VendorID, ShipMethodID, OrderDate, ShipDate, SubTotal, TaxAmt, Freight)
VALUES (2, 3, 261, 1492, 4, GETDATE(), GETDATE(), 100.00, 8.00, 2.50);
SELECT COUNT(*) AS orders, @@TRANCOUNT AS tc FROM Purchasing.PurchaseOrderHeader;
-- expect: orders | tc
-- 1 | 0
GO
-- The trigger inside a user transaction: its ROLLBACK undoes the whole
-- transaction, rows inserted before the INSERT included.
BEGIN TRANSACTION;
INSERT Purchasing.Vendor VALUES (1700, N'Vista Road Bikes', 2);
INSERT INTO Purchasing.PurchaseOrderHeader (RevisionNumber, Status, EmployeeID,
VendorID, ShipMethodID, OrderDate, SubTotal, TaxAmt, Freight)
VALUES (1, 1, 250, 1652, 3, '20240101', 10, 1, 1);
-- error: 50000 A vendor's credit rating is too low to accept new purchase orders.
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT @@TRANCOUNT AS tc, (SELECT COUNT(*) FROM Purchasing.Vendor) AS vendors;
-- expect: tc | vendors
-- 0 | 2
GO
-- D. A database-scoped DDL trigger that prevents dropping synonyms. The
-- page's current text starts the body with IF (@@ROWCOUNT = 0) RETURN;
-- a DDL statement leaves @@ROWCOUNT 0, so that form would never stop a
-- DROP: the check below uses the body without it, as the page first had.
-- A severity 10 RAISERROR is a message; the ROLLBACK undoes the DROP and
-- ends the batch (3609).
CREATE SYNONYM dbo.MyVendor FOR Purchasing.Vendor;
GO
CREATE TRIGGER safety
ON DATABASE
FOR DROP_SYNONYM
AS
   RAISERROR ('You must disable Trigger "safety" to drop synonyms!',10, 1)
   ROLLBACK
GO
DROP SYNONYM dbo.MyVendor;
-- message: You must disable Trigger "safety" to drop synonyms!
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT COUNT(*) AS n FROM sys.synonyms WHERE name = 'MyVendor';
-- expect: n
-- 1
GO
-- G. The events that fire trigger safety (sys.trigger_events joined to
-- sys.triggers; parent_class 0 is the database). DROP_SYNONYM is event
-- type 36; it is neither first nor last (no sp_settriggerorder).
SELECT TE.type, TE.type_desc, TE.is_first, TE.is_last, TE.event_group_type, TE.event_group_type_desc, TE.is_trigger_event
FROM sys.trigger_events AS TE
JOIN sys.triggers AS T ON T.object_id = TE.object_id
WHERE T.parent_class = 0 AND T.name = 'safety';
-- expect: type | type_desc | is_first | is_last | event_group_type | event_group_type_desc | is_trigger_event
-- 36 | DROP_SYNONYM | 0 | 0 | NULL | NULL | 1
GO
-- DISABLE TRIGGER … ON DATABASE lets the DROP through; ENABLE turns it back on.
DISABLE TRIGGER safety ON DATABASE;
DROP SYNONYM dbo.MyVendor;
SELECT COUNT(*) AS n FROM sys.synonyms WHERE name = 'MyVendor';
ENABLE TRIGGER safety ON DATABASE;
SELECT is_disabled FROM sys.triggers WHERE name = 'safety';
-- expect: n
-- 0
-- expect: is_disabled
-- 0
GO
DROP TRIGGER safety
ON DATABASE;
GO
-- DROP TRIGGER of a DDL trigger without ON DATABASE looks for a DML
-- trigger and finds none (3701).
CREATE TRIGGER safety2 ON DATABASE FOR DROP_SYNONYM AS PRINT 'x';
GO
DROP TRIGGER safety2;
-- error: 3701 Cannot drop the trigger 'safety2', because it does not exist or you do not have permission.
GO
DROP TRIGGER safety2 ON DATABASE;
GO
-- An event group: DDL_TABLE_EVENTS covers CREATE, ALTER and DROP TABLE;
-- sys.trigger_events lists its events, each with the group it came from
-- (event_group_type_desc: "event group on which the trigger is created").
CREATE TRIGGER tbl_events ON DATABASE FOR DDL_TABLE_EVENTS AS
  PRINT EVENTDATA().value('(/EVENT_INSTANCE/EventType)[1]', 'nvarchar(100)')
    + N' ' + EVENTDATA().value('(/EVENT_INSTANCE/SchemaName)[1]', 'nvarchar(100)')
    + N'.' + EVENTDATA().value('(/EVENT_INSTANCE/ObjectName)[1]', 'nvarchar(100)');
GO
SELECT TE.type_desc, TE.event_group_type_desc, TE.is_trigger_event
FROM sys.trigger_events AS TE JOIN sys.triggers AS T ON T.object_id = TE.object_id WHERE T.name = 'tbl_events'
ORDER BY TE.type_desc;
-- expect: type_desc | event_group_type_desc | is_trigger_event
-- ALTER_TABLE | DDL_TABLE_EVENTS | 1
-- CREATE_TABLE | DDL_TABLE_EVENTS | 1
-- DROP_TABLE | DDL_TABLE_EVENTS | 1
GO
CREATE TABLE dbo.EvTest (a int);
ALTER TABLE dbo.EvTest ADD b int;
-- message: CREATE_TABLE dbo.EvTest
-- message: ALTER_TABLE dbo.EvTest
GO
CREATE VIEW dbo.EvView AS SELECT a FROM dbo.EvTest;
GO
DROP VIEW dbo.EvView;
DROP TABLE dbo.EvTest;
-- message: DROP_TABLE dbo.EvTest
GO
DROP TRIGGER tbl_events ON DATABASE;
GO
-- EVENTDATA A. Query event data in a DDL trigger: the trigger returns the
-- statement text, then refuses the CREATE TABLE.
CREATE TRIGGER safety
ON DATABASE
FOR CREATE_TABLE
AS
    PRINT 'CREATE TABLE Issued.'
    SELECT EVENTDATA().value
        ('(/EVENT_INSTANCE/TSQLCommand/CommandText)[1]','nvarchar(max)') AS CommandText
   RAISERROR ('New tables cannot be created in this database.', 16, 1)
   ROLLBACK
;
GO
CREATE TABLE NewTable (Column1 int);
-- message: CREATE TABLE Issued.
-- expect: CommandText
-- CREATE TABLE NewTable (Column1 int)
-- error: 50000 New tables cannot be created in this database.
-- error: 3609 The transaction ended in the trigger. The batch has been aborted.
GO
SELECT OBJECT_ID('NewTable') AS id;
DROP TRIGGER safety
ON DATABASE;
-- expect: id
-- NULL
GO
-- EVENTDATA's other elements: the database, the schema, the object type.
CREATE TRIGGER ev_elems ON DATABASE FOR CREATE_PROCEDURE AS
  SELECT EVENTDATA().value('(/EVENT_INSTANCE/EventType)[1]', 'nvarchar(100)') AS EventType,
         CASE WHEN EVENTDATA().value('(/EVENT_INSTANCE/DatabaseName)[1]', 'sysname') = DB_NAME() THEN 1 ELSE 0 END AS this_db,
         EVENTDATA().value('(/EVENT_INSTANCE/SchemaName)[1]', 'sysname') AS SchemaName,
         EVENTDATA().value('(/EVENT_INSTANCE/ObjectName)[1]', 'sysname') AS ObjectName,
         EVENTDATA().value('(/EVENT_INSTANCE/ObjectType)[1]', 'sysname') AS ObjectType;
GO
CREATE PROCEDURE Sales.usp_ev AS SELECT 1 AS one;
-- expect: EventType | this_db | SchemaName | ObjectName | ObjectType
-- CREATE_PROCEDURE | 1 | Sales | usp_ev | PROCEDURE
GO
DROP TRIGGER ev_elems ON DATABASE;
DROP PROCEDURE Sales.usp_ev;
GO
-- UPDATE() (…/update-trigger-functions-transact-sql): the example's
-- trigger refuses changes to two columns; UPDATE(col) is true for every
-- column an INSERT writes.
CREATE SCHEMA Person;
GO
CREATE TABLE Person.Address (AddressID int PRIMARY KEY, AddressLine1 nvarchar(60) NOT NULL, City nvarchar(30) NOT NULL,
  StateProvinceID int NOT NULL, PostalCode nvarchar(15) NOT NULL);
INSERT Person.Address VALUES (1, N'1970 Napa Ct.', N'Bothell', 79, N'98011');
GO
CREATE TRIGGER reminder
ON Person.Address
AFTER UPDATE
AS
IF ( UPDATE (StateProvinceID) OR UPDATE (PostalCode) )
BEGIN
RAISERROR (50009, 16, 10)
END;
GO
-- The page's RAISERROR names message 50009, which sp_addmessage has not
-- added here: SQL Server raises 18054 instead.
UPDATE Person.Address SET PostalCode = 99999 WHERE PostalCode = 12345;
-- error: 18054 Error 50009, severity 16, state 10 was raised, but no message with that error number was found in sys.messages. If error is larger than 50000, make sure the user-defined message is added using sp_addmessage.
GO
UPDATE Person.Address SET City = N'Seattle' WHERE AddressID = 1;
SELECT City FROM Person.Address;
-- expect: City
-- Seattle
GO
-- COLUMNS_UPDATED() A: the bit pattern of the updated columns (column 1 is
-- bit 0 of the first byte). The page's employeeData / auditEmployeeData
-- example logs a row when salary (column 3) or SSN (column 5) changes.
CREATE TABLE dbo.employeeData (
   emp_id int NOT NULL PRIMARY KEY,
   emp_bankAccountNumber char (10) NOT NULL,
   emp_salary int NOT NULL,
   emp_SSN char (11) NOT NULL,
   emp_lname nchar (32) NOT NULL,
   emp_fname nchar (32) NOT NULL,
   emp_manager int NOT NULL
   );
GO
CREATE TABLE dbo.auditEmployeeData (
   audit_log_id uniqueidentifier DEFAULT NEWID() PRIMARY KEY,
   audit_log_type char (3) NOT NULL,
   audit_emp_id int NOT NULL,
   audit_emp_bankAccountNumber char (10) NULL,
   audit_emp_salary int NULL,
   audit_emp_SSN char (11) NULL,
   audit_user sysname DEFAULT SUSER_SNAME(),
   audit_changed datetime DEFAULT GETDATE()
   );
GO
CREATE TRIGGER dbo.updEmployeeData
ON dbo.employeeData
AFTER UPDATE AS
/*Check whether columns 2, 3 or 4 have been updated. If any or all
columns 2, 3 or 4 have been changed, create an audit record. The
bitmask is: power(2, (2-1)) + power(2, (3-1)) + power(2, (4-1)) = 14.
This bitmask translates into binary as 0001110.  */
IF (COLUMNS_UPDATED() & 14) > 0
   BEGIN
-- Audit OLD record.
      INSERT INTO dbo.auditEmployeeData
         (audit_log_type,
         audit_emp_id,
         audit_emp_bankAccountNumber,
         audit_emp_salary,
         audit_emp_SSN)
         SELECT 'OLD',
            del.emp_id,
            del.emp_bankAccountNumber,
            del.emp_salary,
            del.emp_SSN
         FROM deleted del;
-- Audit NEW record.
      INSERT INTO dbo.auditEmployeeData
         (audit_log_type,
         audit_emp_id,
         audit_emp_bankAccountNumber,
         audit_emp_salary,
         audit_emp_SSN)
         SELECT 'NEW',
            ins.emp_id,
            ins.emp_bankAccountNumber,
            ins.emp_salary,
            ins.emp_SSN
         FROM inserted ins;
   END;
GO
INSERT INTO employeeData
  VALUES ( 101, 'USA-987-01', 23000, 'R-M53550M', N'Mendel', N'Roland', 32);
GO
-- Updating emp_salary (column 3) makes an audit record; updating emp_lname
-- (column 5) does not.
UPDATE dbo.employeeData
   SET emp_salary = 51000
   WHERE emp_id = 101;
UPDATE dbo.employeeData
   SET emp_lname = N'Smith'
   WHERE emp_id = 101;
GO
SELECT audit_log_type, audit_emp_id, audit_emp_bankAccountNumber, audit_emp_salary, audit_emp_SSN, audit_user = CASE WHEN audit_user = SUSER_SNAME() THEN 1 ELSE 0 END
FROM dbo.auditEmployeeData ORDER BY audit_log_type DESC;
-- expect: audit_log_type | audit_emp_id | audit_emp_bankAccountNumber | audit_emp_salary | audit_emp_SSN | audit_user
-- OLD | 101 | USA-987-01 | 23000 | R-M53550M   | 1
-- NEW | 101 | USA-987-01 | 51000 | R-M53550M   | 1
GO
-- COLUMNS_UPDATED() is varbinary: one byte per 8 columns; an INSERT sets
-- the bit of every column.
CREATE TABLE dbo.cu (c1 int, c2 int, c3 int, c4 int, c5 int, c6 int, c7 int, c8 int, c9 int, c10 int);
GO
CREATE TRIGGER dbo.cu_trg ON dbo.cu AFTER INSERT, UPDATE AS
  SELECT COLUMNS_UPDATED() AS cols, SUBSTRING(COLUMNS_UPDATED(), 2, 1) AS second_byte;
GO
INSERT dbo.cu (c1) VALUES (1);
UPDATE dbo.cu SET c2 = 2, c9 = 9;
UPDATE dbo.cu SET c10 = 10 WHERE 1 = 0;
-- expect: cols | second_byte
-- 0xFF03 | 0x03
-- expect: cols | second_byte
-- 0x0201 | 0x01
-- expect: cols | second_byte
-- 0x0002 | 0x02
GO
-- TRIGGER_NESTLEVEL: 0 outside a trigger; in a trigger, the number of
-- triggers on the stack (with no arguments), or how many times the given
-- trigger is on it (with its object id).
SELECT TRIGGER_NESTLEVEL() AS lvl;
-- expect: lvl
-- 0
GO
CREATE TABLE dbo.t_outer (a int);
CREATE TABLE dbo.t_inner (a int);
GO
CREATE TRIGGER dbo.trg_outer ON dbo.t_outer AFTER INSERT AS
  SELECT 'outer' AS trg, TRIGGER_NESTLEVEL() AS lvl, TRIGGER_NESTLEVEL(OBJECT_ID('dbo.trg_outer')) AS this_lvl;
  INSERT dbo.t_inner SELECT a FROM inserted;
GO
CREATE TRIGGER dbo.trg_inner ON dbo.t_inner AFTER INSERT AS
  SELECT 'inner' AS trg, TRIGGER_NESTLEVEL() AS lvl, TRIGGER_NESTLEVEL(OBJECT_ID('dbo.trg_outer')) AS outer_lvl,
    TRIGGER_NESTLEVEL(OBJECT_ID('dbo.trg_inner'), 'AFTER', 'DML') AS inner_after;
GO
INSERT dbo.t_outer VALUES (1);
-- expect: trg | lvl | this_lvl
-- outer | 1 | 1
-- expect: trg | lvl | outer_lvl | inner_after
-- inner | 2 | 1 | 1
GO
-- The TRIGGER_NESTLEVEL page's example: a trigger that stops its own
-- recursion after five levels (RECURSIVE_TRIGGERS ON).
ALTER DATABASE CURRENT SET RECURSIVE_TRIGGERS ON;
GO
SELECT is_recursive_triggers_on FROM sys.databases WHERE name = DB_NAME();
-- expect: is_recursive_triggers_on
-- 1
GO
CREATE TABLE dbo.rec (n int);
GO
CREATE TRIGGER dbo.rec_trg ON dbo.rec AFTER INSERT AS
IF ((SELECT TRIGGER_NESTLEVEL(OBJECT_ID('dbo.rec_trg'))) > 5)
   RETURN;
INSERT dbo.rec SELECT n + 1 FROM inserted;
GO
INSERT dbo.rec VALUES (1);
SELECT COUNT(*) AS n, MAX(n) AS deepest FROM dbo.rec;
-- expect: n | deepest
-- 6 | 6
GO
-- "Create nested triggers": the recursive emp_mgr triggers. The INSERT
-- trigger walks inserted with a cursor; the UPDATE trigger changes the
-- counts only when mgr was updated, so its recursive firings do nothing.
CREATE TABLE dbo.emp_mgr (
   emp char(30) PRIMARY KEY,
    mgr char(30) NULL FOREIGN KEY REFERENCES emp_mgr(emp),
    NoOfReports int DEFAULT 0
);
GO
CREATE TRIGGER dbo.emp_mgrins ON dbo.emp_mgr
FOR INSERT
AS
DECLARE @e char(30), @m char(30);
DECLARE c1 CURSOR FOR
   SELECT emp_mgr.emp
   FROM   emp_mgr, inserted
   WHERE emp_mgr.emp = inserted.mgr;

OPEN c1;
FETCH NEXT FROM c1 INTO @e;
WHILE @@fetch_status = 0
BEGIN
   UPDATE dbo.emp_mgr
   SET emp_mgr.NoOfReports = emp_mgr.NoOfReports + 1 -- Add 1 for newly
   WHERE emp_mgr.emp = @e ;                           -- added employee.

   FETCH NEXT FROM c1 INTO @e;
END
CLOSE c1;
DEALLOCATE c1;
GO
CREATE TRIGGER dbo.emp_mgrupd ON dbo.emp_mgr FOR UPDATE
AS
IF UPDATE (mgr)
BEGIN
   UPDATE dbo.emp_mgr
   SET emp_mgr.NoOfReports = emp_mgr.NoOfReports + 1 -- Increment mgr's
   FROM inserted                            -- (no. of reports) by
   WHERE emp_mgr.emp = inserted.mgr;         -- 1 for the new report.

   UPDATE dbo.emp_mgr
   SET emp_mgr.NoOfReports = emp_mgr.NoOfReports - 1 -- Decrement mgr's
   FROM deleted                             -- (no. of reports) by 1
   WHERE emp_mgr.emp = deleted.mgr;          -- for the new report.
END
GO
INSERT dbo.emp_mgr(emp, mgr) VALUES
    ('Harry', NULL)
    ,('Alice', 'Harry')
    ,('Paul', 'Alice')
    ,('Joe', 'Alice')
    ,('Dave', 'Joe');
GO
SELECT emp,mgr,NoOfReports
FROM dbo.emp_mgr;
-- expect: emp | mgr | NoOfReports
-- Alice                          | Harry                          | 2
-- Dave                           | Joe                            | 0
-- Harry                          | NULL | 1
-- Joe                            | Alice                          | 1
-- Paul                           | Alice                          | 0
GO
UPDATE dbo.emp_mgr SET mgr = 'Harry'
WHERE emp = 'Dave';
GO
SELECT emp,mgr,NoOfReports FROM emp_mgr;
-- expect: emp | mgr | NoOfReports
-- Alice                          | Harry                          | 2
-- Dave                           | Harry                          | 0
-- Harry                          | NULL | 2
-- Joe                            | Alice                          | 0
-- Paul                           | Alice                          | 0
GO
-- With RECURSIVE_TRIGGERS OFF (the default) a trigger's write to its own
-- table does not fire it again.
ALTER DATABASE CURRENT SET RECURSIVE_TRIGGERS OFF;
GO
DELETE dbo.rec;
INSERT dbo.rec VALUES (1);
SELECT COUNT(*) AS n FROM dbo.rec;
-- expect: n
-- 2
GO
-- A runaway recursion ends at 32 levels (217).
ALTER DATABASE CURRENT SET RECURSIVE_TRIGGERS ON;
GO
ALTER TRIGGER dbo.rec_trg ON dbo.rec AFTER INSERT AS
INSERT dbo.rec SELECT n + 1 FROM inserted;
GO
INSERT dbo.rec VALUES (100);
-- error: 217 Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).
GO
ALTER DATABASE CURRENT SET RECURSIVE_TRIGGERS OFF;
GO
-- "Create nested triggers": savedel keeps a copy of the rows another
-- trigger's cascade deleted (nesting, not recursion).
CREATE TABLE Purchasing.PurchaseOrderDetail (PurchaseOrderID int NOT NULL, LineNumber int NOT NULL, OrderQty int NOT NULL);
CREATE TABLE dbo.del_save (PurchaseOrderID int NOT NULL, LineNumber int NOT NULL, OrderQty int NOT NULL);
-- The one order left is PurchaseOrderID 2: the rolled-back INSERT of
-- example C used identity value 1 (identity values are not rolled back).
INSERT Purchasing.PurchaseOrderDetail VALUES (2, 1, 5), (2, 2, 7), (9, 1, 1);
GO
CREATE TRIGGER Purchasing.delcascadetrig ON Purchasing.PurchaseOrderHeader AFTER DELETE AS
   DELETE Purchasing.PurchaseOrderDetail
   FROM Purchasing.PurchaseOrderDetail, deleted
   WHERE Purchasing.PurchaseOrderDetail.PurchaseOrderID = deleted.PurchaseOrderID;
GO
CREATE TRIGGER Purchasing.savedel
   ON Purchasing.PurchaseOrderDetail
FOR DELETE
AS
   INSERT del_save
   SELECT * FROM deleted;
GO
DELETE Purchasing.PurchaseOrderHeader WHERE VendorID = 1492;
SELECT PurchaseOrderID, LineNumber, OrderQty FROM dbo.del_save ORDER BY LineNumber;
SELECT COUNT(*) AS left_lines FROM Purchasing.PurchaseOrderDetail;
-- expect: PurchaseOrderID | LineNumber | OrderQty
-- 2 | 1 | 5
-- 2 | 2 | 7
-- expect: left_lines
-- 1
GO
-- "Use the inserted and deleted tables": an UPDATE shows the old rows in
-- deleted and the new rows in inserted.
CREATE TABLE dbo.prices (id int PRIMARY KEY, price money NOT NULL);
INSERT dbo.prices VALUES (1, 10), (2, 20);
GO
CREATE TRIGGER dbo.prices_upd ON dbo.prices AFTER UPDATE AS
  SELECT d.id, d.price AS old_price, i.price AS new_price
  FROM deleted AS d JOIN inserted AS i ON i.id = d.id ORDER BY d.id;
GO
UPDATE dbo.prices SET price = price * 1.1;
-- expect: id | old_price | new_price
-- 1 | 10.0000 | 11.0000
-- 2 | 20.0000 | 22.0000
GO
-- inserted and deleted exist only in a trigger.
SELECT * FROM inserted;
-- error: 208 Invalid object name 'inserted'.
GO
-- An INSTEAD OF trigger on a view over two tables (the page's INSTEAD OF
-- example): the trigger writes the base tables from inserted.
CREATE TABLE dbo.Person2 (SSN char(11) PRIMARY KEY, Name nvarchar(100), Address nvarchar(100), Birthdate datetime);
CREATE TABLE dbo.EmployeeTable (EmployeeID int PRIMARY KEY, SSN char(11) UNIQUE, Department nvarchar(10), Salary money);
GO
CREATE VIEW dbo.Employee AS
SELECT P.SSN AS SSN, Name, Address, Birthdate, EmployeeID, Department, Salary
FROM dbo.Person2 P JOIN dbo.EmployeeTable E ON P.SSN = E.SSN;
GO
CREATE TRIGGER dbo.IO_Trig_INS_Employee ON dbo.Employee
INSTEAD OF INSERT
AS
BEGIN
  SET NOCOUNT ON
  IF (NOT EXISTS (SELECT P.SSN FROM dbo.Person2 P, inserted I WHERE P.SSN = I.SSN))
    INSERT INTO dbo.Person2 SELECT SSN, Name, Address, Birthdate FROM inserted
  ELSE
    PRINT 'Person already exists';
  IF (NOT EXISTS (SELECT E.EmployeeID FROM dbo.EmployeeTable E, inserted I WHERE E.EmployeeID = I.EmployeeID))
    INSERT INTO dbo.EmployeeTable SELECT EmployeeID, SSN, Department, Salary FROM inserted
  ELSE
    PRINT 'Employee already exists';
END;
GO
INSERT dbo.Employee (SSN, Name, Address, Birthdate, EmployeeID, Department, Salary)
VALUES ('123', N'Ann', N'Main St', '19800101', 123, N'Sales', 100);
INSERT dbo.Employee (SSN, Name, Address, Birthdate, EmployeeID, Department, Salary)
VALUES ('123', N'Ann', N'Main St', '19800101', 123, N'Sales', 100);
SELECT (SELECT COUNT(*) FROM dbo.Person2) AS persons, (SELECT COUNT(*) FROM dbo.EmployeeTable) AS employees;
-- message: Person already exists
-- message: Employee already exists
-- expect: persons | employees
-- 1 | 1
GO
-- sp_settriggerorder: the first and last AFTER trigger for an event;
-- sys.trigger_events and OBJECTPROPERTY show the order.
CREATE TABLE dbo.ord (a int);
CREATE TABLE dbo.ord_log (step int IDENTITY, who sysname);
GO
CREATE TRIGGER dbo.t_a ON dbo.ord AFTER INSERT AS INSERT dbo.ord_log (who) VALUES ('t_a');
GO
CREATE TRIGGER dbo.t_b ON dbo.ord AFTER INSERT AS INSERT dbo.ord_log (who) VALUES ('t_b');
GO
CREATE TRIGGER dbo.t_c ON dbo.ord AFTER INSERT AS INSERT dbo.ord_log (who) VALUES ('t_c');
GO
EXEC sp_settriggerorder @triggername= 'dbo.t_c', @order='First', @stmttype = 'INSERT';
EXEC sp_settriggerorder @triggername= 'dbo.t_a', @order='Last', @stmttype = 'INSERT';
GO
INSERT dbo.ord VALUES (1);
SELECT who FROM dbo.ord_log WHERE step IN (1, 3) ORDER BY step;
SELECT t.name, te.is_first, te.is_last FROM sys.trigger_events AS te JOIN sys.triggers AS t ON t.object_id = te.object_id
WHERE t.parent_id = OBJECT_ID('dbo.ord') ORDER BY t.name;
SELECT OBJECTPROPERTY(OBJECT_ID('dbo.t_c'), 'ExecIsFirstInsertTrigger') AS c_first,
  OBJECTPROPERTY(OBJECT_ID('dbo.t_a'), 'ExecIsLastInsertTrigger') AS a_last,
  OBJECTPROPERTY(OBJECT_ID('dbo.t_b'), 'ExecIsFirstInsertTrigger') AS b_first;
-- expect: who
-- t_c
-- t_a
-- expect: name | is_first | is_last
-- t_a | 0 | 1
-- t_b | 0 | 0
-- t_c | 1 | 0
-- expect: c_first | a_last | b_first
-- 1 | 1 | 0
GO
-- 'None' clears the order.
EXEC sp_settriggerorder @triggername= 'dbo.t_c', @order='None', @stmttype = 'INSERT';
SELECT OBJECTPROPERTY(OBJECT_ID('dbo.t_c'), 'ExecIsFirstInsertTrigger') AS c_first;
-- expect: c_first
-- 0
GO
-- ALTER TRIGGER of the Last trigger drops its order (the page: "If an
-- ALTER TRIGGER statement changes a first or last trigger, the First or
-- Last attribute originally set on the trigger is dropped").
ALTER TRIGGER dbo.t_a ON dbo.ord AFTER INSERT AS INSERT dbo.ord_log (who) VALUES ('t_a');
GO
SELECT OBJECTPROPERTY(OBJECT_ID('dbo.t_a'), 'ExecIsLastInsertTrigger') AS a_last;
-- expect: a_last
-- 0
GO
-- ALTER TRIGGER changes the body of the existing trigger.
ALTER TRIGGER dbo.t_b ON dbo.ord AFTER INSERT AS INSERT dbo.ord_log (who) VALUES ('t_b2');
GO
DELETE dbo.ord_log;
INSERT dbo.ord VALUES (2);
SELECT COUNT(*) AS n FROM dbo.ord_log WHERE who = 't_b2';
-- expect: n
-- 1
GO
-- DISABLE TRIGGER ALL ON a table, ENABLE one of them; sys.triggers and
-- OBJECTPROPERTY ExecIsTriggerDisabled show the state.
DISABLE TRIGGER ALL ON dbo.ord;
ENABLE TRIGGER dbo.t_c ON dbo.ord;
DELETE dbo.ord_log;
INSERT dbo.ord VALUES (3);
SELECT who FROM dbo.ord_log;
SELECT name, is_disabled, OBJECTPROPERTY(object_id, 'ExecIsTriggerDisabled') AS prop FROM sys.triggers WHERE parent_id = OBJECT_ID('dbo.ord') ORDER BY name;
-- expect: who
-- t_c
-- expect: name | is_disabled | prop
-- t_a | 1 | 1
-- t_b | 1 | 1
-- t_c | 0 | 0
GO
-- ALTER TABLE … DISABLE TRIGGER is the other spelling.
ALTER TABLE dbo.ord DISABLE TRIGGER t_c;
ALTER TABLE dbo.ord ENABLE TRIGGER ALL;
SELECT SUM(CAST(is_disabled AS int)) AS disabled FROM sys.triggers WHERE parent_id = OBJECT_ID('dbo.ord');
-- expect: disabled
-- 0
GO
-- DROP TRIGGER: several at once; a missing one is 3701; IF EXISTS is
-- silent.
DROP TRIGGER dbo.t_a, dbo.t_b;
DROP TRIGGER IF EXISTS dbo.t_a;
SELECT name FROM sys.triggers WHERE parent_id = OBJECT_ID('dbo.ord');
-- expect: name
-- t_c
GO
DROP TRIGGER dbo.t_a;
-- error: 3701 Cannot drop the trigger 'dbo.t_a', because it does not exist or you do not have permission.
GO
-- Dropping the table drops its triggers.
DROP TABLE dbo.ord;
SELECT COUNT(*) AS n FROM sys.triggers WHERE name = 't_c';
-- expect: n
-- 0
GO
-- sys.triggers for DML triggers: parent_class 1 (OBJECT_OR_COLUMN), the
-- table's id, TR / SQL_TRIGGER, INSTEAD OF flag.
SELECT name, parent_class, parent_class_desc, CASE WHEN parent_id = OBJECT_ID('dbo.Employee') THEN 1 ELSE 0 END AS on_view,
  type, type_desc, is_ms_shipped, is_disabled, is_not_for_replication, is_instead_of_trigger
FROM sys.triggers WHERE name = 'IO_Trig_INS_Employee';
-- expect: name | parent_class | parent_class_desc | on_view | type | type_desc | is_ms_shipped | is_disabled | is_not_for_replication | is_instead_of_trigger
-- IO_Trig_INS_Employee | 1 | OBJECT_OR_COLUMN | 1 | TR | SQL_TRIGGER | 0 | 0 | 0 | 1
GO
-- The sys.server_triggers / sys.server_trigger_events views exist; with
-- no server trigger they are empty.
SELECT COUNT(*) AS n FROM sys.server_triggers WHERE name = 'no_such_trigger';
SELECT COUNT(*) AS n FROM sys.server_trigger_events AS e JOIN sys.server_triggers AS t ON t.object_id = e.object_id WHERE t.name = 'no_such_trigger';
-- expect: n
-- 0
-- expect: n
-- 0
GO

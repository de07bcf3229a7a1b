-- Documented examples of DECLARE CURSOR
-- (learn.microsoft.com/sql/t-sql/language-elements/declare-cursor-transact-sql),
-- OPEN, FETCH, CLOSE, DEALLOCATE (…/language-elements/…-transact-sql),
-- @@FETCH_STATUS, @@CURSOR_ROWS, CURSOR_STATUS (…/functions/…), cursor
-- variables (…/language-elements/declare-local-variable-transact-sql),
-- CURSOR VARYING OUTPUT parameters (…/statements/create-procedure-transact-sql
-- example), WHERE CURRENT OF (…/queries/update-transact-sql,
-- …/statements/delete-transact-sql), sp_describe_cursor and sp_cursor_list
-- (…/system-stored-procedures/…). The AdventureWorks tables are small
-- tables of our own with the columns the examples read. Where a page shows
-- no output, the expectation is derived from the page's text and a comment
-- says so.
CREATE SCHEMA Person
GO
CREATE SCHEMA Purchasing
GO
CREATE SCHEMA HumanResources
GO
CREATE SCHEMA Sales
GO
CREATE TABLE Person.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50) NOT NULL, LastName nvarchar(50) NOT NULL)
INSERT Person.Person VALUES (1, N'Ken', N'Sánchez'), (2, N'Terri', N'Duffy'), (3, N'Chris', N'Bailey'),
  (4, N'Matthias', N'Berndt'), (5, N'Jo', N'Brown'), (6, N'Robert', N'Brown'), (7, N'Kim', N'Abercrombie'), (8, N'Gail', N'Erickson')
CREATE TABLE Purchasing.Vendor (BusinessEntityID int PRIMARY KEY, Name nvarchar(50) NOT NULL, PreferredVendorStatus bit NOT NULL)
INSERT Purchasing.Vendor VALUES (1492, N'Australia Bike Retailer', 1), (1494, N'Allenson Cycles', 1), (1496, N'Advanced Bicycles', 0)
CREATE TABLE Purchasing.ProductVendor (ProductID int NOT NULL, BusinessEntityID int NOT NULL, PRIMARY KEY (ProductID, BusinessEntityID))
INSERT Purchasing.ProductVendor VALUES (1, 1492), (2, 1492), (3, 1494)
CREATE TABLE Purchasing.Product_ (ProductID int PRIMARY KEY, Name nvarchar(50) NOT NULL)
INSERT Purchasing.Product_ VALUES (1, N'Adjustable Race'), (2, N'Bearing Ball'), (3, N'BB Ball Bearing')
CREATE TABLE HumanResources.Employee (BusinessEntityID int PRIMARY KEY, JobTitle nvarchar(50) NOT NULL)
INSERT HumanResources.Employee VALUES (1, N'Chief Executive Officer'), (2, N'Vice President of Engineering'), (3, N'Engineering Manager')
CREATE TABLE HumanResources.EmployeePayHistory (BusinessEntityID int NOT NULL, RateChangeDate datetime NOT NULL, Rate money NOT NULL,
  PayFrequency tinyint NOT NULL, PRIMARY KEY (BusinessEntityID, RateChangeDate))
INSERT HumanResources.EmployeePayHistory VALUES (1, '20090114', 125.50, 2), (2, '20080131', 63.46, 2), (4, '20070105', 8.62, 1),
  (4, '20070731', 23.72, 1), (4, '20091215', 29.85, 1)
CREATE TABLE Sales.Currency (CurrencyCode nchar(3) PRIMARY KEY, Name nvarchar(50) NOT NULL)
INSERT Sales.Currency VALUES (N'AED', N'Emirati Dirham'), (N'AFA', N'Afghani'), (N'ALL', N'Lek')
GO
-- DECLARE CURSOR A. A simple cursor: FETCH NEXT without INTO returns the
-- row as a result set.
DECLARE vend_cursor CURSOR
    FOR SELECT BusinessEntityID, Name FROM Purchasing.Vendor ORDER BY BusinessEntityID
OPEN vend_cursor
FETCH NEXT FROM vend_cursor;
CLOSE vend_cursor
DEALLOCATE vend_cursor
-- expect: BusinessEntityID | Name
-- 1492 | Australia Bike Retailer
GO
-- DECLARE CURSOR B. Nested cursors producing a report with PRINT (the
-- PRINT ' ' separator is a message of one space, compared without it).
SET NOCOUNT ON;
DECLARE @vendor_id int, @vendor_name nvarchar(50),
    @message varchar(80), @product nvarchar(50);
PRINT '-------- Vendor Products Report --------';
DECLARE vendor_cursor CURSOR FOR
SELECT BusinessEntityID, Name
FROM Purchasing.Vendor
WHERE PreferredVendorStatus = 1
ORDER BY BusinessEntityID;
OPEN vendor_cursor
FETCH NEXT FROM vendor_cursor
INTO @vendor_id, @vendor_name
WHILE @@FETCH_STATUS = 0
BEGIN
    PRINT ' '
    SELECT @message = '----- Products From Vendor: ' +
        @vendor_name
    PRINT @message
    -- Declare an inner cursor based
    -- on vendor_id from the outer cursor.
    DECLARE product_cursor CURSOR FOR
    SELECT v.Name
    FROM Purchasing.ProductVendor pv, Purchasing.Product_ v
    WHERE pv.ProductID = v.ProductID AND
    pv.BusinessEntityID = @vendor_id  -- Variable value from the outer cursor
    ORDER BY v.Name
    OPEN product_cursor
    FETCH NEXT FROM product_cursor INTO @product
    IF @@FETCH_STATUS <> 0
        PRINT '         <<None>>'
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SELECT @message = '         ' + @product
        PRINT @message
        FETCH NEXT FROM product_cursor INTO @product
        END
    CLOSE product_cursor
    DEALLOCATE product_cursor
        -- Get the next vendor.
    FETCH NEXT FROM vendor_cursor
    INTO @vendor_id, @vendor_name
END
CLOSE vendor_cursor;
DEALLOCATE vendor_cursor;
-- message: -------- Vendor Products Report --------
-- message:
-- message: ----- Products From Vendor: Australia Bike Retailer
-- message:          Adjustable Race
-- message:          Bearing Ball
-- message:
-- message: ----- Products From Vendor: Allenson Cycles
-- message:          BB Ball Bearing
GO
SET NOCOUNT OFF;
GO
-- FETCH A. FETCH in a simple cursor: every row, then one empty fetch
-- (the one that sets @@FETCH_STATUS to -1).
DECLARE contact_cursor CURSOR FOR
SELECT LastName FROM Person.Person
WHERE LastName LIKE 'B%'
ORDER BY LastName;
OPEN contact_cursor;
FETCH NEXT FROM contact_cursor;
WHILE @@FETCH_STATUS = 0
BEGIN
   FETCH NEXT FROM contact_cursor;
END
CLOSE contact_cursor;
DEALLOCATE contact_cursor;
-- expect: LastName
-- Bailey
-- expect: LastName
-- Berndt
-- expect: LastName
-- Brown
-- expect: LastName
-- Brown
-- expect: LastName
GO
-- FETCH B. FETCH INTO variables.
DECLARE @LastName varchar(50), @FirstName varchar(50);
DECLARE contact_cursor CURSOR FOR
SELECT LastName, FirstName FROM Person.Person
WHERE LastName LIKE 'B%'
ORDER BY LastName, FirstName;
OPEN contact_cursor;
FETCH NEXT FROM contact_cursor
INTO @LastName, @FirstName;
WHILE @@FETCH_STATUS = 0
BEGIN
   PRINT 'Contact Name: ' + @FirstName + ' ' +  @LastName
   FETCH NEXT FROM contact_cursor
   INTO @LastName, @FirstName;
END
CLOSE contact_cursor;
DEALLOCATE contact_cursor;
-- message: Contact Name: Chris Bailey
-- message: Contact Name: Matthias Berndt
-- message: Contact Name: Jo Brown
-- message: Contact Name: Robert Brown
GO
-- FETCH C. A SCROLL cursor and the other FETCH options.
DECLARE contact_cursor SCROLL CURSOR FOR
SELECT LastName, FirstName FROM Person.Person
ORDER BY LastName, FirstName;
OPEN contact_cursor;
FETCH LAST FROM contact_cursor;
FETCH PRIOR FROM contact_cursor;
FETCH ABSOLUTE 2 FROM contact_cursor;
FETCH RELATIVE 3 FROM contact_cursor;
FETCH RELATIVE -2 FROM contact_cursor;
CLOSE contact_cursor;
DEALLOCATE contact_cursor;
-- expect: LastName | FirstName
-- Sánchez | Ken
-- expect: LastName | FirstName
-- Erickson | Gail
-- expect: LastName | FirstName
-- Bailey | Chris
-- expect: LastName | FirstName
-- Brown | Robert
-- expect: LastName | FirstName
-- Berndt | Matthias
GO
-- FETCH FIRST, ABSOLUTE with a negative number (from the end), and a
-- fetch before the first row (@@FETCH_STATUS -1, an empty result).
DECLARE @n int = -3;
DECLARE c SCROLL CURSOR FOR SELECT BusinessEntityID FROM Person.Person ORDER BY BusinessEntityID;
OPEN c;
FETCH FIRST FROM c;
FETCH ABSOLUTE @n FROM c;
FETCH PRIOR FROM c;
FETCH RELATIVE -10 FROM c;
SELECT @@FETCH_STATUS AS fs;
FETCH NEXT FROM c;
DEALLOCATE c;
-- expect: BusinessEntityID
-- 1
-- expect: BusinessEntityID
-- 6
-- expect: BusinessEntityID
-- 5
-- expect: BusinessEntityID
-- expect: fs
-- -1
-- expect: BusinessEntityID
-- 1
GO
-- A forward-only cursor allows only NEXT (16911).
DECLARE c CURSOR FORWARD_ONLY FOR SELECT BusinessEntityID FROM Person.Person;
OPEN c;
FETCH PRIOR FROM c;
-- error: 16911 fetch: The fetch type prior cannot be used with forward only cursors.
GO
DEALLOCATE c;
GO
-- @@FETCH_STATUS: the page's loop over Employee.
DECLARE Employee_Cursor CURSOR FOR
SELECT BusinessEntityID, JobTitle
FROM HumanResources.Employee;
OPEN Employee_Cursor;
FETCH NEXT FROM Employee_Cursor;
WHILE @@FETCH_STATUS = 0
   BEGIN
      FETCH NEXT FROM Employee_Cursor;
   END;
CLOSE Employee_Cursor;
DEALLOCATE Employee_Cursor;
-- expect: BusinessEntityID | JobTitle
-- 1 | Chief Executive Officer
-- expect: BusinessEntityID | JobTitle
-- 2 | Vice President of Engineering
-- expect: BusinessEntityID | JobTitle
-- 3 | Engineering Manager
-- expect: BusinessEntityID | JobTitle
GO
-- @@CURSOR_ROWS: 0 before a cursor is open, -1 for a dynamic cursor
-- (the page's output; its column list shows @@CURSOR_ROWS evaluated per row
-- as -1 too). A STATIC cursor reports its row count; a closed one 0.
SELECT @@CURSOR_ROWS AS cr;
DECLARE Name_Cursor CURSOR FOR
SELECT LastName, @@CURSOR_ROWS AS cr FROM Person.Person ORDER BY BusinessEntityID;
OPEN Name_Cursor;
FETCH NEXT FROM Name_Cursor;
SELECT @@CURSOR_ROWS AS cr;
CLOSE Name_Cursor;
SELECT @@CURSOR_ROWS AS cr;
DEALLOCATE Name_Cursor;
-- expect: cr
-- 0
-- expect: LastName | cr
-- Sánchez | -1
-- expect: cr
-- -1
-- expect: cr
-- 0
GO
DECLARE s CURSOR STATIC FOR SELECT LastName FROM Person.Person WHERE LastName LIKE 'B%';
OPEN s;
SELECT @@CURSOR_ROWS AS cr;
DEALLOCATE s;
-- expect: cr
-- 4
GO
-- CURSOR_STATUS: the page's #TMP example (-1 declared or closed, 1 open).
CREATE TABLE #TMP (ii int)
GO
INSERT INTO #TMP(ii) VALUES(1)
INSERT INTO #TMP(ii) VALUES(2)
INSERT INTO #TMP(ii) VALUES(3)
GO
DECLARE cur CURSOR
FOR SELECT * FROM #TMP
SELECT CURSOR_STATUS('global','cur') AS 'After declare'
OPEN cur
SELECT CURSOR_STATUS('global','cur') AS 'After Open'
CLOSE cur
SELECT CURSOR_STATUS('global','cur') AS 'After Close'
DEALLOCATE cur
SELECT CURSOR_STATUS('global','cur') AS 'After Deallocate'
DROP TABLE #TMP
-- expect: After declare
-- -1
-- expect: After Open
-- 1
-- expect: After Close
-- -1
-- expect: After Deallocate
-- -3
GO
-- CURSOR_STATUS of a cursor variable: -2 when the variable holds no
-- cursor, 0 for an open cursor with an empty result set.
DECLARE @v CURSOR;
SELECT CURSOR_STATUS('variable', '@v') AS unset;
SET @v = CURSOR FOR SELECT 1 AS x WHERE 1 = 0;
OPEN @v;
SELECT CURSOR_STATUS('variable', '@v') AS empty_open;
DEALLOCATE @v;
-- expect: unset
-- -2
-- expect: empty_open
-- 0
GO
-- DECLARE @local_variable: a cursor variable over a SCROLL DYNAMIC cursor.
DECLARE @CursorVar CURSOR;
SET @CursorVar = CURSOR SCROLL DYNAMIC
FOR
SELECT LastName, FirstName
FROM Person.Person
WHERE LastName like 'B%'
ORDER BY LastName, FirstName;
OPEN @CursorVar;
FETCH NEXT FROM @CursorVar;
WHILE @@FETCH_STATUS = 0
BEGIN
    FETCH NEXT FROM @CursorVar
END;
CLOSE @CursorVar;
DEALLOCATE @CursorVar;
-- expect: LastName | FirstName
-- Bailey | Chris
-- expect: LastName | FirstName
-- Berndt | Matthias
-- expect: LastName | FirstName
-- Brown | Jo
-- expect: LastName | FirstName
-- Brown | Robert
-- expect: LastName | FirstName
GO
-- CREATE PROCEDURE's cursor OUTPUT parameter example. The page's loop tests
-- @@FETCH_STATUS before the first FETCH; after the previous batch's last
-- fetch it is -1, so the check fetches explicitly.
CREATE PROCEDURE dbo.uspCurrencyCursor
    @CurrencyCursor CURSOR VARYING OUTPUT
AS
    SET NOCOUNT ON;
    SET @CurrencyCursor = CURSOR
    FORWARD_ONLY STATIC FOR
      SELECT CurrencyCode, Name
      FROM Sales.Currency ORDER BY CurrencyCode;
    OPEN @CurrencyCursor;
GO
DECLARE @MyCursor CURSOR;
EXEC dbo.uspCurrencyCursor @CurrencyCursor = @MyCursor OUTPUT;
FETCH NEXT FROM @MyCursor;
WHILE (@@FETCH_STATUS = 0)
BEGIN;
     FETCH NEXT FROM @MyCursor;
END;
CLOSE @MyCursor;
DEALLOCATE @MyCursor;
-- expect: CurrencyCode | Name
-- AED | Emirati Dirham
-- expect: CurrencyCode | Name
-- AFA | Afghani
-- expect: CurrencyCode | Name
-- ALL | Lek
-- expect: CurrencyCode | Name
GO
-- DEALLOCATE: a cursor variable, then the variable takes a new cursor.
DECLARE @MyCursor CURSOR;
SET @MyCursor = CURSOR LOCAL SCROLL FOR
SELECT * FROM Sales.Currency;
DEALLOCATE @MyCursor;
SET @MyCursor = CURSOR LOCAL SCROLL FOR
SELECT * FROM Person.Person;
SELECT CURSOR_STATUS('variable', '@MyCursor') AS st;
-- expect: st
-- -1
GO
-- DEALLOCATE: a global cursor referenced by variables lives until its
-- last reference is gone.
DECLARE abc CURSOR GLOBAL SCROLL FOR
SELECT Name FROM Sales.Currency ORDER BY CurrencyCode;
OPEN abc;
GO
DECLARE @MyCrsrRef1 CURSOR;
SET @MyCrsrRef1 = abc;
DEALLOCATE @MyCrsrRef1;
FETCH NEXT FROM abc;
-- expect: Name
-- Emirati Dirham
GO
DECLARE @MyCrsrRef2 CURSOR;
SET @MyCrsrRef2 = abc;
DEALLOCATE abc;
FETCH NEXT FROM @MyCrsrRef2;
SELECT CURSOR_STATUS('global', 'abc') AS by_name;
-- expect: Name
-- Afghani
-- expect: by_name
-- -3
GO
-- The last reference went out of scope with the batch: the cursor is gone
-- and the name is free.
DECLARE abc CURSOR GLOBAL FOR SELECT 1 AS one;
DEALLOCATE abc;
GO
-- CLOSE then FETCH: 16917; OPEN twice: 16905; an unknown name: 16916; a
-- second DECLARE of the same name: 16915; INTO with the wrong number of
-- variables: 16924.
DECLARE c CURSOR FOR SELECT BusinessEntityID, LastName FROM Person.Person;
OPEN c;
CLOSE c;
FETCH NEXT FROM c;
-- error: 16917 Cursor is not open.
GO
OPEN c;
OPEN c;
-- error: 16905 The cursor is already open.
GO
DECLARE c CURSOR FOR SELECT 1;
-- error: 16915 A cursor with the name 'c' already exists.
GO
DECLARE @id int;
FETCH NEXT FROM c INTO @id;
-- error: 16924 Cursorfetch: The number of variables declared in the INTO list must match that of selected columns.
GO
DEALLOCATE c;
FETCH NEXT FROM c;
-- error: 16916 A cursor with the name 'c' does not exist.
GO
CLOSE nosuch;
-- error: 16916 A cursor with the name 'nosuch' does not exist.
GO
-- A cursor variable with no cursor: 16950.
DECLARE @c CURSOR;
FETCH NEXT FROM @c;
-- error: 16950 The variable '@c' does not currently have a cursor allocated to it.
GO
-- LOCAL cursors end with the batch; GLOBAL ones stay for the connection.
DECLARE loc CURSOR LOCAL FOR SELECT 1 AS one;
DECLARE glo CURSOR GLOBAL FOR SELECT 1 AS one;
GO
SELECT CURSOR_STATUS('local', 'loc') AS loc, CURSOR_STATUS('global', 'glo') AS glo;
-- expect: loc | glo
-- -3 | -1
GO
DEALLOCATE glo;
GO
-- ISO syntax: INSENSITIVE SCROLL CURSOR … FOR READ ONLY; a READ ONLY
-- cursor cannot be the target of WHERE CURRENT OF (16929).
DECLARE iso INSENSITIVE SCROLL CURSOR FOR
SELECT BusinessEntityID, JobTitle FROM HumanResources.Employee ORDER BY BusinessEntityID
FOR READ ONLY;
OPEN iso;
FETCH LAST FROM iso;
UPDATE HumanResources.Employee SET JobTitle = N'x' WHERE CURRENT OF iso;
-- expect: BusinessEntityID | JobTitle
-- 3 | Engineering Manager
-- error: 16929 The cursor is READ ONLY.
GO
DEALLOCATE iso;
GO
-- FOR UPDATE OF on a READ_ONLY cursor: 16957.
DECLARE ro CURSOR READ_ONLY FOR SELECT JobTitle FROM HumanResources.Employee FOR UPDATE OF JobTitle;
-- error: 16957 FOR UPDATE cannot be specified on a READ ONLY cursor.
GO
-- UPDATE … WHERE CURRENT OF (the UPDATE page's complex_cursor example):
-- the first row whose RateChangeDate is not the employee's latest.
DECLARE complex_cursor CURSOR FOR
    SELECT a.BusinessEntityID
    FROM HumanResources.EmployeePayHistory AS a
    WHERE RateChangeDate <>
         (SELECT MAX(RateChangeDate)
          FROM HumanResources.EmployeePayHistory AS b
          WHERE a.BusinessEntityID = b.BusinessEntityID) ;
OPEN complex_cursor;
FETCH FROM complex_cursor;
UPDATE HumanResources.EmployeePayHistory
SET PayFrequency = 2
WHERE CURRENT OF complex_cursor;
CLOSE complex_cursor;
DEALLOCATE complex_cursor;
SELECT BusinessEntityID, RateChangeDate, PayFrequency FROM HumanResources.EmployeePayHistory WHERE BusinessEntityID = 4 ORDER BY RateChangeDate;
-- expect: BusinessEntityID
-- 4
-- expect: BusinessEntityID | RateChangeDate | PayFrequency
-- 4 | 2007-01-05 00:00:00.000 | 2
-- 4 | 2007-07-31 00:00:00.000 | 1
-- 4 | 2009-12-15 00:00:00.000 | 1
GO
-- DELETE … WHERE CURRENT OF (the DELETE page's example, a FOR UPDATE OF
-- cursor): the cursor's current row is deleted.
DECLARE complex_cursor CURSOR FOR
    SELECT a.BusinessEntityID, a.RateChangeDate
    FROM HumanResources.EmployeePayHistory AS a
    WHERE a.BusinessEntityID = 4
    ORDER BY a.RateChangeDate DESC
    FOR UPDATE OF PayFrequency;
OPEN complex_cursor;
FETCH FROM complex_cursor;
DELETE FROM HumanResources.EmployeePayHistory
WHERE CURRENT OF complex_cursor;
CLOSE complex_cursor;
DEALLOCATE complex_cursor;
SELECT COUNT(*) AS n FROM HumanResources.EmployeePayHistory WHERE BusinessEntityID = 4;
-- expect: BusinessEntityID | RateChangeDate
-- 4 | 2009-12-15 00:00:00.000
-- expect: n
-- 2
GO
-- sp_describe_cursor (the page's example): a STATIC global cursor,
-- described through a report cursor. The page prints the report's rows;
-- the check reads them INTO variables. The values follow the page's
-- column descriptions: scope 2 global, status 1 open, model 1 static,
-- concurrency 1 read-only, scrollable 1 (STATIC without FORWARD_ONLY
-- scrolls), cursor_rows 1 (Sánchez), fetch_status -9 (no fetch yet),
-- last_operation 1 (OPEN).
DECLARE abc CURSOR STATIC FOR
SELECT LastName
FROM Person.Person
WHERE LastName LIKE 'S%';
OPEN abc;
DECLARE @Report CURSOR;
EXEC master.dbo.sp_describe_cursor @cursor_return = @Report OUTPUT,
        @cursor_source = N'global', @cursor_identity = N'abc';
DECLARE @ref nvarchar(128), @name nvarchar(128), @scope smallint, @status int, @model smallint, @conc smallint, @scrollable smallint,
  @open_status smallint, @rows decimal(10,0), @fetch smallint, @cols smallint, @row decimal(10,0), @lastop smallint, @handle int;
FETCH NEXT FROM @Report INTO @ref, @name, @scope, @status, @model, @conc, @scrollable, @open_status, @rows, @fetch, @cols, @row, @lastop, @handle;
SELECT @ref AS reference_name, @name AS cursor_name, @scope AS cursor_scope, @status AS status, @model AS model,
  @conc AS concurrency, @scrollable AS scrollable, @open_status AS open_status, @rows AS cursor_rows, @fetch AS fetch_status,
  @cols AS column_count, @row AS row_count, @lastop AS last_operation;
CLOSE @Report;
DEALLOCATE @Report;
CLOSE abc;
DEALLOCATE abc;
-- expect: reference_name | cursor_name | cursor_scope | status | model | concurrency | scrollable | open_status | cursor_rows | fetch_status | column_count | row_count | last_operation
-- abc | abc | 2 | 1 | 1 | 1 | 1 | 1 | 1 | -9 | 1 | 0 | 1
GO
-- sp_cursor_list: the page's example lists the connection's global
-- cursors (@cursor_scope 2).
DECLARE abc CURSOR KEYSET FOR
SELECT LastName
FROM Person.Person
WHERE LastName LIKE 'S%';
OPEN abc;
DECLARE @Report CURSOR;
EXEC master.dbo.sp_cursor_list @cursor_return = @Report OUTPUT,
      @cursor_scope = 2;
DECLARE @ref nvarchar(128), @name nvarchar(128), @scope smallint, @status int, @model smallint, @conc smallint, @scrollable smallint,
  @open_status smallint, @rows decimal(10,0), @fetch smallint, @cols smallint, @row decimal(10,0), @lastop smallint, @handle int;
FETCH NEXT FROM @Report INTO @ref, @name, @scope, @status, @model, @conc, @scrollable, @open_status, @rows, @fetch, @cols, @row, @lastop, @handle;
SELECT @name AS cursor_name, @scope AS cursor_scope, @model AS model, @scrollable AS scrollable, @rows AS cursor_rows;
FETCH NEXT FROM @Report INTO @ref, @name, @scope, @status, @model, @conc, @scrollable, @open_status, @rows, @fetch, @cols, @row, @lastop, @handle;
SELECT @@FETCH_STATUS AS fs;
CLOSE @Report;
DEALLOCATE @Report;
CLOSE abc;
DEALLOCATE abc;
-- expect: cursor_name | cursor_scope | model | scrollable | cursor_rows
-- abc | 2 | 2 | 1 | 1
-- expect: fs
-- -1
GO
-- The ISO form takes none of the Transact-SQL options after CURSOR, and
-- INSENSITIVE comes before SCROLL (DECLARE CURSOR's two syntaxes).
DECLARE c SCROLL CURSOR LOCAL FOR SELECT 1 AS one;
-- error: 102 Incorrect syntax near 'LOCAL'.
GO
DECLARE c SCROLL INSENSITIVE CURSOR FOR SELECT 1 AS one;
-- error: 102 Incorrect syntax near 'INSENSITIVE'.
GO
-- An ISO cursor without SCROLL fetches NEXT only; INSENSITIVE is STATIC
-- (@@CURSOR_ROWS is its row count).
DECLARE c INSENSITIVE CURSOR FOR SELECT BusinessEntityID FROM Person.Person ORDER BY BusinessEntityID;
OPEN c;
SELECT @@CURSOR_ROWS AS cr;
FETCH LAST FROM c;
-- expect: cr
-- 8
-- error: 16911 fetch: The fetch type last cannot be used with forward only cursors.
GO
DEALLOCATE c;
GO

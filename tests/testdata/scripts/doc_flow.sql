-- Documented examples of control of flow: BEGIN...END, IF...ELSE, WHILE,
-- BREAK, CONTINUE, GOTO, RETURN and WAITFOR
-- (learn.microsoft.com/sql/t-sql/language-elements/begin-end-transact-sql,
-- …/if-else-transact-sql, …/while-transact-sql, …/break-transact-sql,
-- …/continue-transact-sql, …/goto-transact-sql, …/return-transact-sql,
-- …/waitfor-transact-sql). The AdventureWorks tables are small tables of
-- our own. WAITFOR waits at most a second here; WAITFOR (RECEIVE …) is
-- Service Broker's, out of scope.
CREATE TABLE dbo.Product (ProductID int PRIMARY KEY, Name nvarchar(50) NOT NULL, ListPrice money NOT NULL, Weight decimal(8, 2) NULL);
INSERT dbo.Product VALUES (1, N'Touring-1000 Blue', 120.00, 20.50), (2, N'Touring-2000 Blue', 80.00, 22.00),
  (3, N'Road-150 Red', 60.00, NULL), (4, N'Mountain-100', 40.00, 18.00);
CREATE TABLE dbo.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50), MiddleName nvarchar(50) NULL, LastName nvarchar(50));
INSERT dbo.Person VALUES (1, N'Jay', N'G', N'Adams'), (2, N'Frances', NULL, N'Adams'), (3, N'Ken', N'J', N'Sánchez');
CREATE TABLE dbo.Employee (LoginID nvarchar(256) PRIMARY KEY, JobTitle nvarchar(50));
INSERT dbo.Employee VALUES (N'adventure-works\david8', N'Marketing Specialist'),
  (N'adventure-works\jill0', N'Marketing Specialist'), (N'adventure-works\ken0', N'Chief Executive Officer');
GO
-- BEGIN...END A. Define a sequence of logically related statements that
-- run in order: the block does not run (@@TRANCOUNT is 1), the second
-- ROLLBACK does.
BEGIN TRANSACTION;
IF @@TRANCOUNT = 0
BEGIN
    SELECT FirstName, MiddleName
    FROM dbo.Person
    WHERE LastName = 'Adams';
    ROLLBACK TRANSACTION;
    PRINT N'Rolling back the transaction two times causes an error.';
END;
ROLLBACK TRANSACTION;
PRINT N'Rolled back the transaction.';
-- message: Rolled back the transaction.
GO
-- BEGIN...END blocks nest; an empty block is a syntax error (the page:
-- a BEGIN...END block must contain at least one statement).
BEGIN
    BEGIN
        PRINT 'inner';
    END
    PRINT 'outer';
END
-- message: inner
-- message: outer
GO
BEGIN
END
-- error: 156 Incorrect syntax near the keyword 'END'.
GO
-- BEGIN...END C. A GOTO label as the placeholder statement of a block
-- that would otherwise be empty.
IF 1 = 1
BEGIN
    placeholder:
END
PRINT 'done';
-- message: done
GO
-- IF...ELSE: a Boolean expression with a query, and ELSE.
IF (SELECT COUNT(*) FROM dbo.Product WHERE Name LIKE 'Touring-3000%') > 5
    PRINT 'There are more than 5 Touring-3000 bicycles.'
ELSE
    PRINT 'There are 5 or less Touring-3000 bicycles.';
-- message: There are 5 or less Touring-3000 bicycles.
GO
-- IF...ELSE: a date in a fixed variable instead of GETDATE().
DECLARE @d date = '2024-06-15';
IF DATENAME(weekday, @d) IN (N'Saturday', N'Sunday')
    SELECT 'Weekend' AS DayType;
ELSE
    SELECT 'Weekday' AS DayType;
-- expect: DayType
-- Weekend
GO
-- IF...ELSE: nested IF...ELSE
DECLARE @Number int;
SET @Number = 50;
IF @Number > 100
    PRINT 'The number is large.';
ELSE
BEGIN
    IF @Number < 10
        PRINT 'The number is small.';
    ELSE
        PRINT 'The number is medium.';
END;
-- message: The number is medium.
GO
-- IF...ELSE with a query in each branch (the ProductID weight example).
DECLARE @maxWeight decimal(8, 2), @productKey int, @nameLike nvarchar(50);
SET @maxWeight = 100.00;
SET @productKey = 1;
SET @nameLike = N'Touring%';
IF @maxWeight <= (SELECT Weight FROM dbo.Product WHERE ProductID = @productKey)
    SELECT @productKey AS ProductKey, Name, Weight, 'This product is too heavy to ship and is only available for pickup.' AS ShippingStatus
    FROM dbo.Product WHERE ProductID = @productKey;
ELSE
    SELECT @productKey AS ProductKey, Name, Weight, 'This product is available for shipping or pickup.' AS ShippingStatus
    FROM dbo.Product WHERE ProductID = @productKey;
-- expect: ProductKey | Name | Weight | ShippingStatus
-- 1 | Touring-1000 Blue | 20.50 | This product is available for shipping or pickup.
GO
-- IF with a NULL condition takes the ELSE branch.
IF NULL = NULL
    PRINT 'true';
ELSE
    PRINT 'not true';
IF EXISTS (SELECT * FROM dbo.Product WHERE Weight IS NULL)
    PRINT 'a product has no weight';
IF NOT EXISTS (SELECT * FROM dbo.Product WHERE ListPrice > 1000)
    PRINT 'no product over 1000';
-- message: not true
-- message: a product has no weight
-- message: no product over 1000
GO
-- WHILE A. Use BREAK and CONTINUE with nested IF...ELSE and WHILE: double
-- the prices until the average reaches 300 or the maximum exceeds 500.
WHILE (SELECT AVG(ListPrice) FROM dbo.Product) < $300
BEGIN
    UPDATE dbo.Product
        SET ListPrice = ListPrice * 2;
    SELECT MAX(ListPrice) AS MaxPrice FROM dbo.Product;
    IF (SELECT MAX(ListPrice) FROM dbo.Product) > $500
        BREAK;
    ELSE
        CONTINUE;
END
PRINT 'Too much for the market to bear';
-- expect: MaxPrice
-- 240.0000
-- expect: MaxPrice
-- 480.0000
-- message: Too much for the market to bear
GO
-- WHILE C. Use a cursor's @@FETCH_STATUS as the WHILE condition.
DECLARE @EmployeeID nvarchar(256), @Title nvarchar(50);
DECLARE Employee_Cursor CURSOR FOR
    SELECT LoginID, JobTitle
    FROM dbo.Employee
    WHERE JobTitle = 'Marketing Specialist'
    ORDER BY LoginID;
OPEN Employee_Cursor;
FETCH NEXT FROM Employee_Cursor INTO @EmployeeID, @Title;
WHILE @@FETCH_STATUS = 0
BEGIN
    PRINT '   ' + @EmployeeID + '      ' + @Title;
    FETCH NEXT FROM Employee_Cursor INTO @EmployeeID, @Title;
END;
CLOSE Employee_Cursor;
DEALLOCATE Employee_Cursor;
-- message:    adventure-works\david8      Marketing Specialist
-- message:    adventure-works\jill0      Marketing Specialist
GO
-- BREAK leaves only the innermost WHILE; CONTINUE skips to its next test.
DECLARE @i int = 0, @j int, @out varchar(100) = '';
WHILE @i < 3
BEGIN
    SET @i += 1;
    SET @j = 0;
    WHILE 1 = 1
    BEGIN
        SET @j += 1;
        IF @j = 2 CONTINUE;
        IF @j > 3 BREAK;
        SET @out += CONCAT(@i, '.', @j, ' ');
    END
END
SELECT @out AS visited;
-- expect: visited
-- 1.1 1.3 2.1 2.3 3.1 3.3 
GO
-- BREAK and CONTINUE outside a WHILE loop are syntax errors.
BREAK;
-- error: 135 Cannot use a BREAK statement outside the scope of a WHILE statement.
GO
CONTINUE;
-- error: 136 Cannot use a CONTINUE statement outside the scope of a WHILE statement.
GO
-- GOTO: branch out of a WHILE loop to a label; Branch_Two never runs.
DECLARE @Counter int;
SET @Counter = 1;
WHILE @Counter < 10
BEGIN
    SELECT @Counter AS Counter;
    SET @Counter = @Counter + 1;
    IF @Counter = 4 GOTO Branch_One; --Jumps to the first branch.
    IF @Counter = 5 GOTO Branch_Two;  --This will never execute.
END
Branch_One:
    SELECT 'Jumping To Branch One.' AS Branch;
    GOTO Branch_Three; --This will prevent Branch_Two from executing.
Branch_Two:
    SELECT 'Jumping To Branch Two.' AS Branch;
Branch_Three:
    SELECT 'Jumping To Branch Three.' AS Branch;
-- expect: Counter
-- 1
-- expect: Counter
-- 2
-- expect: Counter
-- 3
-- expect: Branch
-- Jumping To Branch One.
-- expect: Branch
-- Jumping To Branch Three.
GO
-- GOTO backwards makes a loop.
DECLARE @n int = 0;
again:
SET @n += 1;
IF @n < 5 GOTO again;
SELECT @n AS n;
-- expect: n
-- 5
GO
-- GOTO a label that is not in the batch is an error of the whole batch.
PRINT 'not printed';
GOTO nowhere;
-- error: 133 A GOTO statement references the label 'nowhere' but the label has not been declared.
GO
-- A label declared twice.
here:
PRINT 'x';
here:
-- error: 132 The label 'here' has already been declared. Label names must be unique within a query batch or stored procedure.
GO
-- RETURN A. Returning from a procedure: with no user name given it
-- prints a message and returns; RETURN without a value returns 0.
CREATE PROCEDURE findjobs @nm sysname = NULL
AS
IF @nm IS NULL
    BEGIN
        PRINT 'You must give a user name';
        RETURN;
    END
ELSE
    BEGIN
        SELECT LoginID, JobTitle
        FROM dbo.Employee
        WHERE LoginID LIKE @nm + N'%';
    END;
GO
DECLARE @rc int;
EXECUTE @rc = findjobs;
SELECT @rc AS rc;
EXECUTE findjobs N'adventure-works\ken';
-- message: You must give a user name
-- expect: rc
-- 0
-- expect: LoginID | JobTitle
-- adventure-works\ken0 | Chief Executive Officer
GO
-- RETURN B. Returning status codes
CREATE TABLE dbo.ContactInfo (ContactID int PRIMARY KEY, StateProvince nvarchar(30));
INSERT dbo.ContactInfo VALUES (1, N'CA'), (2, N'WA');
GO
CREATE PROCEDURE checkstate @param varchar(11)
AS
IF (SELECT StateProvince FROM dbo.ContactInfo WHERE ContactID = @param) = 'WA'
    RETURN 1
ELSE
    RETURN 2;
GO
DECLARE @return_status int;
EXEC @return_status = checkstate '2';
SELECT 'Return Status' = @return_status;
EXEC @return_status = checkstate '1';
SELECT 'Return Status' = @return_status;
-- expect: Return Status
-- 1
-- expect: Return Status
-- 2
GO
-- RETURN in a batch ends it; the statements after it do not run.
PRINT 'before';
RETURN;
PRINT 'after';
-- message: before
GO
-- RETURN in a WHILE loop inside a procedure leaves the procedure.
CREATE PROCEDURE dbo.FirstOver @limit money
AS
DECLARE @id int = 0;
WHILE 1 = 1
BEGIN
    SELECT TOP (1) @id = ProductID FROM dbo.Product WHERE ProductID > @id ORDER BY ProductID;
    IF @@ROWCOUNT = 0 RETURN -1;
    IF (SELECT ListPrice FROM dbo.Product WHERE ProductID = @id) > @limit RETURN @id;
END
GO
DECLARE @r int;
EXEC @r = dbo.FirstOver 300;
SELECT @r AS first_over_300;
EXEC @r = dbo.FirstOver 5000;
SELECT @r AS first_over_5000;
-- expect: first_over_300
-- 1
-- expect: first_over_5000
-- -1
GO
-- RETURN with a value outside a procedure is an error of the batch.
RETURN 5;
-- error: 178 A RETURN statement with a return value cannot be used in this context.
GO
-- A NULL return value is returned as 0, with a warning.
CREATE PROCEDURE dbo.ReturnsNull AS RETURN NULL;
GO
DECLARE @r int = 99;
EXEC @r = dbo.ReturnsNull;
SELECT @r AS r;
-- message: The 'ReturnsNull' procedure attempted to return a status of NULL, which is not allowed. A status of 0 will be returned instead.
-- expect: r
-- 0
GO
-- RETURN @status with @status NULL (the page's example), in a procedure
-- another calls: the inner one warns, its 0 is what the outer one sees.
CREATE PROCEDURE dbo.ReturnsNullVar AS
DECLARE @status int;
SELECT 1 AS before_return;
RETURN @status;
GO
CREATE PROCEDURE dbo.CallsReturnsNullVar AS
DECLARE @r int = 7;
EXEC @r = dbo.ReturnsNullVar;
RETURN @r + 40;
GO
DECLARE @r int = 99;
EXEC @r = dbo.CallsReturnsNullVar;
SELECT @r AS r;
-- expect: before_return
-- 1
-- message: The 'ReturnsNullVar' procedure attempted to return a status of NULL, which is not allowed. A status of 0 will be returned instead.
-- expect: r
-- 40
GO
-- WAITFOR A. / B.: DELAY waits a time span; TIME until a time of day (here
-- one second ahead, computed so that the script never waits long).
WAITFOR DELAY '00:00:00.1';
SELECT 'after the delay' AS s;
-- expect: s
-- after the delay
GO
DECLARE @until char(8) = CONVERT(char(8), DATEADD(second, 1, GETDATE()), 108);
WAITFOR TIME @until;
SELECT 'after the time' AS s;
-- expect: s
-- after the time
GO
-- WAITFOR C. Using WAITFOR DELAY with a local variable (the page's
-- TimeDelay_hh_mm_ss procedure, with a short delay).
CREATE PROCEDURE dbo.TimeDelay_hh_mm_ss
    (@DelayLength char(8) = '00:00:00')
AS
DECLARE @ReturnInfo varchar(255);
IF ISDATE('2000-01-01 ' + @DelayLength + '.000') = 0
    BEGIN
        SELECT @ReturnInfo = 'Invalid time ' + @DelayLength
        + ',hh:mm:ss, submitted.';
        -- This PRINT statement is for testing, not use in production.
        PRINT @ReturnInfo;
        RETURN(1);
    END
BEGIN
    WAITFOR DELAY @DelayLength;
    SELECT @ReturnInfo = 'A total time of ' + @DelayLength + ', hh:mm,ss, has elapsed! Your time is up.';
    -- This PRINT statement is for testing, not use in production.
    PRINT @ReturnInfo;
END;
GO
DECLARE @rc int;
EXEC @rc = dbo.TimeDelay_hh_mm_ss '00:00:01';
SELECT @rc AS ok;
EXEC @rc = dbo.TimeDelay_hh_mm_ss '00:0x:00';
SELECT @rc AS invalid;
-- message: A total time of 00:00:01, hh:mm,ss, has elapsed! Your time is up.
-- expect: ok
-- 0
-- message: Invalid time 00:0x:00,hh:mm:ss, submitted.
-- expect: invalid
-- 1
GO
-- WAITFOR DELAY of a malformed time is 148.
WAITFOR DELAY '00:00:99';
-- error: 148 Incorrect time syntax in time string '00:00:99' used with WAITFOR.
GO

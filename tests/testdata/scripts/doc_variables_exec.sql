-- Documented examples of DECLARE @local_variable, SET @local_variable,
-- SELECT @local_variable, EXECUTE and sp_executesql
-- (learn.microsoft.com/sql/t-sql/language-elements/declare-local-variable-transact-sql,
-- …/set-local-variable-transact-sql, …/select-local-variable-transact-sql,
-- …/execute-transact-sql, relational-databases/system-stored-procedures/
-- sp-executesql-transact-sql). The AdventureWorks tables are small tables
-- of our own. Out of scope: EXECUTE … AT linked servers and data sources,
-- CLR user-defined types' methods.
CREATE TABLE dbo.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50), LastName nvarchar(50));
INSERT dbo.Person VALUES (1, N'Ken', N'Manchester'), (2, N'Terri', N'Mansfield'), (3, N'Rob', N'Walters'),
  (4, N'Gail', N'Mander');
CREATE TABLE dbo.Employee (BusinessEntityID int PRIMARY KEY, VacationHours smallint, ModifiedDate datetime);
INSERT dbo.Employee VALUES (1, 40, '2024-01-01'), (2, 20, '2024-01-01'), (3, 8, '2024-01-01');
CREATE TABLE dbo.Store (CustomerID int PRIMARY KEY, Name nvarchar(50));
INSERT dbo.Store VALUES (1, N'Bike World'), (2, N'Cycle Shop');
GO
-- DECLARE A. Use DECLARE: a variable in a LIKE pattern.
DECLARE @find varchar(30);
/* Also allowed:
DECLARE @find varchar(30) = 'Man%';
*/
SET @find = 'Man%';
SELECT p.LastName, p.FirstName
FROM dbo.Person AS p
WHERE LastName LIKE @find
ORDER BY p.LastName;
-- expect: LastName | FirstName
-- Manchester | Ken
-- Mander | Gail
-- Mansfield | Terri
GO
-- DECLARE B. Two variables in one DECLARE, with initial values.
DECLARE @Group nvarchar(50) = N'North America', @Sales money = 2000000;
SELECT @Group AS [Group], @Sales AS Sales;
-- expect: Group | Sales
-- North America | 2000000.0000
GO
-- A variable that is declared but not set is NULL.
DECLARE @unset int;
SELECT @unset AS unset;
-- expect: unset
-- NULL
GO
-- A variable's scope is its batch: the next batch does not know it.
DECLARE @scoped int = 1;
GO
SELECT @scoped;
-- error: 137 Must declare the scalar variable "@scoped".
GO
-- A variable declared twice in a batch is 134.
DECLARE @twice int;
DECLARE @twice int;
-- error: 134 The variable name '@twice' has already been declared. Variable names must be unique within a query batch or stored procedure.
GO
-- DECLARE C. Declare a variable of type table: the OUTPUT of an UPDATE
-- goes into it.
DECLARE @MyTableVar TABLE (
    EmpID int NOT NULL,
    OldVacationHours int,
    NewVacationHours int,
    ModifiedDate datetime);
UPDATE TOP (10) dbo.Employee
SET VacationHours = VacationHours * 1.25,
    ModifiedDate = '2024-06-01'
OUTPUT inserted.BusinessEntityID,
       deleted.VacationHours,
       inserted.VacationHours,
       inserted.ModifiedDate
INTO @MyTableVar;
--Display the result set of the table variable.
SELECT EmpID, OldVacationHours, NewVacationHours, ModifiedDate
FROM @MyTableVar ORDER BY EmpID;
-- expect: EmpID | OldVacationHours | NewVacationHours | ModifiedDate
-- 1 | 40 | 50 | 2024-06-01 00:00:00.000
-- 2 | 20 | 25 | 2024-06-01 00:00:00.000
-- 3 | 8 | 10 | 2024-06-01 00:00:00.000
GO
-- DECLARE D. A table variable with inline indexes.
DECLARE @MyTableVar TABLE (
    EmpID int NOT NULL,
    PRIMARY KEY CLUSTERED (EmpID),
    UNIQUE NONCLUSTERED (EmpID),
    INDEX CustomNonClusteredIndex NONCLUSTERED (EmpID));
INSERT @MyTableVar VALUES (2), (1);
SELECT EmpID FROM @MyTableVar ORDER BY EmpID;
-- expect: EmpID
-- 1
-- 2
GO
-- A table variable's PRIMARY KEY is enforced (2627).
DECLARE @pk TABLE (id int PRIMARY KEY);
INSERT @pk VALUES (1);
BEGIN TRY
    INSERT @pk VALUES (1);
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS n;
END CATCH;
-- expect: n
-- 2627
GO
-- DECLARE E. A variable of a user-defined table type.
CREATE TYPE LocationTableType AS TABLE (LocationName varchar(50), CostRate int);
GO
DECLARE @LocationTVP AS LocationTableType;
INSERT @LocationTVP VALUES ('Paint Shop', 10), ('Tool Crib', 20);
SELECT LocationName, CostRate FROM @LocationTVP ORDER BY CostRate;
-- expect: LocationName | CostRate
-- Paint Shop | 10
-- Tool Crib | 20
GO
-- A table variable is no part of a transaction: ROLLBACK keeps its rows.
DECLARE @kept TABLE (id int);
BEGIN TRANSACTION;
INSERT @kept VALUES (1);
ROLLBACK;
SELECT COUNT(*) AS kept FROM @kept;
-- expect: kept
-- 1
GO
-- SET A. Print the value of a variable initialized with SET.
DECLARE @myVar char(20);
SET @myVar = 'This is a test';
SELECT @myVar AS myVar;
-- expect: myVar
-- This is a test      
GO
-- SET C. Compound assignment operators.
DECLARE @NewBalance int;
SET @NewBalance = 10;
SET @NewBalance = @NewBalance * 10;
SELECT @NewBalance AS a;
SET @NewBalance = 10;
SET @NewBalance *= 10;
SELECT @NewBalance AS b;
-- expect: a
-- 100
-- expect: b
-- 100
GO
DECLARE @n int = 100, @s varchar(20) = 'ab';
SET @n += 5;
SET @n -= 3;
SET @n /= 2;
SET @n %= 7;
SET @n &= 6;
SET @n |= 8;
SET @n ^= 1;
SET @s += 'cd';
SELECT @n AS n, @s AS s;
-- expect: n | s
-- 11 | abcd
GO
-- SET D. A cursor variable: SET @CursorVar = CURSOR … FOR select.
DECLARE @CursorVar CURSOR;
SET @CursorVar = CURSOR SCROLL DYNAMIC
FOR
SELECT LastName, FirstName
FROM dbo.Person
WHERE LastName LIKE 'W%';
OPEN @CursorVar;
FETCH NEXT FROM @CursorVar;
WHILE @@FETCH_STATUS = 0
BEGIN
    FETCH NEXT FROM @CursorVar;
END;
CLOSE @CursorVar;
DEALLOCATE @CursorVar;
-- expect: LastName | FirstName
-- Walters | Rob
-- expect: LastName | FirstName
GO
-- SET E. Assign a value from a query.
DECLARE @rows int;
SET @rows = (SELECT COUNT(*) FROM dbo.Person);
SELECT @rows AS [Rows];
-- expect: Rows
-- 4
GO
-- SET with a subquery that returns more than one row is 512.
DECLARE @name nvarchar(50);
SET @name = (SELECT LastName FROM dbo.Person);
-- error: 512 Subquery returned more than 1 value. This is not permitted when the subquery follows =, !=, <, <= , >, >= or when the subquery is used as an expression.
GO
-- SET assigns one variable only.
DECLARE @a int, @b int;
SET @a = 1, @b = 2;
-- error: 102 Incorrect syntax near ','.
GO
-- SELECT @local_variable A. A query that returns no rows leaves the
-- variable as it was.
DECLARE @var1 varchar(30);
SELECT @var1 = 'Generic Name';
SELECT @var1 = Name
FROM dbo.Store
WHERE CustomerID = 1000;
SELECT @var1 AS [Company Name];
-- expect: Company Name
-- Generic Name
GO
-- SELECT @local_variable B. A scalar subquery that returns no value sets
-- the variable to NULL.
DECLARE @var1 varchar(30);
SELECT @var1 = 'Generic Name';
SELECT @var1 = (SELECT Name FROM dbo.Store WHERE CustomerID = 1000);
SELECT @var1 AS [Company Name];
-- expect: Company Name
-- NULL
GO
-- SELECT @local_variable: several rows assign the last one's value;
-- compound operators accumulate over the rows.
DECLARE @last nvarchar(50), @list nvarchar(200) = N'', @total int = 0;
SELECT @last = LastName FROM dbo.Person ORDER BY BusinessEntityID;
SELECT @list += LastName + N';', @total += BusinessEntityID FROM dbo.Person ORDER BY BusinessEntityID;
SELECT @last AS last, @list AS list, @total AS total;
-- expect: last | list | total
-- Mander | Manchester;Mansfield;Walters;Mander; | 10
GO
-- A SELECT that assigns a variable may not also return columns (141).
DECLARE @x int;
SELECT @x = BusinessEntityID, LastName FROM dbo.Person;
-- error: 141 A SELECT statement that assigns a value to a variable must not be combined with data-retrieval operations.
GO
-- EXECUTE: procedures for the examples.
CREATE PROCEDURE dbo.uspGetEmployeeManagers @BusinessEntityID int
AS
SET NOCOUNT ON;
SELECT @BusinessEntityID AS ID, p.LastName FROM dbo.Person AS p WHERE p.BusinessEntityID = @BusinessEntityID;
GO
-- EXECUTE A. Pass a single parameter, by position and by name, and with
-- EXECUTE left out as the first statement of a batch.
dbo.uspGetEmployeeManagers 3;
EXEC dbo.uspGetEmployeeManagers 3;
EXEC dbo.uspGetEmployeeManagers @BusinessEntityID = 3;
-- expect: ID | LastName
-- 3 | Walters
-- expect: ID | LastName
-- 3 | Walters
-- expect: ID | LastName
-- 3 | Walters
GO
-- EXECUTE C./E. A procedure name in a variable, and a string built from
-- variables.
DECLARE @proc_name varchar(60);
SET @proc_name = 'dbo.uspGetEmployeeManagers';
EXEC @proc_name 1;
DECLARE @schemaname sysname = N'dbo', @tablename sysname = N'Store';
EXECUTE (N'SELECT COUNT(*) AS n FROM ' + @schemaname + N'.' + @tablename + N';');
-- expect: ID | LastName
-- 1 | Manchester
-- expect: n
-- 2
GO
-- EXECUTE F. Use EXECUTE with DEFAULT.
CREATE PROCEDURE dbo.ProcTestDefaults (
    @p1 smallint = 42,
    @p2 char(1),
    @p3 varchar(8) = 'CAR')
AS
SET NOCOUNT ON;
SELECT @p1, @p2, @p3;
GO
-- Specifying a value only for one parameter (@p2).
EXECUTE dbo.ProcTestDefaults @p2 = 'A';
-- Specifying a value for the first two parameters.
EXECUTE dbo.ProcTestDefaults 68, 'B';
-- Specifying a value for all three parameters.
EXECUTE dbo.ProcTestDefaults 68, 'C', 'House';
-- Using the DEFAULT keyword for the first parameter.
EXECUTE dbo.ProcTestDefaults
    @p1 = DEFAULT,
    @p2 = 'D';
-- Specifying the parameters in an order different from the order
-- defined in the procedure.
EXECUTE dbo.ProcTestDefaults DEFAULT,
    @p3 = 'Local',
    @p2 = 'E';
-- Using the DEFAULT keyword for the first and third parameters.
EXECUTE dbo.ProcTestDefaults DEFAULT, 'H', DEFAULT;
EXECUTE dbo.ProcTestDefaults DEFAULT, 'I', @p3 = DEFAULT;
-- expect: - | - | -
-- 42 | A | CAR
-- expect: - | - | -
-- 68 | B | CAR
-- expect: - | - | -
-- 68 | C | House
-- expect: - | - | -
-- 42 | D | CAR
-- expect: - | - | -
-- 42 | E | Local
-- expect: - | - | -
-- 42 | H | CAR
-- expect: - | - | -
-- 42 | I | CAR
GO
-- A parameter without a default that is not given is 201.
EXECUTE dbo.ProcTestDefaults;
-- error: 201 Procedure or function 'ProcTestDefaults' expects parameter '@p2', which was not supplied.
GO
-- After @name = value, every argument must be named (119).
EXECUTE dbo.ProcTestDefaults @p1 = 1, 'x';
-- error: 119 Must pass parameter number 2 and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'.
GO
-- Too many arguments (8144), and a name the procedure does not have (8145).
EXECUTE dbo.ProcTestDefaults 1, 'a', 'b', 'c';
-- error: 8144 Procedure or function ProcTestDefaults has too many arguments specified.
GO
EXECUTE dbo.ProcTestDefaults @p2 = 'a', @p9 = 1;
-- error: 8145 @p9 is not a parameter for procedure ProcTestDefaults.
GO
-- EXECUTE H. WITH RECOMPILE
EXECUTE dbo.ProcTestDefaults @p2 = 'J' WITH RECOMPILE;
-- expect: - | - | -
-- 42 | J | CAR
GO
-- EXECUTE I. Execute a user-defined scalar function with EXECUTE.
CREATE FUNCTION dbo.ufnGetSalesOrderStatusText (@Status tinyint)
RETURNS nvarchar(15)
AS
BEGIN
    DECLARE @ret nvarchar(15);
    SET @ret = CASE @Status
        WHEN 1 THEN 'In process'
        WHEN 2 THEN 'Approved'
        WHEN 3 THEN 'Backordered'
        ELSE '** Invalid **'
    END;
    RETURN @ret;
END;
GO
DECLARE @returnstatus nvarchar(15);
SET @returnstatus = NULL;
EXEC @returnstatus = dbo.ufnGetSalesOrderStatusText @Status = 2;
PRINT @returnstatus;
EXEC @returnstatus = dbo.ufnGetSalesOrderStatusText 3;
PRINT @returnstatus;
-- message: Approved
-- message: Backordered
GO
-- OUTPUT parameters: the caller's variable gets the value only when the
-- argument says OUTPUT; OUTPUT for a parameter that is no OUTPUT one is 8162.
CREATE PROCEDURE dbo.GetNameCount @pattern nvarchar(50), @count int OUTPUT
AS
SELECT @count = COUNT(*) FROM dbo.Person WHERE LastName LIKE @pattern;
GO
DECLARE @c int = -1, @d int = -1;
EXEC dbo.GetNameCount N'Man%', @c OUTPUT;
EXEC dbo.GetNameCount N'Man%', @d;
SELECT @c AS with_output, @d AS without_output;
-- expect: with_output | without_output
-- 3 | -1
GO
DECLARE @c int;
EXEC dbo.GetNameCount @pattern = N'W%', @count = @c OUT;
SELECT @c AS named_out;
-- expect: named_out
-- 1
GO
DECLARE @p nvarchar(50) = N'x', @c int;
EXEC dbo.GetNameCount @p OUTPUT, @c OUTPUT;
-- error: 8162 The formal parameter "@pattern" was not declared as an OUTPUT parameter, but the actual parameter passed in requested output.
GO
-- EXECUTE O. WITH RESULT SETS renames and retypes the result's columns.
EXEC dbo.uspGetEmployeeManagers 2
WITH RESULT SETS
(
    ([Employee ID] int NOT NULL, [Employee Last Name] nvarchar(50) NOT NULL)
);
-- expect: Employee ID | Employee Last Name
-- 2 | Mansfield
GO
-- EXECUTE P. WITH RESULT SETS for a procedure that returns two result sets.
CREATE PROCEDURE dbo.ProductList @ProdName nvarchar(50)
AS
SELECT BusinessEntityID, LastName FROM dbo.Person WHERE LastName LIKE @ProdName ORDER BY BusinessEntityID;
SELECT LastName, COUNT(*) AS NumberOfOrders FROM dbo.Person WHERE LastName LIKE @ProdName GROUP BY LastName ORDER BY LastName;
GO
EXEC dbo.ProductList N'Man%'
WITH RESULT SETS
(
    (ProductID int, [Name] nvarchar(50)),
    ([Name] nvarchar(50), NumberOfOrders int)
);
-- expect: ProductID | Name
-- 1 | Manchester
-- 2 | Mansfield
-- 4 | Mander
-- expect: Name | NumberOfOrders
-- Manchester | 1
-- Mander | 1
-- Mansfield | 1
GO
-- WITH RESULT SETS that does not match what the procedure sends.
EXEC dbo.uspGetEmployeeManagers 2 WITH RESULT SETS ((OnlyOne int));
-- error: 11537 EXECUTE statement failed because its WITH RESULT SETS clause specified 1 column(s) for result set number 1, but the statement sent 2 column(s) at run time.
GO
EXEC dbo.ProductList N'W%' WITH RESULT SETS ((ProductID int, [Name] nvarchar(50)));
-- expect: ProductID | Name
-- 3 | Walters
-- error: 11535 EXECUTE statement failed because its WITH RESULT SETS clause specified 1 result set(s), and the statement tried to send more result sets than this.
GO
EXEC dbo.uspGetEmployeeManagers 2 WITH RESULT SETS ((a bigint, b varchar(50)), (c int));
-- expect: a | b
-- 2 | Mansfield
-- error: 11536 EXECUTE statement failed because its WITH RESULT SETS clause specified 2 result set(s), but the statement only sent 1 result set(s) at run time.
GO
EXEC dbo.uspGetEmployeeManagers 2 WITH RECOMPILE, RESULT SETS UNDEFINED;
-- expect: ID | LastName
-- 2 | Mansfield
GO
EXEC dbo.uspGetEmployeeManagers 2 WITH RESULT SETS NONE;
-- error: 11535 EXECUTE statement failed because its WITH RESULT SETS clause specified 0 result set(s), and the statement tried to send more result sets than this.
GO
-- EXECUTE M. EXECUTE AS USER in EXEC ('…') runs the string in the user's
-- context, and the caller's context is back afterwards.
CREATE USER User1 WITHOUT LOGIN;
GO
EXECUTE ('SELECT USER_NAME() AS inside;') AS USER = 'User1';
SELECT USER_NAME() AS after_exec;
-- expect: inside
-- User1
-- expect: after_exec
-- dbo
GO
-- The string runs with User1's permissions: it may not read dbo.Store.
EXECUTE ('SELECT COUNT(*) AS n FROM dbo.Store;') AS USER = 'User1';
SELECT COUNT(*) AS n FROM dbo.Store;
-- error: 229
-- expect: n
-- 2
GO
-- EXEC ('…') is a batch of its own: it does not see the caller's
-- variables, and a USE inside it does not change the caller's database.
DECLARE @outer int = 1;
EXEC ('SELECT @outer;');
-- error: 137 Must declare the scalar variable "@outer".
GO
EXEC ('DECLARE @inner int = 5; SELECT @inner AS inner_value;');
-- expect: inner_value
-- 5
GO
-- sp_executesql A. Execute a SELECT statement with a parameter.
EXECUTE sp_executesql
    N'SELECT LastName FROM dbo.Person WHERE BusinessEntityID = @level',
    N'@level tinyint',
    @level = 3;
-- expect: LastName
-- Walters
GO
-- sp_executesql B. A string built dynamically, run with different values.
DECLARE @IntVariable int;
DECLARE @SQLString nvarchar(500);
DECLARE @ParmDefinition nvarchar(500);
SET @SQLString = N'SELECT BusinessEntityID, LastName FROM dbo.Person WHERE BusinessEntityID = @BusinessEntityID';
SET @ParmDefinition = N'@BusinessEntityID tinyint';
SET @IntVariable = 1;
EXECUTE sp_executesql @SQLString, @ParmDefinition, @BusinessEntityID = @IntVariable;
SET @IntVariable = 4;
EXECUTE sp_executesql @SQLString, @ParmDefinition, @BusinessEntityID = @IntVariable;
-- expect: BusinessEntityID | LastName
-- 1 | Manchester
-- expect: BusinessEntityID | LastName
-- 4 | Mander
GO
-- sp_executesql C. Use the OUTPUT parameter.
DECLARE @SQLString nvarchar(500);
DECLARE @ParmDefinition nvarchar(500);
DECLARE @LastName nvarchar(50);
DECLARE @IntVariable int;
SET @SQLString = N'SELECT @NameOUT = MAX(LastName) FROM dbo.Person WHERE BusinessEntityID <= @ID';
SET @ParmDefinition = N'@ID int, @NameOUT nvarchar(50) OUTPUT';
SET @IntVariable = 2;
EXECUTE sp_executesql @SQLString, @ParmDefinition, @ID = @IntVariable, @NameOUT = @LastName OUTPUT;
-- This SELECT statement returns the value of the OUTPUT parameter.
SELECT @LastName AS LastName;
-- expect: LastName
-- Mansfield
GO
-- sp_executesql: parameters by position, and a statement without any.
EXECUTE sp_executesql N'SELECT @a + @b AS total', N'@a int, @b int', 1, 2;
EXECUTE sp_executesql N'SELECT 1 AS one';
-- expect: total
-- 3
-- expect: one
-- 1
GO
-- sp_executesql: the statement must be Unicode (214), and a parameter
-- the definition does not declare must be declared in the statement (137).
EXECUTE sp_executesql 'SELECT 1 AS one';
-- error: 214 Procedure expects parameter '@statement' of type 'ntext/nchar/nvarchar'.
GO
EXECUTE sp_executesql N'SELECT @undeclared';
-- error: 137 Must declare the scalar variable "@undeclared".
GO

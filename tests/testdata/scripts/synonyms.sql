-- Synonyms: another name for a table, view or procedure, here or in
-- another database, resolved when used; sys.synonyms and sys.objects list
-- them, OBJECT_ID finds them.
CREATE SCHEMA app
GO
CREATE TABLE app.Customer (id int NOT NULL PRIMARY KEY, name varchar(20) NOT NULL)
CREATE SYNONYM dbo.Customers FOR app.Customer
CREATE SYNONYM dbo.Later FOR dbo.NotYetMade
INSERT dbo.Customers (id, name) VALUES (1, 'Ann'), (2, 'Bob')
UPDATE Customers SET name = 'Bea' WHERE Customers.id = 2
DELETE FROM dbo.Customers WHERE id = 1
SELECT c.id, c.name, Customers.id AS same FROM app.Customer AS c JOIN dbo.Customers ON Customers.id = c.id
-- expect: id | name | same
-- 2 | Bea | 2
GO
SELECT s.name, s.base_object_name, o.type, o.type_desc, CASE WHEN OBJECT_ID('dbo.Customers') = s.object_id THEN 1 ELSE 0 END AS found
FROM sys.synonyms AS s JOIN sys.objects AS o ON o.object_id = s.object_id ORDER BY s.name
-- expect: name | base_object_name | type | type_desc | found
-- Customers | [app].[Customer] | SN | SYNONYM | 1
-- Later | [dbo].[NotYetMade] | SN | SYNONYM | 0
GO
SELECT * FROM dbo.Later
-- error: 5313 Synonym 'dbo.Later' refers to an invalid object.
GO
INSERT dbo.Later VALUES (1)
-- error: 5313 Synonym 'dbo.Later' refers to an invalid object.
GO
-- The base may be made after the synonym; a view and a procedure work too.
CREATE TABLE dbo.NotYetMade (n int)
INSERT dbo.Later VALUES (7)
SELECT n FROM Later
-- expect: n
-- 7
GO
CREATE VIEW app.Names AS SELECT name FROM app.Customer
GO
CREATE PROCEDURE app.CountCustomers AS SELECT COUNT(*) AS n FROM app.Customer
GO
CREATE SYNONYM dbo.Names FOR app.Names
CREATE SYNONYM dbo.CountThem FOR app.CountCustomers
SELECT name FROM dbo.Names
EXEC dbo.CountThem
-- expect: name
-- Bea
-- expect: n
-- 1
GO
CREATE SYNONYM dbo.Customers FOR app.Customer
-- error: 2714 There is already an object named 'Customers' in the database.
GO
DROP SYNONYM dbo.Customers
DROP SYNONYM IF EXISTS dbo.Customers
SELECT COUNT(*) AS left_over FROM sys.synonyms WHERE name = 'Customers'
-- expect: left_over
-- 0
GO
DROP SYNONYM dbo.Customers
-- error: 3701 Cannot drop the synonym 'dbo.Customers', because it does not exist or you do not have permission.
GO
-- Another database's object.
CREATE SYNONYM dbo.AllDatabases FOR master.sys.databases
SELECT COUNT(*) AS n FROM dbo.AllDatabases WHERE name = 'master'
-- expect: n
-- 1
GO
-- A synonym names a scalar or table-valued function too.
CREATE FUNCTION app.Twice (@n int) RETURNS int AS BEGIN RETURN @n * 2 END
GO
CREATE FUNCTION app.UpTo (@n int) RETURNS TABLE AS RETURN (SELECT value AS n FROM GENERATE_SERIES(1, @n))
GO
CREATE SYNONYM dbo.Doubled FOR app.Twice
CREATE SYNONYM dbo.Numbers FOR app.UpTo
SELECT dbo.Doubled(21) AS answer
SELECT n FROM dbo.Numbers(3) ORDER BY n
-- expect: answer
-- 42
-- expect: n
-- 1
-- 2
-- 3
GO

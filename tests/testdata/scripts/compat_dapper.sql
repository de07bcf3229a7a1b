-- Dapper / ADO.NET / go-mssqldb patterns: table and query hints, SCOPE_IDENTITY, several result sets, output parameters.
CREATE TABLE dbo.Items (Id int IDENTITY(1, 1) PRIMARY KEY, Name nvarchar(20) NOT NULL, Qty int NOT NULL)
GO
INSERT INTO dbo.Items (Name, Qty) VALUES (N'a', 1); SELECT CAST(SCOPE_IDENTITY() AS int) AS Id
-- expect: Id
-- 1
GO
INSERT INTO dbo.Items (Name, Qty) OUTPUT INSERTED.Id VALUES (N'b', 2), (N'c', 3)
-- expect: Id
-- 2
-- 3
GO
SELECT Id FROM dbo.Items WITH (NOLOCK) WHERE Qty > 1 ORDER BY Id
-- expect: Id
-- 2
-- 3
GO
SELECT COUNT(*) AS n FROM dbo.Items (NOLOCK)
-- expect: n
-- 3
GO
BEGIN TRAN
SELECT Qty FROM dbo.Items WITH (UPDLOCK, ROWLOCK, HOLDLOCK) WHERE Id = 1
UPDATE dbo.Items WITH (ROWLOCK) SET Qty = Qty + 1 WHERE Id = 1
COMMIT
-- expect: Qty
-- 1
GO
SELECT TOP (1) Id FROM dbo.Items WITH (READPAST, UPDLOCK, ROWLOCK) ORDER BY Id
-- expect: Id
-- 1
GO
SELECT Id FROM dbo.Items WHERE Name = N'c' OPTION (RECOMPILE)
-- expect: Id
-- 3
GO
SELECT Id FROM dbo.Items WHERE Qty >= 2 ORDER BY Id OPTION (MAXDOP 1, OPTIMIZE FOR UNKNOWN)
-- expect: Id
-- 1
-- 2
-- 3
GO
EXEC sp_executesql N'SELECT Name FROM dbo.Items WHERE Id = @id OPTION (OPTIMIZE FOR (@id UNKNOWN))', N'@id int', @id = 2
-- expect: Name
-- b
GO
SELECT Id FROM dbo.Items WHERE Id = 1; SELECT Name FROM dbo.Items WHERE Id = 2
-- expect: Id
-- 1
-- expect: Name
-- b
GO
CREATE PROCEDURE dbo.AddItem @name nvarchar(20), @qty int, @id int OUTPUT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.Items (Name, Qty) VALUES (@name, @qty);
    SET @id = SCOPE_IDENTITY();
    RETURN 7;
END
GO
DECLARE @id int, @rc int;
EXEC @rc = dbo.AddItem @name = N'd', @qty = 4, @id = @id OUTPUT;
SELECT @id AS id, @rc AS rc
-- expect: id | rc
-- 4 | 7
GO
DECLARE @id int;
EXEC sp_executesql N'INSERT INTO dbo.Items (Name, Qty) VALUES (@n, 5); SET @newid = SCOPE_IDENTITY();', N'@n nvarchar(20), @newid int OUTPUT', @n = N'e', @newid = @id OUTPUT;
SELECT @id AS id
-- expect: id
-- 5
GO
UPDATE i SET Qty = 0 FROM dbo.Items AS i WITH (UPDLOCK) INNER JOIN dbo.Items AS j WITH (NOLOCK) ON j.Id = i.Id WHERE i.Id = 5
SELECT Qty FROM dbo.Items WHERE Id = 5
-- expect: Qty
-- 0
GO
DELETE FROM dbo.Items WITH (ROWLOCK, READPAST) OUTPUT DELETED.Id WHERE Id = 5
-- expect: Id
-- 5
GO

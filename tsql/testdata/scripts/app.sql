SET NOCOUNT ON;
SET XACT_ABORT ON;
GO
IF OBJECT_ID(N'dbo.Orders', N'U') IS NOT NULL DROP TABLE dbo.Orders;
CREATE TABLE dbo.Customers (
    CustomerID int IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Customers PRIMARY KEY CLUSTERED,
    Name nvarchar(100) NOT NULL,
    Email varchar(256) NULL UNIQUE,
    CreatedAt datetime2(3) NOT NULL CONSTRAINT DF_Customers_CreatedAt DEFAULT SYSUTCDATETIME()
);
CREATE TABLE dbo.Orders (
    OrderID bigint IDENTITY(1, 1) PRIMARY KEY,
    CustomerID int NOT NULL REFERENCES dbo.Customers (CustomerID) ON DELETE CASCADE,
    Amount money NOT NULL CHECK (Amount >= $0),
    Status tinyint NOT NULL DEFAULT 0,
    Note nvarchar(max) COLLATE Latin1_General_CI_AS NULL
);
CREATE NONCLUSTERED INDEX IX_Orders_Customer ON dbo.Orders (CustomerID, OrderID DESC) INCLUDE (Amount);
GO
CREATE OR ALTER PROCEDURE dbo.PlaceOrder
    @CustomerID int,
    @Amount money,
    @OrderID bigint OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    BEGIN TRY
        BEGIN TRANSACTION;
        IF NOT EXISTS (SELECT 1 FROM dbo.Customers WITH (UPDLOCK) WHERE CustomerID = @CustomerID)
            THROW 50001, N'Unknown customer', 1;
        INSERT INTO dbo.Orders (CustomerID, Amount) VALUES (@CustomerID, @Amount);
        SET @OrderID = SCOPE_IDENTITY();
        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
        DECLARE @msg nvarchar(2048) = ERROR_MESSAGE();
        RAISERROR(@msg, 16, 1);
        RETURN -1;
    END CATCH
    RETURN 0;
END
GO
DECLARE @id bigint, @rc int;
INSERT INTO dbo.Customers (Name, Email) VALUES (N'Ann', 'ann@example.com'), (N'Bob', NULL);
EXEC @rc = dbo.PlaceOrder @CustomerID = 1, @Amount = 12.50, @OrderID = @id OUTPUT;
SELECT @rc AS rc, @id AS id;
UPDATE o SET o.Status = 1, o.Amount += 1 FROM dbo.Orders AS o JOIN dbo.Customers AS c ON c.CustomerID = o.CustomerID WHERE c.Name LIKE N'A%';
DELETE FROM dbo.Orders WHERE Status = 2 AND OrderID NOT IN (SELECT TOP (10) OrderID FROM dbo.Orders ORDER BY OrderID DESC);
GO
WITH Totals AS (
    SELECT CustomerID, SUM(Amount) AS Total, COUNT(*) AS N
    FROM dbo.Orders
    GROUP BY CustomerID
    HAVING COUNT(*) > 0
)
SELECT c.Name, t.Total, t.N,
       RANK() OVER (ORDER BY t.Total DESC) AS Rnk,
       CASE WHEN t.Total > 100 THEN 'big' WHEN t.Total > 10 THEN 'medium' ELSE 'small' END AS Size,
       CONVERT(varchar(10), c.CreatedAt, 120) AS Created
FROM Totals AS t
INNER JOIN dbo.Customers AS c ON c.CustomerID = t.CustomerID
ORDER BY t.Total DESC
OFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY;
GO
DECLARE @i int = 0;
WHILE @i < 3
BEGIN
    SET @i += 1;
    IF @i = 2 CONTINUE;
    PRINT CONCAT(N'iteration ', @i);
END
GO
SELECT value FROM STRING_SPLIT(N'a,b,c', N',') WHERE value <> N'b';
SELECT * FROM (VALUES (1, N'one'), (2, N'two')) AS v (n, name);
EXEC sp_executesql N'SELECT * FROM dbo.Orders WHERE CustomerID = @c', N'@c int', @c = 1;
WAITFOR DELAY '00:00:00.100';
GO

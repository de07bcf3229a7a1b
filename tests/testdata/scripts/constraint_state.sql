-- ALTER TABLE … CHECK / NOCHECK CONSTRAINT and WITH CHECK / WITH NOCHECK ADD:
-- what every SSMS-generated script and every bulk load around disabled
-- constraints runs.
CREATE TABLE [dbo].[Customers]([CustomerID] [int] NOT NULL PRIMARY KEY, [Name] [nvarchar](20) NOT NULL)
CREATE TABLE [dbo].[Orders]([OrderID] [int] NOT NULL PRIMARY KEY, [CustomerID] [int] NOT NULL, [Total] [decimal](18, 2) NOT NULL)
INSERT dbo.Customers VALUES (1, N'Ann')
INSERT dbo.Orders VALUES (10, 1, 5.00)
GO
-- The SSMS pattern: add WITH CHECK, then CHECK CONSTRAINT.
ALTER TABLE [dbo].[Orders]  WITH CHECK ADD  CONSTRAINT [FK_Orders_Customers] FOREIGN KEY([CustomerID])
REFERENCES [dbo].[Customers] ([CustomerID])
ALTER TABLE [dbo].[Orders] CHECK CONSTRAINT [FK_Orders_Customers]
ALTER TABLE [dbo].[Orders]  WITH CHECK ADD  CONSTRAINT [CK_Orders_Total] CHECK  (([Total]>=(0)))
ALTER TABLE [dbo].[Orders] CHECK CONSTRAINT [CK_Orders_Total]
SELECT name, is_disabled, is_not_trusted FROM sys.foreign_keys
-- expect: name | is_disabled | is_not_trusted
-- FK_Orders_Customers | 0 | 0
GO
SELECT cc.name, cc.is_disabled, cc.is_not_trusted, cc.definition, c.name AS col FROM sys.check_constraints cc JOIN sys.columns c ON c.object_id = cc.parent_object_id AND c.column_id = cc.parent_column_id
-- expect: name | is_disabled | is_not_trusted | definition | col
-- CK_Orders_Total | 0 | 0 | ([Total]>=(0)) | Total
GO
-- Disabled constraints are not enforced.
ALTER TABLE dbo.Orders NOCHECK CONSTRAINT ALL
INSERT dbo.Orders VALUES (11, 99, -1.00)
SELECT name, is_disabled, is_not_trusted FROM sys.foreign_keys
-- expect: name | is_disabled | is_not_trusted
-- FK_Orders_Customers | 1 | 1
GO
-- WITH CHECK re-validates every row: the orphan and the negative total fail it.
ALTER TABLE dbo.Orders WITH CHECK CHECK CONSTRAINT FK_Orders_Customers
-- error: 547
GO
ALTER TABLE dbo.Orders WITH CHECK CHECK CONSTRAINT CK_Orders_Total
-- error: 547
GO
-- CHECK CONSTRAINT alone enables without validating: enforced again, untrusted.
ALTER TABLE dbo.Orders CHECK CONSTRAINT ALL
SELECT name, is_disabled, is_not_trusted FROM sys.check_constraints
-- expect: name | is_disabled | is_not_trusted
-- CK_Orders_Total | 0 | 1
GO
INSERT dbo.Orders VALUES (12, 99, 1.00)
-- error: 547
-- message: The statement has been terminated.
GO
DELETE dbo.Orders WHERE OrderID = 11
ALTER TABLE dbo.Orders WITH CHECK CHECK CONSTRAINT ALL
SELECT name, is_not_trusted FROM sys.check_constraints
-- expect: name | is_not_trusted
-- CK_Orders_Total | 0
GO
-- A new constraint is checked against the rows already there …
ALTER TABLE dbo.Orders ADD CONSTRAINT CK_Orders_Small CHECK (Total < 1)
-- error: 547
GO
-- … unless WITH NOCHECK, which leaves it untrusted.
ALTER TABLE dbo.Orders WITH NOCHECK ADD CONSTRAINT CK_Orders_Small CHECK (Total < 1)
SELECT name, is_not_trusted FROM sys.check_constraints ORDER BY name
-- expect: name | is_not_trusted
-- CK_Orders_Small | 1
-- CK_Orders_Total | 0
GO
ALTER TABLE dbo.Orders NOCHECK CONSTRAINT CK_Missing
-- error: 4917 Constraint 'CK_Missing' does not exist.
GO
ALTER TABLE dbo.Orders NOCHECK CONSTRAINT PK__Orders
-- error: 4917 Constraint 'PK__Orders' does not exist.
GO

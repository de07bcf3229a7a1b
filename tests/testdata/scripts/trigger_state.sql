-- DISABLE / ENABLE TRIGGER: a disabled trigger is kept but does not fire.
CREATE TABLE dbo.Orders (id int PRIMARY KEY, qty int)
CREATE TABLE dbo.OrderLog (id int IDENTITY, msg varchar(40))
GO
CREATE TRIGGER dbo.trg_orders ON dbo.Orders AFTER INSERT AS
  INSERT dbo.OrderLog (msg) SELECT CONCAT('ins ', id) FROM inserted
GO
CREATE TRIGGER dbo.trg_orders_upd ON dbo.Orders AFTER UPDATE AS
  INSERT dbo.OrderLog (msg) SELECT CONCAT('upd ', id) FROM inserted
GO
INSERT dbo.Orders VALUES (1, 5)
DISABLE TRIGGER dbo.trg_orders ON dbo.Orders
INSERT dbo.Orders VALUES (2, 5)
SELECT name, is_disabled, OBJECTPROPERTY(object_id, 'ExecIsTriggerDisabled') AS prop FROM sys.triggers ORDER BY name
-- expect: name | is_disabled | prop
-- trg_orders | 1 | 1
-- trg_orders_upd | 0 | 0
GO
ENABLE TRIGGER trg_orders ON dbo.Orders
INSERT dbo.Orders VALUES (3, 5)
ALTER TABLE dbo.Orders DISABLE TRIGGER ALL
INSERT dbo.Orders VALUES (4, 5)
UPDATE dbo.Orders SET qty = 6 WHERE id = 1
ALTER TABLE dbo.Orders ENABLE TRIGGER trg_orders_upd
UPDATE dbo.Orders SET qty = 7 WHERE id = 1
INSERT dbo.Orders VALUES (5, 5)
SELECT msg FROM dbo.OrderLog ORDER BY id
-- expect: msg
-- ins 1
-- ins 3
-- upd 1
GO
-- A disabled trigger stays disabled after a rollback of the enable.
BEGIN TRAN
ENABLE TRIGGER ALL ON dbo.Orders
ROLLBACK
SELECT COUNT(*) AS disabled FROM sys.triggers WHERE is_disabled = 1
-- expect: disabled
-- 1
GO
DISABLE TRIGGER nosuch ON dbo.Orders
-- error: 1088
GO
ALTER TABLE dbo.Orders DISABLE TRIGGER nosuch
-- error: 4920 ALTER TABLE failed because trigger 'nosuch' does not belong to table 'Orders'.
GO
DISABLE TRIGGER ALL ON DATABASE
GO

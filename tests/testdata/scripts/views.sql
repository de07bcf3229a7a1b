-- Views.
CREATE TABLE dbo.item (id int PRIMARY KEY, name varchar(10), price int)
INSERT dbo.item VALUES (1, 'cheap', 5), (2, 'mid', 50), (3, 'dear', 500)
GO
CREATE VIEW dbo.v_expensive AS SELECT id, name FROM dbo.item WHERE price > 10
GO
SELECT id, name FROM dbo.v_expensive ORDER BY id
-- expect: id | name
-- 2 | mid
-- 3 | dear
GO
INSERT dbo.item VALUES (4, 'new', 99)
SELECT COUNT(*) AS n FROM dbo.v_expensive
-- expect: n
-- 3
GO
CREATE VIEW dbo.v_stats AS SELECT COUNT(*) AS n, SUM(price) AS total FROM dbo.item
GO
SELECT n, total FROM dbo.v_stats
-- expect: n | total
-- 4 | 654
GO
SELECT e.name, s.total FROM dbo.v_expensive e CROSS JOIN dbo.v_stats s WHERE e.id = 2
-- expect: name | total
-- mid | 654
GO
ALTER VIEW dbo.v_expensive AS SELECT id, name, price FROM dbo.item WHERE price > 100
GO
SELECT id, name, price FROM dbo.v_expensive
-- expect: id | name | price
-- 3 | dear | 500
GO
UPDATE dbo.v_expensive SET price = 600 WHERE id = 3
SELECT price FROM dbo.item WHERE id = 3
-- expect: price
-- 600
GO
CREATE VIEW dbo.v_expensive AS SELECT 1 AS x
-- error: 2714 There is already an object named 'v_expensive' in the database.
GO
SELECT TABLE_NAME FROM INFORMATION_SCHEMA.VIEWS ORDER BY TABLE_NAME
-- expect: TABLE_NAME
-- v_expensive
-- v_stats
GO
DROP VIEW dbo.v_stats
SELECT * FROM dbo.v_stats
-- error: 208 Invalid object name 'dbo.v_stats'.
GO
DROP VIEW dbo.v_stats
-- error: 3701 Cannot drop the view 'dbo.v_stats', because it does not exist or you do not have permission.
GO
SELECT 2 AS two
CREATE VIEW dbo.v_bad AS SELECT 1 AS a
-- error: 111 'CREATE VIEW' must be the first statement in a query batch.
GO
CREATE VIEW dbo.v_cheap AS SELECT id AS item_id, name AS label, price, price * 2 AS doubled FROM dbo.item i WHERE i.price < 60
GO
-- writes through a view reach only the rows it shows, by its column names
UPDATE dbo.v_cheap SET label = UPPER(label) WHERE label = 'cheap'
UPDATE dbo.v_cheap SET label = 'nope' WHERE item_id = 3
SELECT id, name FROM dbo.item ORDER BY id
-- expect: id | name
-- 1 | CHEAP
-- 2 | mid
-- 3 | dear
-- 4 | new
GO
INSERT dbo.v_cheap (item_id, label, price) VALUES (5, 'five', 5)
DELETE dbo.v_cheap WHERE item_id IN (2, 3)
SELECT id, name, price FROM dbo.item ORDER BY id
-- expect: id | name | price
-- 1 | CHEAP | 5
-- 3 | dear | 600
-- 4 | new | 99
-- 5 | five | 5
GO
UPDATE dbo.v_cheap SET doubled = 1
-- error: 4406 Update or insert of view or function 'dbo.v_cheap' failed because it contains a derived or constant field.
GO
-- A view made to refer to itself (through ALTER VIEW) is error 4429 when
-- used, not an endless expansion.
CREATE VIEW dbo.selfref AS SELECT 1 AS a
GO
ALTER VIEW dbo.selfref AS SELECT a FROM dbo.selfref
GO
SELECT a FROM dbo.selfref
-- error: 4429 View or function 'dbo.selfref' contains a self-reference. Views or functions cannot reference themselves directly or indirectly.
GO

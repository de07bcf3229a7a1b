-- Common table expressions, including recursive ones.
WITH c AS (SELECT 1 AS n UNION ALL SELECT 2) SELECT SUM(n) AS s FROM c
-- expect: s
-- 3
GO
WITH a AS (SELECT 1 AS n), b AS (SELECT n + 1 AS n FROM a) SELECT a.n, b.n AS m FROM a CROSS JOIN b
-- expect: n | m
-- 1 | 2
GO
WITH r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r ORDER BY n
-- expect: n
-- 1
-- 2
-- 3
-- 4
-- 5
GO
CREATE TABLE dbo.emp (id int PRIMARY KEY, boss int NULL, name varchar(10))
INSERT dbo.emp VALUES (1, NULL, 'ceo'), (2, 1, 'cto'), (3, 2, 'dev'), (4, 2, 'ops'), (5, 1, 'cfo')
GO
WITH tree AS (
    SELECT id, name, 0 AS depth, CAST(name AS varchar(100)) AS path FROM dbo.emp WHERE boss IS NULL
    UNION ALL
    SELECT e.id, e.name, t.depth + 1, CAST(t.path + '/' + e.name AS varchar(100)) FROM dbo.emp e JOIN tree t ON e.boss = t.id
)
SELECT name, depth, path FROM tree ORDER BY path
-- expect: name | depth | path
-- ceo | 0 | ceo
-- cfo | 1 | ceo/cfo
-- cto | 1 | ceo/cto
-- dev | 2 | ceo/cto/dev
-- ops | 2 | ceo/cto/ops
GO
DECLARE @c int
BEGIN TRY
    WITH r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) SELECT @c = COUNT(*) FROM r
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_MESSAGE() AS msg
END CATCH
-- expect: num | msg
-- 530 | The statement terminated. The maximum recursion 100 has been exhausted before statement completion.
GO
WITH r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) SELECT COUNT(*) AS c FROM r
-- expect: c
-- error: 530 The statement terminated. The maximum recursion 100 has been exhausted before statement completion.
GO
WITH r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 200) SELECT MAX(n) AS m FROM r OPTION (MAXRECURSION 300)
-- expect: m
-- 200
GO
WITH c AS (SELECT id FROM dbo.emp WHERE boss = 2) DELETE FROM dbo.emp WHERE id IN (SELECT id FROM c)
SELECT COUNT(*) AS left_ FROM dbo.emp
-- expect: left_
-- 3
GO
WITH c AS (SELECT id, name FROM dbo.emp) UPDATE c SET name = UPPER(name) WHERE id = 1
SELECT name FROM dbo.emp WHERE id = 1
-- expect: name
-- CEO
GO
WITH c (emp_id, who) AS (SELECT id, name FROM dbo.emp WHERE boss IS NOT NULL) UPDATE c SET who = who + '!'
SELECT id, name FROM dbo.emp ORDER BY id
-- expect: id | name
-- 1 | CEO
-- 2 | cto!
-- 5 | cfo!
GO
WITH c AS (SELECT id, name AS n FROM dbo.emp WHERE boss = 1) DELETE c WHERE n = 'cfo!'
WITH c AS (SELECT id, boss, name FROM dbo.emp) INSERT c (id, name) VALUES (9, 'new')
SELECT id, name FROM dbo.emp ORDER BY id
-- expect: id | name
-- 1 | CEO
-- 2 | cto!
-- 9 | new
GO
-- A CTE that refers to itself without the anchor UNION ALL recursive form is
-- an error (it once recursed until the stack overflowed and the server died).
WITH r AS (SELECT n + 1 AS n FROM r WHERE n < 100) SELECT MAX(n) FROM r
-- error: 252 Recursive common table expression 'r' does not contain a top-level UNION ALL operator.
GO
WITH r (n) AS (SELECT n FROM r UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r
-- error: 246 No anchor member was specified for recursive query "r".
GO
SELECT 1 AS still_serving
-- expect: still_serving
-- 1
GO
-- A CTE sees only the CTEs defined before it in the same WITH.
WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS x) SELECT * FROM a
-- error: 208 Invalid object name 'b'.
GO
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT y FROM b
-- expect: y
-- 2
GO

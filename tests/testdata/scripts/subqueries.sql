-- Scalar, IN, EXISTS and correlated subqueries.
CREATE TABLE dbo.dept (id int PRIMARY KEY, name varchar(10))
CREATE TABLE dbo.staff (id int PRIMARY KEY, dept int, salary int)
INSERT dbo.dept VALUES (1, 'eng'), (2, 'ops'), (3, 'empty')
INSERT dbo.staff VALUES (1, 1, 100), (2, 1, 200), (3, 2, 150), (4, 2, 50)
GO
SELECT (SELECT MAX(salary) FROM dbo.staff) AS top_salary, (SELECT name FROM dbo.dept WHERE id = 99) AS none
-- expect: top_salary | none
-- 200 | NULL
GO
SELECT name FROM dbo.dept WHERE id IN (SELECT dept FROM dbo.staff) ORDER BY name
-- expect: name
-- eng
-- ops
GO
SELECT name FROM dbo.dept d WHERE NOT EXISTS (SELECT 1 FROM dbo.staff s WHERE s.dept = d.id)
-- expect: name
-- empty
GO
SELECT s.id FROM dbo.staff s WHERE s.salary > (SELECT AVG(salary) FROM dbo.staff t WHERE t.dept = s.dept) ORDER BY s.id
-- expect: id
-- 2
-- 3
GO
SELECT d.name, (SELECT COUNT(*) FROM dbo.staff s WHERE s.dept = d.id) AS n FROM dbo.dept d ORDER BY d.id
-- expect: name | n
-- eng | 2
-- ops | 2
-- empty | 0
GO
SELECT id FROM dbo.staff WHERE salary >= ALL (SELECT salary FROM dbo.staff)
-- expect: id
-- 2
GO
SELECT COUNT(*) AS n FROM dbo.staff WHERE salary > ANY (SELECT salary FROM dbo.staff WHERE dept = 2)
-- expect: n
-- 3
GO
SELECT id FROM dbo.staff WHERE dept NOT IN (SELECT id FROM dbo.dept WHERE name = 'ops') ORDER BY id
-- expect: id
-- 1
-- 2
GO
SELECT (SELECT salary FROM dbo.staff) AS s
-- expect: s
-- error: 512 Subquery returned more than 1 value. This is not permitted when the subquery follows =, !=, <, <= , >, >= or when the subquery is used as an expression.
GO
SELECT x.dept, x.total FROM (SELECT dept, SUM(salary) AS total FROM dbo.staff GROUP BY dept) AS x WHERE x.total > 250
-- expect: dept | total
-- 1 | 300
GO
UPDATE dbo.staff SET salary = salary + 1 WHERE dept IN (SELECT id FROM dbo.dept WHERE name = 'eng')
SELECT SUM(salary) AS s FROM dbo.staff WHERE dept = 1
-- expect: s
-- 302
GO
DELETE FROM dbo.staff WHERE NOT EXISTS (SELECT 1 FROM dbo.dept WHERE dept.id = staff.dept AND dept.name = 'eng')
SELECT COUNT(*) AS n FROM dbo.staff
-- expect: n
-- 2
GO
-- TOP, OFFSET and FETCH may read the row of an enclosing query (the
-- "first n per group" CROSS APPLY): the subquery is then correlated and
-- runs per outer row, with that row's count
CREATE TABLE dbo.quota (id int PRIMARY KEY, n int, skip int)
INSERT dbo.quota VALUES (1, 2, 0), (2, 3, 1), (3, 1, 5)
GO
SELECT q.id, c.name FROM dbo.quota q CROSS APPLY (SELECT TOP (q.n) name FROM dbo.dept ORDER BY name) c ORDER BY q.id, c.name
-- expect: id | name
-- 1 | empty
-- 1 | eng
-- 2 | empty
-- 2 | eng
-- 2 | ops
-- 3 | empty
GO
SELECT q.id, (SELECT COUNT(*) FROM (SELECT TOP (q.n) id FROM dbo.dept ORDER BY id) t) AS taken FROM dbo.quota q ORDER BY q.id
-- expect: id | taken
-- 1 | 2
-- 2 | 3
-- 3 | 1
GO
SELECT q.id, c.name FROM dbo.quota q OUTER APPLY (SELECT name FROM dbo.dept ORDER BY id OFFSET q.skip ROWS FETCH NEXT q.n ROWS ONLY) c ORDER BY q.id, c.name
-- expect: id | name
-- 1 | eng
-- 1 | ops
-- 2 | empty
-- 2 | ops
-- 3 | NULL
GO
-- An unqualified name binds to the nearest scope: here the outer row's n
SELECT q.id, (SELECT TOP (n) name FROM dbo.dept ORDER BY id) AS first FROM dbo.quota q WHERE q.n = 1
-- expect: id | first
-- 3 | eng
GO
-- A column of the query's own FROM is 4115
SELECT TOP (id) name FROM dbo.dept
-- error: 4115 The reference to column "id" is not allowed in an argument to a TOP, OFFSET, or FETCH clause. Only references to columns at an outer scope or standalone expressions and subqueries are allowed here.
GO
SELECT name FROM dbo.dept d ORDER BY id OFFSET d.id ROWS
-- error: 4115 The reference to column "id" is not allowed in an argument to a TOP, OFFSET, or FETCH clause. Only references to columns at an outer scope or standalone expressions and subqueries are allowed here.
GO
SELECT q.id, c.name FROM dbo.quota q CROSS APPLY (SELECT TOP (d.id) name FROM dbo.dept d ORDER BY d.id) c
-- error: 4115 The reference to column "id" is not allowed in an argument to a TOP, OFFSET, or FETCH clause. Only references to columns at an outer scope or standalone expressions and subqueries are allowed here.
GO

-- A correlated subquery in the select list or HAVING of a grouped query
-- reads the group's key (sp_WhoIsActive's lock summary does this with FOR
-- XML subqueries).
CREATE TABLE dbo.g (k int, v int)
INSERT dbo.g VALUES (1, 10), (1, 11), (2, 20), (3, 30)
SELECT g.k, COUNT(*) AS n, (SELECT MAX(x.v) FROM dbo.g AS x WHERE x.k = g.k) AS top_v,
    (SELECT y.v AS v FROM dbo.g AS y WHERE y.k = g.k ORDER BY y.v FOR XML PATH(''), TYPE) AS vs
FROM dbo.g AS g GROUP BY g.k ORDER BY g.k
-- expect: k | n | top_v | vs
-- 1 | 2 | 11 | <v>10</v><v>11</v>
-- 2 | 1 | 20 | <v>20</v>
-- 3 | 1 | 30 | <v>30</v>
GO
SELECT k FROM dbo.g AS g GROUP BY k HAVING (SELECT COUNT(*) FROM dbo.g AS z WHERE z.k = g.k AND z.v > 10) >= 1 ORDER BY k
-- expect: k
-- 1
-- 2
-- 3
GO
SELECT k, ROW_NUMBER() OVER (ORDER BY k DESC) AS rn, (SELECT SUM(v) FROM dbo.g AS w WHERE w.k = g.k) AS total
FROM dbo.g AS g GROUP BY k ORDER BY k
-- expect: k | rn | total
-- 1 | 3 | 21
-- 2 | 2 | 20
-- 3 | 1 | 30
GO
-- An aggregate in a subquery whose argument names only columns of the
-- enclosing query (an outer reference) is that query's aggregate: computed
-- over each of its groups, and it makes a query without GROUP BY an
-- aggregate query of one row
SELECT k FROM dbo.g AS g GROUP BY k HAVING 1 < (SELECT COUNT(*) FROM dbo.g AS z WHERE z.v > MAX(g.v)) ORDER BY k
-- expect: k
-- 1
GO
SELECT (SELECT MAX(g.v) FROM dbo.g AS one WHERE one.v = 10) AS m FROM dbo.g AS g
-- expect: m
-- 30
GO
SELECT (SELECT MAX(g.v) FROM dbo.g AS one WHERE one.v = 99) AS m FROM dbo.g AS g
-- expect: m
-- NULL
GO
SELECT k, (SELECT SUM(g.v) + COUNT(*) FROM dbo.g AS one WHERE one.v = 10) AS s FROM dbo.g AS g GROUP BY k ORDER BY k
-- expect: k | s
-- 1 | 22
-- 2 | 21
-- 3 | 31
GO
SELECT k, (SELECT COUNT(*) FROM dbo.g AS i WHERE i.v < MAX(g.v)) AS below FROM dbo.g AS g GROUP BY k ORDER BY k
-- expect: k | below
-- 1 | 1
-- 2 | 2
-- 3 | 3
GO
SELECT k FROM dbo.g AS g GROUP BY k ORDER BY (SELECT MIN(g.v) FROM dbo.g AS one WHERE one.v = 10) DESC
-- expect: k
-- 3
-- 2
-- 1
GO
SELECT COUNT(*) AS n FROM dbo.g AS g HAVING (SELECT MAX(g.v) FROM dbo.g AS one WHERE one.v = 10) > 25
-- expect: n
-- 4
GO
SELECT (SELECT (SELECT MAX(g.v) FROM dbo.g AS a WHERE a.v = 10) FROM dbo.g AS b WHERE b.v = 10) AS deep FROM dbo.g AS g
-- expect: deep
-- 30
GO
-- The outer query is then grouped: its other columns must be grouped too
SELECT g.k, (SELECT MAX(g.v) FROM dbo.g AS one WHERE one.v = 10) AS m FROM dbo.g AS g
-- error: 8118 Column 'g.k' is invalid in the select list because it is not contained in an aggregate function and there is no GROUP BY clause.
GO
-- Not in a subquery of the WHERE clause, and not mixed with the
-- subquery's own columns
SELECT k FROM dbo.g AS g WHERE 1 < (SELECT COUNT(*) FROM dbo.g AS z WHERE z.v > MAX(g.v))
-- error: 147 An aggregate may not appear in the WHERE clause unless it is in a subquery contained in a HAVING clause or a select list, and the column being aggregated is an outer reference.
GO
SELECT k FROM dbo.g AS g WHERE 30 = (SELECT MAX(g.v) FROM dbo.g AS one WHERE one.v = 10)
-- error: 8125 An aggregated expression containing an outer reference must be contained in either the select list, or a HAVING clause subquery in the query whose FROM clause contains the table with the column being aggregated.
GO
SELECT k, (SELECT SUM(g.v + i.v) FROM dbo.g AS i) AS s FROM dbo.g AS g GROUP BY k
-- error: 8124 Multiple columns are specified in an aggregated expression containing an outer reference. If an expression being aggregated contains an outer reference, then that outer reference must be the only column referenced in the expression.
GO

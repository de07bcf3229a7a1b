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

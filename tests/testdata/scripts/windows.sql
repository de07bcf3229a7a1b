-- Window functions.
CREATE TABLE dbo.w (id int PRIMARY KEY, grp char(1), v int)
INSERT dbo.w VALUES (1, 'a', 10), (2, 'a', 20), (3, 'a', 20), (4, 'b', 5), (5, 'b', 15)
GO
SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn, RANK() OVER (ORDER BY v DESC) AS rk, DENSE_RANK() OVER (ORDER BY v DESC) AS drk FROM dbo.w ORDER BY id
-- expect: id | rn | rk | drk
-- 1 | 1 | 4 | 3
-- 2 | 2 | 1 | 1
-- 3 | 3 | 1 | 1
-- 4 | 4 | 5 | 4
-- 5 | 5 | 3 | 2
GO
SELECT id, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY id) AS rn, SUM(v) OVER (PARTITION BY grp) AS total, COUNT(*) OVER () AS n FROM dbo.w ORDER BY id
-- expect: id | rn | total | n
-- 1 | 1 | 50 | 5
-- 2 | 2 | 50 | 5
-- 3 | 3 | 50 | 5
-- 4 | 1 | 20 | 5
-- 5 | 2 | 20 | 5
GO
SELECT id, SUM(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM dbo.w ORDER BY id
-- expect: id | running
-- 1 | 10
-- 2 | 30
-- 3 | 50
-- 4 | 55
-- 5 | 70
GO
SELECT id, AVG(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS moving FROM dbo.w ORDER BY id
-- expect: id | moving
-- 1 | 15
-- 2 | 16
-- 3 | 15
-- 4 | 13
-- 5 | 10
GO
-- default frame with ORDER BY is RANGE UNBOUNDED PRECEDING: peers are included
SELECT id, SUM(v) OVER (ORDER BY v) AS s FROM dbo.w ORDER BY id
-- expect: id | s
-- 1 | 15
-- 2 | 70
-- 3 | 70
-- 4 | 5
-- 5 | 30
GO
SELECT id, LAG(v) OVER (ORDER BY id) AS prev, LEAD(v, 1, -1) OVER (ORDER BY id) AS nxt, FIRST_VALUE(v) OVER (PARTITION BY grp ORDER BY id) AS fv FROM dbo.w ORDER BY id
-- expect: id | prev | nxt | fv
-- 1 | NULL | 20 | 10
-- 2 | 10 | 20 | 10
-- 3 | 20 | 5 | 10
-- 4 | 20 | 15 | 5
-- 5 | 5 | -1 | 5
GO
SELECT id, NTILE(2) OVER (ORDER BY id) AS tile FROM dbo.w ORDER BY id
-- expect: id | tile
-- 1 | 1
-- 2 | 1
-- 3 | 1
-- 4 | 2
-- 5 | 2
GO
SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY v DESC, id) AS rn FROM dbo.w) AS t WHERE rn = 1 ORDER BY id
-- expect: id
-- 2
-- 5
GO
SELECT id, LAST_VALUE(v) OVER (PARTITION BY grp ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS lv, MAX(v) OVER (PARTITION BY grp) AS mx FROM dbo.w ORDER BY id
-- expect: id | lv | mx
-- 1 | 20 | 20
-- 2 | 20 | 20
-- 3 | 20 | 20
-- 4 | 15 | 15
-- 5 | 15 | 15
GO
SELECT id FROM dbo.w WHERE ROW_NUMBER() OVER (ORDER BY id) = 1
-- error: 4108 Windowed functions can only appear in the SELECT or ORDER BY clauses.
GO
SELECT id, FIRST_VALUE(v) OVER (PARTITION BY grp ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS prev_or_self,
       LAST_VALUE(v) OVER (PARTITION BY grp ORDER BY id ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_or_self,
       LAST_VALUE(v) OVER (ORDER BY id RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS last_all,
       FIRST_VALUE(v) OVER (PARTITION BY grp ORDER BY id) AS fv_default, LAST_VALUE(v) OVER (PARTITION BY grp ORDER BY id) AS lv_default
FROM dbo.w ORDER BY id
-- expect: id | prev_or_self | next_or_self | last_all | fv_default | lv_default
-- 1 | 10 | 20 | 15 | 10 | 10
-- 2 | 10 | 20 | 15 | 10 | 20
-- 3 | 20 | 20 | 15 | 10 | 20
-- 4 | 5 | 15 | 15 | 5 | 5
-- 5 | 5 | 15 | 15 | 5 | 15
GO

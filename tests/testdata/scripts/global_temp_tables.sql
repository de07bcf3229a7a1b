-- ##global temp tables in one session: they live in tempdb beside #tables,
-- one transaction may write both and ROLLBACK undoes both.
CREATE TABLE ##g (id int PRIMARY KEY, v varchar(10));
CREATE TABLE #l (id int);
GO
BEGIN TRAN;
INSERT INTO ##g VALUES (1, 'a');
INSERT INTO #l VALUES (1);
ROLLBACK;
SELECT (SELECT COUNT(*) FROM ##g) AS g, (SELECT COUNT(*) FROM #l) AS l;
-- expect: g | l
-- 0 | 0
GO
BEGIN TRAN;
INSERT INTO ##g VALUES (2, 'b');
INSERT INTO #l VALUES (2);
COMMIT;
SELECT g.id, g.v FROM ##g AS g JOIN #l AS l ON l.id = g.id;
-- expect: id | v
-- 2 | b
GO
SELECT CASE WHEN OBJECT_ID('tempdb..##g') IS NULL THEN 0 ELSE 1 END AS found;
-- expect: found
-- 1
GO
CREATE TABLE ##g (x int);
-- error: 2714 There is already an object named '##g' in the database.
GO
DROP TABLE ##g;
GO
SELECT * FROM ##g;
-- error: 208 Invalid object name '##g'.
GO
CREATE TABLE ##listed (id int);
GO
SELECT name FROM tempdb.sys.tables WHERE name = '##listed';
-- expect: name
-- ##listed
GO
DROP TABLE ##listed;
GO

-- SQL Server 2022 T-SQL (issue #5): expectations from the Transact-SQL
-- reference pages of each function.
DECLARE @d datetime2(7) = '2021-12-08 11:30:15.1234567'
SELECT DATETRUNC(year, @d) AS y, DATETRUNC(quarter, @d) AS q, DATETRUNC(month, @d) AS m, DATETRUNC(dayofyear, @d) AS dy,
       DATETRUNC(day, @d) AS d, DATETRUNC(week, @d) AS wk, DATETRUNC(iso_week, @d) AS isowk, DATETRUNC(hour, @d) AS h,
       DATETRUNC(minute, @d) AS mi, DATETRUNC(second, @d) AS s, DATETRUNC(millisecond, @d) AS ms, DATETRUNC(microsecond, @d) AS mcs
-- expect: y | q | m | dy | d | wk | isowk | h | mi | s | ms | mcs
-- 2021-01-01 00:00:00 | 2021-10-01 00:00:00 | 2021-12-01 00:00:00 | 2021-12-08 00:00:00 | 2021-12-08 00:00:00 | 2021-12-05 00:00:00 | 2021-12-06 00:00:00 | 2021-12-08 11:00:00 | 2021-12-08 11:30:00 | 2021-12-08 11:30:15 | 2021-12-08 11:30:15.123 | 2021-12-08 11:30:15.123456
GO
SELECT DATETRUNC(mm, CAST('2024-05-17' AS date)) AS dt, DATETRUNC(hh, CAST('10:20:30.5' AS time(1))) AS tm,
       DATETRUNC(yy, '2024-05-17 10:20') AS str, DATETRUNC(dd, CAST('2024-05-17 10:20:30.123' AS datetime)) AS dtm,
       DATETRUNC(mi, CAST('2024-05-17 10:20:30 +02:00' AS datetimeoffset(0))) AS dto, DATETRUNC(month, CAST(NULL AS date)) AS nul
-- expect: dt | tm | str | dtm | dto | nul
-- 2024-05-01 | 10:00:00 | 2024-01-01 00:00:00 | 2024-05-17 00:00:00.000 | 2024-05-17 10:20:00 +02:00 | NULL
GO
SELECT DATETRUNC(weekday, CAST('2024-05-17' AS date))
-- error: 9810 The datepart weekday is not supported by date function datetrunc for data type date.
GO
SELECT DATETRUNC(hour, CAST('2024-05-17' AS date))
-- error: 9810 The datepart hour is not supported by date function datetrunc for data type date.
GO
SELECT DATETRUNC(millisecond, CAST('2024-05-17 10:20:30.12' AS datetime2(2)))
-- error: 9810 The datepart millisecond is not supported by date function datetrunc for data type datetime2.
GO
SELECT DATETRUNC(year, 5)
-- error: 8116 Argument data type int is invalid for argument 2 of datetrunc function.
GO
SELECT DATETRUNC(fortnight, CAST('2024-05-17' AS date))
-- error: 155 'fortnight' is not a recognized datetrunc option.
GO
DECLARE @date datetime2 = '2020-04-15 21:22:11'
SELECT DATE_BUCKET(week, 1, @date) AS w1, DATE_BUCKET(day, 2, @date) AS d2, DATE_BUCKET(month, 1, @date) AS m1,
       DATE_BUCKET(year, 1, @date) AS y1, DATE_BUCKET(hour, 1, @date) AS h1, DATE_BUCKET(minute, 10, @date) AS mi10,
       DATE_BUCKET(second, 1, @date) AS s1, DATE_BUCKET(quarter, 1, @date) AS q1
-- expect: w1 | d2 | m1 | y1 | h1 | mi10 | s1 | q1
-- 2020-04-13 00:00:00 | 2020-04-15 00:00:00 | 2020-04-01 00:00:00 | 2020-01-01 00:00:00 | 2020-04-15 21:00:00 | 2020-04-15 21:20:00 | 2020-04-15 21:22:11 | 2020-04-01 00:00:00
GO
DECLARE @date datetime2 = '2020-06-15 21:22:11', @origin datetime2 = '2019-01-01 00:00:00'
SELECT DATE_BUCKET(week, 5, @date, @origin) AS w5, DATE_BUCKET(month, 5, @date, @origin) AS m5, DATE_BUCKET(day, 1, CAST('2020-06-15' AS date)) AS dt,
       DATE_BUCKET(minute, 15, CAST('10:52:00' AS time)) AS tm, DATE_BUCKET(week, 1, CAST(NULL AS date)) AS nul
-- expect: w5 | m5 | dt | tm | nul
-- 2020-06-09 00:00:00 | 2020-04-01 00:00:00 | 2020-06-15 | 10:45:00 | NULL
GO
SELECT DATE_BUCKET(day, 0, CAST('2020-06-15' AS date))
-- expect: -
-- error: 9834 Invalid bucket width value passed to date_bucket function. Only positive values are allowed.
GO
SELECT DATE_BUCKET(day, 1, '2020-06-15')
-- error: 8116 Argument data type varchar is invalid for argument 3 of date_bucket function.
GO
SELECT DATE_BUCKET(hour, 1, CAST('2020-06-15' AS date))
-- error: 9810 The datepart hour is not supported by date function date_bucket for data type date.
GO
SELECT LTRIM('xxabcxx', 'x') + '|' AS l, RTRIM('xxabcxx', 'x') + '|' AS r, LTRIM('  a  ') + '|' AS l1, RTRIM(N'.,a.,', N'.,') AS r2,
       LTRIM('abc', NULL) AS nulchars, RTRIM(NULL, 'a') AS nuls
-- expect: l | r | l1 | r2 | nulchars | nuls
-- abcxx| | xxabc| | a  | | .,a | NULL | NULL
GO
SELECT TRIM('x' FROM 'xxabcxx') AS t, TRIM(LEADING 'x' FROM 'xxabcxx') AS l, TRIM(TRAILING 'x' FROM 'xxabcxx') AS r,
       TRIM(BOTH '.,' FROM '.,a,.') AS b, TRIM(LEADING '  a  ') + '|' AS lsp, TRIM(TRAILING '  a  ') + '|' AS tsp
-- expect: t | l | r | b | lsp | tsp
-- abc | abcxx | xxabc | a | a  | |   a|
GO
SELECT LTRIM('a', 'b', 'c')
-- error: 189 The ltrim function requires 1 to 2 arguments.
GO
SELECT TRIM('a', 'b')
-- error: 174 The TRIM function requires 1 argument(s).
GO
CREATE TABLE dbo.dist (id int, v int NULL)
INSERT dbo.dist VALUES (1, 1), (2, NULL), (3, 3)
GO
SELECT id FROM dbo.dist WHERE v IS DISTINCT FROM 1 ORDER BY id
-- expect: id
-- 2
-- 3
GO
SELECT id FROM dbo.dist WHERE v IS NOT DISTINCT FROM NULL
-- expect: id
-- 2
GO
SELECT a.id AS a, b.id AS b FROM dbo.dist AS a JOIN dbo.dist AS b ON a.v IS NOT DISTINCT FROM b.v ORDER BY a.id
-- expect: a | b
-- 1 | 1
-- 2 | 2
-- 3 | 3
GO
SELECT id, CASE WHEN v IS DISTINCT FROM 3 THEN 'd' ELSE 'same' END AS c, CASE WHEN NULL IS NOT DISTINCT FROM NULL THEN 1 ELSE 0 END AS nn
FROM dbo.dist ORDER BY id
-- expect: id | c | nn
-- 1 | d | 1
-- 2 | d | 1
-- 3 | same | 1
GO
SELECT value FROM GENERATE_SERIES(1, 5)
-- expect: value
-- 1
-- 2
-- 3
-- 4
-- 5
GO
SELECT value FROM GENERATE_SERIES(1, 50, 15)
-- expect: value
-- 1
-- 16
-- 31
-- 46
GO
SELECT value FROM GENERATE_SERIES(5, 1)
-- expect: value
-- 5
-- 4
-- 3
-- 2
-- 1
GO
SELECT COUNT(*) AS n FROM GENERATE_SERIES(1, 10, -1)
-- expect: n
-- 0
GO
DECLARE @start decimal(2, 1) = 0.0, @stop decimal(2, 1) = 1.0, @step decimal(2, 1) = 0.3
SELECT value FROM GENERATE_SERIES(@start, @stop, @step)
-- expect: value
-- 0.0
-- 0.3
-- 0.6
-- 0.9
GO
SELECT s.value * 2 AS d FROM GENERATE_SERIES(CAST(1 AS bigint), CAST(3 AS bigint)) AS s
-- expect: d
-- 2
-- 4
-- 6
GO
SELECT value FROM GENERATE_SERIES(1, 10, 0)
-- expect: value
-- error: 4199 Argument value 0 is invalid for argument 3 of generate_series function.
GO
SELECT value FROM GENERATE_SERIES(1, 10.5)
-- error: 5373 All the input parameters should be of the same type. Supported types are tinyint, smallint, int, bigint, decimal and numeric.
GO
SELECT JSON_OBJECT('name':'value', 'type':1) AS a, JSON_OBJECT() AS e, JSON_OBJECT('a':NULL) AS n, JSON_OBJECT('a':NULL, 'b':2 ABSENT ON NULL) AS ab
-- expect: a | e | n | ab
-- {"name":"value","type":1} | {} | {"a":null} | {"b":2}
GO
SELECT JSON_ARRAY('a', 1, NULL, 2) AS a, JSON_ARRAY('a', 1, NULL, 2 NULL ON NULL) AS n, JSON_ARRAY() AS e,
       JSON_OBJECT('name':'value', 'type':JSON_ARRAY(1, 2)) AS nested, JSON_ARRAY('a"b/c', CAST(1 AS bit), 1.50) AS esc
-- expect: a | n | e | nested | esc
-- ["a",1,2] | ["a",1,null,2] | [] | {"name":"value","type":[1,2]} | ["a\"b\/c",true,1.50]
GO
SELECT PARSE('Monday, 13 December 2010' AS datetime2 USING 'en-US') AS d, PARSE('$12.50' AS money USING 'en-US') AS m,
       PARSE('1,234.5' AS decimal(10, 2)) AS dec, PARSE('100.00' AS int) AS i, PARSE('12/13/2010' AS date USING '') AS inv
-- expect: d | m | dec | i | inv
-- 2010-12-13 00:00:00 | 12.5000 | 1234.50 | 100 | 2010-12-13
GO
-- PARSE's reference examples: '€345,98' AS money USING 'de-DE' is 345.98.
SELECT PARSE('€345,98' AS money USING 'de-DE') AS m, PARSE('1.234,5' AS decimal(10, 2) USING 'de-DE') AS d, TRY_PARSE('1 234,5' AS float USING 'fr-FR') AS f
-- expect: m | d | f
-- 345.9800 | 1234.50 | 1234.5
GO
SELECT TRY_PARSE('abc' AS int) AS bad, TRY_PARSE('100.5' AS int) AS frac, TRY_PARSE(CAST(NULL AS varchar(10)) AS int) AS nul
-- expect: bad | frac | nul
-- NULL | NULL | NULL
GO
SELECT PARSE('abc' AS datetime2 USING 'en-US')
-- expect: -
-- error: 9819 Error converting string value 'abc' into data type datetime2 using culture 'en-US'.
GO
SELECT PARSE('1' AS int USING 'xx-Bogus')
-- expect: -
-- error: 9818 The culture parameter 'xx-Bogus' provided in the function call is not supported.
GO
SELECT PARSE(1 AS int)
-- error: 8116 Argument data type int is invalid for argument 1 of parse function.
GO
CREATE TABLE dbo.st (id int NOT NULL CONSTRAINT pk_st PRIMARY KEY, a int, b int)
CREATE INDEX ix_ab ON dbo.st (b, a) INCLUDE (id)
CREATE TABLE dbo.heap (x int)
GO
SELECT OBJECT_NAME(object_id) AS tbl, name, stats_id, auto_created, user_created, no_recompute, has_filter, filter_definition, is_temporary, is_incremental
FROM sys.stats WHERE object_id IN (OBJECT_ID('dbo.st'), OBJECT_ID('dbo.heap')) ORDER BY stats_id
-- expect: tbl | name | stats_id | auto_created | user_created | no_recompute | has_filter | filter_definition | is_temporary | is_incremental
-- st | pk_st | 1 | 0 | 0 | 0 | 0 | NULL | 0 | 0
-- st | ix_ab | 2 | 0 | 0 | 0 | 0 | NULL | 0 | 0
GO
-- Index statistics cover the key columns only, not INCLUDE columns.
SELECT s.name, sc.stats_column_id, c.name AS col
FROM sys.stats AS s JOIN sys.stats_columns AS sc ON sc.object_id = s.object_id AND sc.stats_id = s.stats_id
JOIN sys.columns AS c ON c.object_id = sc.object_id AND c.column_id = sc.column_id
WHERE s.object_id = OBJECT_ID('dbo.st') ORDER BY s.stats_id, sc.stats_column_id
-- expect: name | stats_column_id | col
-- pk_st | 1 | id
-- ix_ab | 1 | b
-- ix_ab | 2 | a
GO
SELECT CASE WHEN STATS_DATE(OBJECT_ID('dbo.st'), 2) IS NULL THEN 0 ELSE 1 END AS has_date, STATS_DATE(OBJECT_ID('dbo.st'), 9) AS nostats,
       STATS_DATE(OBJECT_ID('dbo.heap'), 0) AS heap, STATS_DATE(NULL, 1) AS nul
-- expect: has_date | nostats | heap | nul
-- 1 | NULL | NULL | NULL
GO
CREATE TABLE dbo.ev (d datetime2(0), n int)
INSERT dbo.ev VALUES ('2024-01-05 10:00', 1), ('2024-01-20 11:00', 2), ('2024-02-03 12:00', 3)
GO
SELECT DATETRUNC(month, d) AS m, SUM(n) AS total FROM dbo.ev GROUP BY DATETRUNC(month, d) ORDER BY m
-- expect: m | total
-- 2024-01-01 00:00:00 | 3
-- 2024-02-01 00:00:00 | 3
GO
SELECT DATETRUNC(day, MAX(d)) AS lastday, DATE_BUCKET(week, 2, MIN(d)) AS firstbucket,
       (SELECT COUNT(*) FROM dbo.ev WHERE DATETRUNC(month, d) = DATETRUNC(month, CAST('2024-01-31' AS date))) AS jan
FROM dbo.ev
-- expect: lastday | firstbucket | jan
-- 2024-02-03 00:00:00 | 2024-01-01 00:00:00 | 2
GO
SELECT g.value AS k, e.n FROM GENERATE_SERIES(1, 4) AS g LEFT JOIN dbo.ev AS e ON e.n = g.value ORDER BY g.value
-- expect: k | n
-- 1 | 1
-- 2 | 2
-- 3 | 3
-- 4 | NULL
GO
SELECT DATETRUNC()
-- error: 174 The DATETRUNC function requires 2 argument(s).
GO
SELECT DATE_BUCKET(day, 1)
-- error: 189 The date_bucket function requires 3 to 4 arguments.
GO
SELECT JSON_OBJECT('a')
-- error: 102 Incorrect syntax near ')'.
GO
SELECT value FROM GENERATE_SERIES(1)
-- error: 189 The generate_series function requires 2 to 3 arguments.
GO
SELECT value FROM GENERATE_SERIES('a', 'b')
-- error: 5373 All the input parameters should be of the same type. Supported types are tinyint, smallint, int, bigint, decimal and numeric.
GO
SELECT value FROM GENERATE_SERIES(NULL, 3)
-- expect: value
GO
SELECT value FROM GENERATE_SERIES(CAST(250 AS tinyint), CAST(255 AS tinyint), CAST(3 AS tinyint))
-- expect: value
-- 250
-- 253
GO
INSERT dbo.dist VALUES (4, NULL)
GO
SELECT a.id FROM dbo.dist AS a WHERE EXISTS (SELECT 1 FROM dbo.dist AS b WHERE b.v IS NOT DISTINCT FROM a.v AND b.id <> a.id) ORDER BY a.id
-- expect: id
-- 2
-- 4
GO
CREATE TABLE dbo.chk (a int NULL, b int NULL, CONSTRAINT ck_ab CHECK (a IS DISTINCT FROM b))
GO
INSERT dbo.chk VALUES (1, NULL)
GO
INSERT dbo.chk VALUES (NULL, NULL)
-- error: 547
-- message: The statement has been terminated.
GO
CREATE VIEW dbo.v2022 AS SELECT JSON_OBJECT('a':a, 'b':b ABSENT ON NULL) AS j, TRIM(TRAILING '0' FROM CAST(a AS varchar(10))) AS t FROM dbo.chk
GO
SELECT j, t FROM dbo.v2022
-- expect: j | t
-- {"a":1} | 1
GO
-- Decimal series of literals with different precisions: the column holds
-- the largest scale (0.0000010 is numeric(7,7)).
SELECT value FROM GENERATE_SERIES(1.5, 7.5, 1.5)
-- expect: value
-- 1.5
-- 3.0
-- 4.5
-- 6.0
-- 7.5
GO
SELECT COUNT(*) AS n, MAX(value) AS mx FROM GENERATE_SERIES(0.0, 0.0000010, 0.0000001)
-- expect: n | mx
-- 11 | 0.0000010
GO
SELECT JSON_ARRAY((SELECT id FROM dbo.dist WHERE id < 3 ORDER BY id FOR JSON PATH), JSON_QUERY('{"x":1}'), '{"y":2}') AS a
-- expect: a
-- [[{"id":1},{"id":2}],{"x":1},"{\"y\":2}"]
GO

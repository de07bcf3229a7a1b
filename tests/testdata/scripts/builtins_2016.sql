-- Built-ins applications call that were missing: the distribution window
-- functions, STDEV/VAR and friends, CHECKSUM_AGG, APPROX_COUNT_DISTINCT,
-- SOUNDEX/DIFFERENCE, STRING_ESCAPE, COMPRESS/DECOMPRESS, NEWSEQUENTIALID.
CREATE TABLE dbo.Sales (id int PRIMARY KEY, region varchar(10), amt decimal(10,2))
INSERT dbo.Sales VALUES (1, 'East', 10.5), (2, 'East', 20), (3, 'West', 5), (4, 'West', 7.25), (6, 'X', NULL), (7, 'X', NULL)
GO
-- PERCENT_RANK = (rank - 1) / (n - 1); NULLs sort first.
SELECT id, PERCENT_RANK() OVER (ORDER BY amt) AS pr, CUME_DIST() OVER (PARTITION BY region ORDER BY amt) AS cd
FROM dbo.Sales ORDER BY id
-- expect: id | pr | cd
-- 1 | 0.8 | 0.5
-- 2 | 1 | 1
-- 3 | 0.4 | 0.5
-- 4 | 0.6 | 1
-- 6 | 0 | 1
-- 7 | 0 | 1
GO
-- The inverse distributions ignore NULLs; CONT interpolates, DISC picks.
SELECT id,
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY amt) OVER (PARTITION BY region) AS pc,
  PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY amt) OVER (PARTITION BY region) AS pd,
  PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY amt DESC) OVER () AS pall
FROM dbo.Sales ORDER BY id
-- expect: id | pc | pd | pall
-- 1 | 15.25 | 10.50 | 12.875
-- 2 | 15.25 | 10.50 | 12.875
-- 3 | 6.125 | 5.00 | 12.875
-- 4 | 6.125 | 5.00 | 12.875
-- 6 | NULL | NULL | 12.875
-- 7 | NULL | NULL | 12.875
GO
SELECT PERCENTILE_CONT(0.5) AS median FROM dbo.Sales
-- error: 10753 The function 'percentile_cont' must have an OVER clause.
GO
SELECT PERCENTILE_CONT(0.5) OVER () AS median FROM dbo.Sales
-- error: 10754 The function 'percentile_cont' must have a WITHIN GROUP clause.
GO
SELECT CUME_DIST() OVER (PARTITION BY region) AS cd FROM dbo.Sales
-- error: 4112 The function 'cume_dist' must have an OVER clause with ORDER BY.
GO
-- Sample and population deviation and variance, over the group and OVER.
SELECT STDEV(amt) AS s, VAR(amt) AS v, STDEVP(amt) AS sp, VARP(amt) AS vp, CHECKSUM_AGG(id) AS c, APPROX_COUNT_DISTINCT(region) AS regions
FROM dbo.Sales
-- expect: s | v | sp | vp | c | regions
-- 6.606105130861906 | 43.640625 | 5.721054863397134 | 32.73046875 | 5 | 3
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT DISTINCT region, VAR(amt) OVER (PARTITION BY region) AS v, VARP(amt) OVER (PARTITION BY region) AS vp
FROM dbo.Sales ORDER BY region
-- expect: region | v | vp
-- East | 45.125 | 22.5625
-- West | 2.53125 | 1.265625
-- X | NULL | NULL
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
SELECT STDEV(amt) AS one FROM dbo.Sales WHERE id = 1
-- expect: one
-- NULL
GO
SELECT CHECKSUM_AGG(region) FROM dbo.Sales
-- error: 8117
GO
SELECT SOUNDEX('Smith') AS a, SOUNDEX('Smythe') AS b, DIFFERENCE('Smithers', 'Smythers') AS c,
  DIFFERENCE('Anothers', 'Brothers') AS d, SOUNDEX('Ashcraft') AS e, SOUNDEX('Tymczak') AS f, SOUNDEX('Pfister') AS g
-- expect: a | b | c | d | e | f | g
-- S530 | S530 | 4 | 2 | A261 | T522 | P236
GO
SELECT STRING_ESCAPE('a\bc/de"f', 'json') AS e, STRING_ESCAPE(CHAR(4) + CHAR(9) + CHAR(31), 'json') AS c
-- expect: e | c
-- a\\bc\/de\"f | \u0004\t\u001f
GO
SELECT STRING_ESCAPE(1, 'json')
-- error: 8116 Argument data type int is invalid for argument 1 of string_escape function.
GO
DECLARE @in nvarchar(40) = N'SQL Server 2017 Developer''s Guide'
SELECT CAST(DECOMPRESS(COMPRESS(@in)) AS nvarchar(40)) AS back, SUBSTRING(COMPRESS(@in), 1, 3) AS magic,
  DECOMPRESS(0x0102) AS junk, DATALENGTH(DECOMPRESS(COMPRESS(REPLICATE(CAST('ab' AS varchar(max)), 5000)))) AS big
-- expect: back | magic | junk | big
-- SQL Server 2017 Developer's Guide | 0x1F8B08 | NULL | 10000
GO
-- NEWSEQUENTIALID: only as a uniqueidentifier column's whole DEFAULT; each
-- value sorts after the one before.
CREATE TABLE dbo.Q (g uniqueidentifier DEFAULT NEWSEQUENTIALID() PRIMARY KEY, n int)
INSERT dbo.Q (n) VALUES (1)
INSERT dbo.Q (n) VALUES (2)
INSERT dbo.Q (n) VALUES (3)
INSERT dbo.Q (n) SELECT 4 UNION ALL SELECT 5
SELECT STRING_AGG(n, ',') WITHIN GROUP (ORDER BY g) AS by_guid FROM dbo.Q
-- expect: by_guid
-- 1,2,3,4,5
GO
SELECT NEWSEQUENTIALID()
-- error: 302
GO
CREATE TABLE dbo.Q2 (g int DEFAULT NEWSEQUENTIALID())
-- error: 302
GO
CREATE TABLE dbo.Q3 (g uniqueidentifier)
ALTER TABLE dbo.Q3 ADD CONSTRAINT DF_Q3 DEFAULT (CAST(NEWSEQUENTIALID() AS varchar(36))) FOR g
-- error: 302
GO

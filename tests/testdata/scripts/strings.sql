-- String functions under the default case-insensitive collation.
SELECT LEN('abc  ') AS len, DATALENGTH('abc  ') AS dl, DATALENGTH(N'ab') AS dln, LEN(N'') AS empty, LEN(NULL) AS nul
-- expect: len | dl | dln | empty | nul
-- 3 | 5 | 4 | 0 | NULL
GO
SELECT UPPER('aBc') AS u, LOWER('AbC') AS l, LTRIM('  x ') + '|' AS lt, RTRIM(' x  ') + '|' AS rt, TRIM('  x  ') + '|' AS tr
-- expect: u | l | lt | rt | tr
-- ABC | abc | x | |  x| | x|
GO
SELECT SUBSTRING('hello', 2, 3) AS sub, LEFT('hello', 2) AS lft, RIGHT('hello', 3) AS rgt, SUBSTRING('hello', 0, 2) AS sub0, SUBSTRING('hello', 4, 100) AS subtail
-- expect: sub | lft | rgt | sub0 | subtail
-- ell | he | llo | h | lo
GO
SELECT CHARINDEX('l', 'hello') AS ci, CHARINDEX('z', 'hello') AS cz, CHARINDEX('l', 'hello', 4) AS cs, PATINDEX('%ll%', 'hello') AS pat, CHARINDEX('L', 'hello') AS ccase
-- expect: ci | cz | cs | pat | ccase
-- 3 | 0 | 4 | 3 | 3
GO
SELECT REPLACE('aaa', 'a', 'bb') AS rep, REPLICATE('ab', 3) AS rpl, REVERSE('abc') AS rev, STUFF('abcdef', 2, 3, 'XY') AS stf, SPACE(2) + 'x' AS sp
-- expect: rep | rpl | rev | stf | sp
-- bbbbbb | ababab | cba | aXYef |   x
GO
SELECT CONCAT('a', NULL, 1) AS c, 'a' + NULL AS plusnull, CONCAT_WS('-', 'a', NULL, 'b') AS cws
-- expect: c | plusnull | cws
-- a1 | NULL | a-b
GO
-- 'a' + NULL is varchar: a NULL literal adds one character to the
-- concatenation's length ('xy' + NULL is varchar(3)), and ISNULL casts its
-- replacement to the first argument's type, so 'dflt' is cut
SELECT ISNULL('a' + NULL, 'dflt') AS isn, ISNULL('xy' + NULL + NULL, 'dflt!') AS isn2
-- expect: isn | isn2
-- df | dflt
GO
SELECT CASE WHEN 'abc' = 'ABC' THEN 1 ELSE 0 END AS ci, CASE WHEN 'a ' = 'a' THEN 1 ELSE 0 END AS trailing, CASE WHEN 'a' < 'B' THEN 1 ELSE 0 END AS lt
-- expect: ci | trailing | lt
-- 1 | 1 | 1
GO
SELECT CASE WHEN 'abc' LIKE 'a%' THEN 1 ELSE 0 END AS pct, CASE WHEN 'abc' LIKE 'a_c' THEN 1 ELSE 0 END AS under,
       CASE WHEN 'a%c' LIKE 'a[%]c' THEN 1 ELSE 0 END AS esc, CASE WHEN 'abc' LIKE '[a-b]bc' THEN 1 ELSE 0 END AS rng,
       CASE WHEN 'abc' LIKE '[^a]%' THEN 1 ELSE 0 END AS neg, CASE WHEN 'a_c' LIKE 'a!_c' ESCAPE '!' THEN 1 ELSE 0 END AS esc2
-- expect: pct | under | esc | rng | neg | esc2
-- 1 | 1 | 1 | 1 | 0 | 1
GO
SELECT ASCII('A') AS asc_a, CHAR(66) AS chr, UNICODE(N'é') AS uni, NCHAR(233) AS nch
-- expect: asc_a | chr | uni | nch
-- 65 | B | 233 | é
GO
SELECT QUOTENAME('a]b') AS qn, QUOTENAME('x', '''') AS qq
-- expect: qn | qq
-- [a]]b] | 'x'
GO
SELECT STRING_AGG(v, ',') WITHIN GROUP (ORDER BY v) AS agg FROM (VALUES ('b'), ('a'), ('c')) AS t(v)
-- expect: agg
-- a,b,c
GO
SELECT value FROM STRING_SPLIT('a,b,,c', ',')
-- expect: value
-- a
-- b
-- ''
-- c
GO
SELECT FORMAT(1234.5, 'N2') AS f, STR(3.14159, 6, 2) AS s, LOWER(NULL) AS ln
-- expect: f | s | ln
-- 1,234.50 |   3.14 | NULL
GO
SELECT TRANSLATE('2*[3+4]', '[]', '()') AS tr
-- expect: tr
-- 2*(3+4)
GO
SELECT TRANSLATE('abc', 'ab', 'x') AS tr
-- expect: tr
-- error: 9828 The second and third arguments of the TRANSLATE built-in function must contain an equal number of characters.
GO
SELECT LEN(REPLICATE(CAST('x' AS varchar(max)), 10000)) AS big
-- expect: big
-- 10000
GO
DECLARE @s varchar(10) = 'abc'
SET @s += 'def'
SELECT @s AS s, LEN(@s) AS n
-- expect: s | n
-- abcdef | 6
GO
SELECT g, STRING_AGG(v, '-') WITHIN GROUP (ORDER BY n DESC) AS agg
FROM (VALUES ('x', 'a', 1), ('x', 'b', 3), ('y', 'c', 2), ('x', 'c', 2)) AS t(g, v, n) GROUP BY g ORDER BY g
-- expect: g | agg
-- x | b-c-a
-- y | c
GO

-- nvarchar string functions count UTF-16 code units under collations that
-- are not supplementary-character aware (SQL_Latin1_General_CP1_CI_AS and
-- every collation here): an emoji (U+1F600) is two. A cut through a
-- surrogate pair leaves U+FFFD where SQL Server leaves the lone half.
SELECT LEN(N'😀') AS len1, LEN(N'a😀b') AS len2, DATALENGTH(N'😀') AS dl, LEN(N'😀  ') AS trailing, LEN('abc') AS varchar_len
-- expect: len1 | len2 | dl | trailing | varchar_len
-- 2 | 4 | 4 | 2 | 3
GO
SELECT SUBSTRING(N'a😀b', 2, 2) AS pair, SUBSTRING(N'a😀b', 4, 1) AS after, LEFT(N'😀x', 3) AS l, RIGHT(N'x😀', 2) AS r, LEN(SUBSTRING(N'😀', 1, 1)) AS half_len, DATALENGTH(LEFT(N'😀', 1)) AS half_bytes
-- expect: pair | after | l | r | half_len | half_bytes
-- 😀 | b | 😀x | 😀 | 1 | 2
GO
SELECT CHARINDEX(N'b', N'a😀b') AS ci, CHARINDEX(N'😀', N'xx😀') AS ci_pair, STUFF(N'a😀b', 2, 2, N'-') AS st, REPLACE(N'😀a😀', N'😀', N'x') AS rp
-- expect: ci | ci_pair | st | rp
-- 4 | 3 | a-b | xax
GO
-- PATINDEX gives the position SUBSTRING takes: in UTF-16 units.
DECLARE @p nvarchar(20) = N'😀 ab12'
SELECT PATINDEX(N'%[0-9]%', @p) AS pi, SUBSTRING(@p, PATINDEX(N'%[0-9]%', @p), 2) AS digits, PATINDEX(N'%😀%', N'x😀') AS pi_pair, PATINDEX('%b%', 'ab') AS pi_varchar
-- expect: pi | digits | pi_pair | pi_varchar
-- 6 | 12 | 2 | 2
GO
SELECT UNICODE(N'😀') AS u, UNICODE(N'€') AS euro, NCHAR(0x1F600) AS above_bmp, LEN(REPLICATE(N'😀', 3)) AS rep, LEN(REVERSE(N'a😀')) AS rev_len, REVERSE(N'ab') AS rev
-- expect: u | euro | above_bmp | rep | rev_len | rev
-- 55357 | 8364 | NULL | 6 | 3 | ba
GO
DECLARE @s nvarchar(20) = N'x😀y'
SELECT LEN(@s) AS n, SUBSTRING(@s, 2, 2) AS mid, CHARINDEX(N'y', @s) AS pos
-- expect: n | mid | pos
-- 4 | 😀 | 4
GO
-- nvarchar(n) holds n UTF-16 units: N'😀' needs nvarchar(2).
CREATE TABLE dbo.Emoji (id int PRIMARY KEY, one nvarchar(1), two nvarchar(2))
GO
INSERT dbo.Emoji VALUES (1, N'a', N'😀')
SELECT LEN(two) AS n, DATALENGTH(two) AS bytes, CAST(N'😀😀' AS nvarchar(3)) AS cut, LEN(CAST(N'x😀' AS nvarchar(2))) AS cut_len FROM dbo.Emoji
-- expect: n | bytes | cut | cut_len
-- 2 | 4 | 😀� | 2
GO
INSERT dbo.Emoji VALUES (2, N'😀', N'b')
-- error: 2628
-- message: The statement has been terminated.
GO

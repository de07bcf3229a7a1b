-- Documented examples of CAST and CONVERT, run against us. Expected values
-- are those the "CAST and CONVERT (Transact-SQL)" page shows: its table of
-- every date and time style for 2019-08-23 13:39:17.090 into nvarchar
-- (nvarchar(30) by default, which cuts style 130's last letter), including
-- the Hijri styles 130 and 131; binary styles 0, 1 and 2; data type
-- precedence in '+'.
DECLARE @d datetime = '2019-08-23 13:39:17.090'
SELECT s, CONVERT(nvarchar, @d, s) AS txt
FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (20), (21), (22), (23), (101), (102), (103), (104), (105), (106), (107), (110), (111), (112), (120), (121), (126), (127), (130), (131)) v(s)
ORDER BY s
-- expect: s | txt
-- 0 | Aug 23 2019  1:39PM
-- 1 | 08/23/19
-- 2 | 19.08.23
-- 3 | 23/08/19
-- 4 | 23.08.19
-- 5 | 23-08-19
-- 6 | 23 Aug 19
-- 7 | Aug 23, 19
-- 8 | 13:39:17
-- 9 | Aug 23 2019  1:39:17:090PM
-- 10 | 08-23-19
-- 11 | 19/08/23
-- 12 | 190823
-- 13 | 23 Aug 2019 13:39:17:090
-- 14 | 13:39:17:090
-- 20 | 2019-08-23 13:39:17
-- 21 | 2019-08-23 13:39:17.090
-- 22 | 08/23/19  1:39:17 PM
-- 23 | 2019-08-23
-- 101 | 08/23/2019
-- 102 | 2019.08.23
-- 103 | 23/08/2019
-- 104 | 23.08.2019
-- 105 | 23-08-2019
-- 106 | 23 Aug 2019
-- 107 | Aug 23, 2019
-- 110 | 08-23-2019
-- 111 | 2019/08/23
-- 112 | 20190823
-- 120 | 2019-08-23 13:39:17
-- 121 | 2019-08-23 13:39:17.090
-- 126 | 2019-08-23T13:39:17.090
-- 127 | 2019-08-23T13:39:17.090
-- 130 | 22 ذو الحجة 1440  1:39:17.090P
-- 131 | 22/12/1440  1:39:17.090PM
GO
SELECT CONVERT(char(8), 0x4E616d65, 0) AS s0, CONVERT(char(8), 0x4E616d65, 1) AS s1,
  CONVERT(char(8), 0x4E616d65, 2) AS s2, CONVERT(binary(8), 'Name', 0) AS b0,
  CONVERT(binary(4), '0x4E616D65', 1) AS b1, CONVERT(binary(4), '4E616D65', 2) AS b2
-- expect: s0 | s1 | s2 | b0 | b1 | b2
-- Name     | 0x4E616D | 4E616D65 | 0x4E616D6500000000 | 0x4E616D65 | 0x4E616D65
GO
DECLARE @dt datetime = '2006-04-18 09:58:04.570'
SELECT CAST(@dt AS nvarchar(30)) AS UsingCast, CONVERT(nvarchar(30), @dt, 126) AS UsingConvertTo_ISO8601,
  CAST('2006-04-25T15:50:59.997' AS datetime) AS FromText
-- expect: UsingCast | UsingConvertTo_ISO8601 | FromText
-- Apr 18 2006  9:58AM | 2006-04-18T09:58:04.570 | 2006-04-25 15:50:59.997
GO
DECLARE @string varchar(10);
SET @string = 1;
SELECT @string + ' is a string.' AS Result
-- expect: Result
-- 1 is a string.
GO
DECLARE @notastring int;
SET @notastring = '1';
SELECT @notastring + ' is not a string.' AS Result
-- expect: Result
-- error: 245 Conversion failed when converting the varchar value ' is not a string.' to data type int.
GO

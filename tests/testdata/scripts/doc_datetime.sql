-- Documented examples of the date functions, run against us. Expected values
-- are those the pages show: "DATEPART (Transact-SQL)" (DATEPART(year, 0) is
-- 1900: an integer date argument is days since 1900-01-01), "DATEDIFF
-- (Transact-SQL)", "DATENAME (Transact-SQL)" (error 9810 names datename),
-- "DATEADD (Transact-SQL)" (nanoseconds round to datetime2's 100 ns).
SELECT DATEPART(year, 0) AS y, DATEPART(month, 0) AS m, DATEPART(day, 0) AS d
-- expect: y | m | d
-- 1900 | 1 | 1
GO
-- The idiom that truncates a datetime to its day goes through the integer 0.
SELECT DATEDIFF(day, 0, '2024-01-02 10:00') AS days,
  DATEADD(day, DATEDIFF(day, 0, '2024-01-02 10:00'), 0) AS midnight,
  DATENAME(year, 0) AS yname, YEAR(0) AS yr
-- expect: days | midnight | yname | yr
-- 45291 | 2024-01-02 00:00:00.000 | 1900 | 1900
GO
SELECT DATENAME(year, '12:10:30.123') AS y, DATENAME(month, '12:10:30.123') AS m,
  DATENAME(day, '12:10:30.123') AS d, DATENAME(dayofyear, '12:10:30.123') AS dy,
  DATENAME(weekday, '12:10:30.123') AS dw
-- expect: y | m | d | dy | dw
-- 1900 | January | 1 | 1 | Monday
GO
DECLARE @t time = '12:10:30.123';
SELECT DATENAME(year, @t);
-- error: 9810 The datepart year is not supported by date function datename for data type time.
GO
DECLARE @t time = '12:10:30.123';
SELECT DATEPART(year, @t);
-- error: 9810 The datepart year is not supported by date function datepart for data type time.
GO
-- DATEADD's number is an int: the page's 2147483648 overflows converting it.
SELECT DATEADD(year, 2147483648, '20060731') AS d
-- expect: d
-- error: 8115 Arithmetic overflow error converting expression to data type int.
GO
SELECT DATEADD(year, 2147483647, '20060731') AS d
-- expect: d
-- error: 517 Adding a value to a 'datetime' column caused an overflow.
GO
DECLARE @datetime2 datetime2 = '2007-01-01 13:10:10.1111111';
SELECT DATEADD(millisecond, 2, @datetime2) AS ms2, DATEADD(microsecond, 2, @datetime2) AS mcs2,
  DATEADD(nanosecond, 49, @datetime2) AS ns49, DATEADD(nanosecond, 50, @datetime2) AS ns50,
  DATEADD(nanosecond, 150, @datetime2) AS ns150
-- expect: ms2 | mcs2 | ns49 | ns50 | ns150
-- 2007-01-01 13:10:10.1131111 | 2007-01-01 13:10:10.1111131 | 2007-01-01 13:10:10.1111111 | 2007-01-01 13:10:10.1111112 | 2007-01-01 13:10:10.1111113
GO

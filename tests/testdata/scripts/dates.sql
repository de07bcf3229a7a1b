-- Date and time types and functions (us_english, DATEFIRST 7).
SELECT CAST('2024-02-29' AS date) AS d, CAST('10:20:30.5' AS time) AS t, CAST('2024-01-31 10:20:30.123' AS datetime) AS dt,
       CAST('2024-01-31 10:20:30.1234567' AS datetime2) AS dt2, CAST('2024-01-31 10:20:29' AS smalldatetime) AS sdt
-- expect: d | t | dt | dt2 | sdt
-- 2024-02-29 | 10:20:30.5 | 2024-01-31 10:20:30.123 | 2024-01-31 10:20:30.1234567 | 2024-01-31 10:20:00
GO
-- datetime is rounded to increments of .000, .003 or .007 seconds
SELECT CAST('2024-01-01 00:00:00.001' AS datetime) AS r1, CAST('2024-01-01 00:00:00.002' AS datetime) AS r2, CAST('2024-01-01 00:00:00.005' AS datetime) AS r5, CAST('2024-01-01 23:59:59.999' AS datetime) AS r9
-- expect: r1 | r2 | r5 | r9
-- 2024-01-01 00:00:00.000 | 2024-01-01 00:00:00.003 | 2024-01-01 00:00:00.007 | 2024-01-02 00:00:00.000
GO
SELECT CAST('2024-01-01 10:00:00 +02:00' AS datetimeoffset) AS dto
-- expect: dto
-- 2024-01-01 10:00:00 +02:00
GO
SELECT SWITCHOFFSET(CAST('2024-01-01 10:00:00 +02:00' AS datetimeoffset), '+00:00') AS sw
-- expect: sw
-- 2024-01-01 08:00:00 +00:00
GO
SELECT DATEADD(day, 1, CAST('2024-02-28' AS date)) AS addday, DATEADD(month, 1, CAST('2024-01-31' AS date)) AS addmonth,
       DATEADD(year, -1, CAST('2024-02-29' AS date)) AS subyear, DATEADD(hour, 25, CAST('2024-01-01' AS datetime2)) AS addhour
-- expect: addday | addmonth | subyear | addhour
-- 2024-02-29 | 2024-02-29 | 2023-02-28 | 2024-01-02 01:00:00
GO
SELECT DATEDIFF(day, '2024-01-01', '2024-03-01') AS days, DATEDIFF(year, '2023-12-31', '2024-01-01') AS years,
       DATEDIFF(month, '2024-01-31', '2024-02-01') AS months, DATEDIFF(second, '2024-01-01 00:00:00', '2024-01-01 01:00:00') AS secs,
       DATEDIFF(day, '2024-03-01', '2024-01-01') AS neg
-- expect: days | years | months | secs | neg
-- 60 | 1 | 1 | 3600 | -60
GO
SELECT YEAR('2024-03-05') AS y, MONTH('2024-03-05') AS m, DAY('2024-03-05') AS d, DATEPART(weekday, '2024-01-01') AS wd,
       DATEPART(dayofyear, '2024-03-01') AS dy, DATEPART(quarter, '2024-08-01') AS q, DATENAME(month, '2024-03-05') AS mn, DATENAME(weekday, '2024-01-01') AS dn
-- expect: y | m | d | wd | dy | q | mn | dn
-- 2024 | 3 | 5 | 2 | 61 | 3 | March | Monday
GO
SELECT EOMONTH('2024-02-10') AS eom, EOMONTH('2024-01-10', 1) AS eom1
-- expect: eom | eom1
-- 2024-02-29 | 2024-02-29
GO
SELECT ISDATE('2024-02-30') AS bad, ISDATE('2024-02-29') AS good
-- expect: bad | good
-- 0 | 1
GO
SELECT DATEFROMPARTS(2024, 12, 31) AS dfp
-- expect: dfp
-- 2024-12-31
GO
SELECT CONVERT(varchar(10), CAST('2024-03-05' AS date), 112) AS s112, CONVERT(varchar(10), CAST('2024-03-05' AS date), 103) AS s103,
       CONVERT(varchar(19), CAST('2024-03-05 10:20:30' AS datetime), 120) AS s120, CONVERT(varchar(10), CAST('2024-03-05' AS date), 101) AS s101
-- expect: s112 | s103 | s120 | s101
-- 20240305 | 05/03/2024 | 2024-03-05 10:20:30 | 03/05/2024
GO
SELECT CAST('2024-02-30' AS date)
-- expect: -
-- error: 241 Conversion failed when converting date and/or time from character string.
GO
SELECT CASE WHEN GETDATE() > '2020-01-01' THEN 1 ELSE 0 END AS now_ok, CASE WHEN SYSDATETIME() > '2020-01-01' THEN 1 ELSE 0 END AS sys_ok,
       CASE WHEN ABS(DATEDIFF(hour, GETUTCDATE(), SYSUTCDATETIME())) < 1 THEN 1 ELSE 0 END AS utc_ok
-- expect: now_ok | sys_ok | utc_ok
-- 1 | 1 | 1
GO
SELECT CAST(CAST('2024-01-31 10:20:30' AS datetime) AS date) AS d, CAST(CAST('2024-01-31 10:20:30' AS datetime) AS time) AS t, CAST(CAST('2024-01-31' AS date) AS datetime) AS dt
-- expect: d | t | dt
-- 2024-01-31 | 10:20:30 | 2024-01-31 00:00:00.000
GO
SELECT CAST('2024-01-01' AS datetime) + 1 AS plus1, DATEADD(minute, 90, CAST('10:00' AS time)) AS tm
-- expect: plus1 | tm
-- 2024-01-02 00:00:00.000 | 11:30:00
GO
SELECT TODATETIMEOFFSET(CAST('2024-01-01 10:00:00' AS datetime2(0)), '-05:00') AS todto,
       SWITCHOFFSET(CAST('2024-01-01 00:30:00 +00:00' AS datetimeoffset(0)), -60) AS sw_minutes
-- expect: todto | sw_minutes
-- 2024-01-01 10:00:00 -05:00 | 2023-12-31 23:30:00 -01:00
GO
SELECT SWITCHOFFSET(CAST('2024-01-01 10:00:00 +02:00' AS datetimeoffset), '+15:00') AS bad
-- expect: bad
-- error: 9812 The timezone provided to builtin function switchoffset is invalid.
GO

-- Documented examples of DATE_BUCKET, DATETRUNC, DATEDIFF_BIG and
-- GENERATE_SERIES (learn.microsoft.com/sql/t-sql/functions/
-- date-bucket-transact-sql, datetrunc-transact-sql, datediff-big-transact-sql,
-- generate-series-transact-sql). The FactInternetSales rows are our own;
-- examples whose result depends on the day they run are left out.
-- DATE_BUCKET: one-week buckets from the default origin 1900-01-01 (a Monday)
DECLARE @date DATETIME2 = '2020-04-15 21:22:11';
SELECT DATE_BUCKET(WEEK, 1, @date) AS w1, DATE_BUCKET(WEEK, 2, @date) AS w2, DATE_BUCKET(WEEK, 3, @date) AS w3,
  DATE_BUCKET(WEEK, 4, @date) AS w4, DATE_BUCKET(WEEK, 6, @date) AS w6, DATE_BUCKET(WEEK, 5, @date) AS w5;
-- expect: w1 | w2 | w3 | w4 | w6 | w5
-- 2020-04-13 00:00:00 | 2020-04-13 00:00:00 | 2020-04-13 00:00:00 | 2020-04-13 00:00:00 | 2020-04-13 00:00:00 | 2020-04-06 00:00:00
GO
-- DATE_BUCKET with an origin, and example C
DECLARE @date DATETIME2 = '2020-06-15 21:22:11';
DECLARE @origin DATETIME2 = '2019-01-01 00:00:00';
SELECT DATE_BUCKET(WEEK, 5, @date, @origin) AS w, DATE_BUCKET(HOUR, 2, @date, @origin) AS h;
-- expect: w | h
-- 2020-06-09 00:00:00 | 2020-06-15 20:00:00
GO
-- DATE_BUCKET number argument: beyond int is 8115, negative is 9834 (the
-- page prints the function's name in capitals in 9834's text; SQL Server's
-- other date function messages name it in lower case, as we do, so only
-- the number is compared)
DECLARE @date DATETIME2 = '2020-04-30 00:00:00';
SELECT DATE_BUCKET(DAY, 2147483648, @date);
-- expect: -
-- error: 8115 Arithmetic overflow error converting expression to data type int.
GO
DECLARE @date DATETIME2 = '2020-04-30 00:00:00';
SELECT DATE_BUCKET(DAY, -1, @date);
-- expect: -
-- error: 9834
GO
-- DATE_BUCKET A. A bucket width of 1 from the origin time
DECLARE @date DATETIME2 = '2020-04-30 21:21:21';
SELECT 'Week', DATE_BUCKET(WEEK, 1, @date)
UNION ALL
SELECT 'Day', DATE_BUCKET(DAY, 1, @date)
UNION ALL
SELECT 'Hour', DATE_BUCKET(HOUR, 1, @date)
UNION ALL
SELECT 'Minutes', DATE_BUCKET(MINUTE, 1, @date)
UNION ALL
SELECT 'Seconds', DATE_BUCKET(SECOND, 1, @date);
-- expect: - | -
-- Week | 2020-04-27 00:00:00
-- Day | 2020-04-30 00:00:00
-- Hour | 2020-04-30 21:00:00
-- Minutes | 2020-04-30 21:21:00
-- Seconds | 2020-04-30 21:21:21
GO
-- DATE_BUCKET B. Variables as number and date (2000 was a leap year)
DECLARE @days INT = 365,
    @datetime DATETIME2 = '2000-01-01 01:01:01.1110000';
    /* 2000 was a leap year */;
SELECT DATE_BUCKET(DAY, @days, @datetime);
-- expect: -
-- 1999-12-08 00:00:00
GO
-- DATE_BUCKET B. A column as date, grouped by weekly buckets; other types
-- keep their type
CREATE TABLE dbo.FactInternetSales (SalesOrderNumber nvarchar(20), ShipDate datetime, OrderQuantity smallint, UnitPrice money)
INSERT dbo.FactInternetSales VALUES (N'SO1', '2011-01-03', 1, 3578.27), (N'SO2', '2011-01-09T23:00', 2, 699.0982),
 (N'SO3', '2011-01-10', 3, 3399.99), (N'SO4', '2011-01-19', 4, 3374.99), (N'SO5', '2011-03-01', 5, 1.00)
GO
SELECT DATE_BUCKET(WEEK, 1, CAST(ShipDate AS DATETIME2)) AS ShippedDateBucket
    , SUM(OrderQuantity) AS SumOrderQuantity
    , SUM(UnitPrice) AS SumUnitPrice
FROM dbo.FactInternetSales FIS
WHERE ShipDate BETWEEN '2011-01-03 00:00:00.000'
        AND '2011-02-28 00:00:00.000'
GROUP BY DATE_BUCKET(WEEK, 1, CAST(ShipDate AS DATETIME2))
ORDER BY ShippedDateBucket;
SELECT DATE_BUCKET(MONTH, 1, CAST('2011-01-19' AS date)) AS d, DATE_BUCKET(DAY, 1, ShipDate) AS dt,
  DATE_BUCKET(MINUTE, 15, CAST('10:38:12' AS time)) AS t
FROM dbo.FactInternetSales WHERE SalesOrderNumber = N'SO2';
-- expect: ShippedDateBucket | SumOrderQuantity | SumUnitPrice
-- 2011-01-03 00:00:00 | 3 | 4277.3682
-- 2011-01-10 00:00:00 | 3 | 3399.9900
-- 2011-01-17 00:00:00 | 4 | 3374.9900
-- expect: d | dt | t
-- 2011-01-01 | 2011-01-09 00:00:00.000 | 10:30:00
GO
-- DATETRUNC A. The datepart options
DECLARE @d datetime2 = '2021-12-08 11:30:15.1234567';
SELECT 'Year', DATETRUNC(year, @d);
SELECT 'Quarter', DATETRUNC(quarter, @d);
SELECT 'Month', DATETRUNC(month, @d);
SELECT 'Week', DATETRUNC(week, @d); -- Using the default DATEFIRST setting value of 7 (U.S. English)
SELECT 'Iso_week', DATETRUNC(iso_week, @d);
SELECT 'DayOfYear', DATETRUNC(dayofyear, @d);
SELECT 'Day', DATETRUNC(day, @d);
SELECT 'Hour', DATETRUNC(hour, @d);
SELECT 'Minute', DATETRUNC(minute, @d);
SELECT 'Second', DATETRUNC(second, @d);
SELECT 'Millisecond', DATETRUNC(millisecond, @d);
SELECT 'Microsecond', DATETRUNC(microsecond, @d);
-- expect: - | -
-- Year | 2021-01-01 00:00:00
-- expect: - | -
-- Quarter | 2021-10-01 00:00:00
-- expect: - | -
-- Month | 2021-12-01 00:00:00
-- expect: - | -
-- Week | 2021-12-05 00:00:00
-- expect: - | -
-- Iso_week | 2021-12-06 00:00:00
-- expect: - | -
-- DayOfYear | 2021-12-08 00:00:00
-- expect: - | -
-- Day | 2021-12-08 00:00:00
-- expect: - | -
-- Hour | 2021-12-08 11:00:00
-- expect: - | -
-- Minute | 2021-12-08 11:30:00
-- expect: - | -
-- Second | 2021-12-08 11:30:15
-- expect: - | -
-- Millisecond | 2021-12-08 11:30:15.123
-- expect: - | -
-- Microsecond | 2021-12-08 11:30:15.123456
GO
-- DATETRUNC B. @@DATEFIRST and week
DECLARE @d datetime2 = '2021-11-11 11:11:11.1234567';

SELECT 'Week-7', DATETRUNC(week, @d); -- Uses the default DATEFIRST setting value of 7 (U.S. English)

SET DATEFIRST 6;
SELECT 'Week-6', DATETRUNC(week, @d);

SET DATEFIRST 3;
SELECT 'Week-3', DATETRUNC(week, @d);
SET DATEFIRST 7;
-- expect: - | -
-- Week-7 | 2021-11-07 00:00:00
-- expect: - | -
-- Week-6 | 2021-11-06 00:00:00
-- expect: - | -
-- Week-3 | 2021-11-10 00:00:00
GO
-- DATETRUNC C. Literals and string variables are datetime2(7)
SELECT DATETRUNC(month, '1998-03-04');

SELECT DATETRUNC(millisecond, '1998-03-04 10:10:05.1234567');

DECLARE @d1 char(200) = '1998-03-04';
SELECT DATETRUNC(millisecond, @d1);

DECLARE @d2 nvarchar(max) = '1998-03-04 10:10:05';
SELECT DATETRUNC(minute, @d2);
SELECT SQL_VARIANT_PROPERTY(DATETRUNC(month, '1998-03-04'), 'BaseType') AS t, SQL_VARIANT_PROPERTY(DATETRUNC(month, '1998-03-04'), 'Scale') AS s;
-- expect: -
-- 1998-03-01 00:00:00
-- expect: -
-- 1998-03-04 10:10:05.123
-- expect: -
-- 1998-03-04 00:00:00
-- expect: -
-- 1998-03-04 10:10:00
-- expect: t | s
-- datetime2 | 7
GO
-- DATETRUNC D and F
DECLARE @d datetime2 = '1998-12-11 02:03:04.1234567';
SELECT DATETRUNC(day, @d);
SELECT DATETRUNC(yyyy, CONVERT(date, '2021-12-1'));
-- expect: -
-- 1998-12-11 00:00:00
-- expect: -
-- 2021-01-01
GO
-- DATETRUNC G. A datepart at the type's own precision changes nothing
DECLARE @d datetime = '2015-04-29 05:06:07.123';
SELECT 'Input', @d;
SELECT 'Truncated', DATETRUNC(millisecond, @d);
-- expect: - | -
-- Input | 2015-04-29 05:06:07.123
-- expect: - | -
-- Truncated | 2015-04-29 05:06:07.123
GO
DECLARE @d date = '2050-04-04';
SELECT 'Input', @d;
SELECT 'Truncated', DATETRUNC(day, @d);
-- expect: - | -
-- Input | 2050-04-04
-- expect: - | -
-- Truncated | 2050-04-04
GO
DECLARE @d smalldatetime = '2009-09-11 12:42:12'
SELECT 'Input', @d;
SELECT 'Truncated to minute', DATETRUNC(minute, @d)
SELECT 'Truncated to second', DATETRUNC(second, @d);
-- expect: - | -
-- Input | 2009-09-11 12:42:00
-- expect: - | -
-- Truncated to minute | 2009-09-11 12:42:00
-- expect: - | -
-- Truncated to second | 2009-09-11 12:42:00
GO
DECLARE @d datetime = '2020-02-02 02:02:02.002';
SELECT 'Input', @d;
SELECT 'Truncated', DATETRUNC(millisecond, @d);
-- expect: - | -
-- Input | 2020-02-02 02:02:02.003
-- expect: - | -
-- Truncated | 2020-02-02 02:02:02.003
GO
-- DATETRUNC remarks: week before the type's minimum is 9837; a datepart the
-- type lacks is 9810
DECLARE @d date= '0001-01-01 00:00:00';
SELECT DATETRUNC(week, @d);
-- expect: -
-- error: 9837 An invalid date value was encountered: The date value is less than the minimum date value allowed for the data type.
GO
DECLARE @d time = '12:12:12.1234567';
SELECT DATETRUNC(year, @d);
-- error: 9810 The datepart year is not supported by date function datetrunc for data type time.
GO
DECLARE @d datetime2(3) = '2021-12-12 12:12:12.12345';
SELECT DATETRUNC(microsecond, @d);
-- error: 9810 The datepart microsecond is not supported by date function datetrunc for data type datetime2.
GO
-- DATEDIFF_BIG: the Duration example, and a millisecond count DATEDIFF overflows (535)
CREATE TABLE dbo.Duration (startDate datetime2, endDate datetime2);
INSERT INTO dbo.Duration VALUES ('2007-05-06 12:10:09', '2007-05-07 12:10:09');
SELECT DATEDIFF_BIG(day, startDate, endDate) AS 'Duration' FROM dbo.Duration;
SELECT DATEDIFF_BIG(millisecond, '0001-01-01', '9999-12-31') AS ms, SQL_VARIANT_PROPERTY(DATEDIFF_BIG(day, '2007-05-06', '2007-05-07'), 'BaseType') AS t;
-- expect: Duration
-- 1
-- expect: ms | t
-- 315537811200000 | bigint
GO
SELECT DATEDIFF(millisecond, '0001-01-01', '9999-12-31') AS ms;
-- expect: ms
-- error: 535 The datediff function resulted in an overflow. The number of dateparts separating two date/time instances is too large. Try to use datediff with a less precise datepart.
GO
-- GENERATE_SERIES: integers, a step, decimals, a negative step, a step of
-- the wrong sign (no rows)
SELECT value FROM GENERATE_SERIES(1, 5);
SELECT value FROM GENERATE_SERIES(1, 50, 15);
SELECT value FROM GENERATE_SERIES(0.0, 0.5, 0.1);
SELECT value FROM GENERATE_SERIES(10, 1, -3);
SELECT COUNT(*) AS n FROM GENERATE_SERIES(1, 10, -1);
-- expect: value
-- 1
-- 2
-- 3
-- 4
-- 5
-- expect: value
-- 1
-- 16
-- 31
-- 46
-- expect: value
-- 0.0
-- 0.1
-- 0.2
-- 0.3
-- 0.4
-- 0.5
-- expect: value
-- 10
-- 7
-- 4
-- 1
-- expect: n
-- 0
GO

-- Documented examples of TRY_CAST and TRY_CONVERT, run against us.
-- Expected values are those the "TRY_CAST (Transact-SQL)" and
-- "TRY_CONVERT (Transact-SQL)" pages show: NULL for a value that fails to
-- convert, but error 529 when the conversion is never allowed (int to xml),
-- which CAST reports too, before the statement runs.
SELECT CASE WHEN TRY_CAST('test' AS float) IS NULL THEN 'Cast failed' ELSE 'Cast succeeded' END AS Result
-- expect: Result
-- Cast failed
GO
SET DATEFORMAT dmy;
SELECT TRY_CAST('12/31/2022' AS datetime2) AS Result
-- expect: Result
-- NULL
GO
SET DATEFORMAT mdy;
SELECT TRY_CAST('12/31/2022' AS datetime2) AS Result
-- expect: Result
-- 2022-12-31 00:00:00
GO
SELECT TRY_CAST(4 AS xml) AS Result
-- error: 529 Explicit conversion from data type int to xml is not allowed.
GO
SELECT TRY_CONVERT(xml, 4) AS Result
-- error: 529 Explicit conversion from data type int to xml is not allowed.
GO
SELECT CAST(4 AS xml) AS Result
-- error: 529 Explicit conversion from data type int to xml is not allowed.
GO
SELECT TRY_CAST(CAST('2020-01-01' AS date) AS int) AS Result
-- error: 529 Explicit conversion from data type date to int is not allowed.
GO
SELECT CAST(CAST('<a/>' AS xml) AS nvarchar(10)) AS x, CAST(N'<b/>' AS xml) AS y
-- expect: x | y
-- <a/> | <b/>
GO

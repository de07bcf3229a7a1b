-- Documented examples of the trigonometric functions and the *FROMPARTS
-- constructors, run against us. Expected values are those the pages show:
-- "ATAN (Transact-SQL)" and "RADIANS (Transact-SQL)" (float printed through
-- CONVERT(varchar, …), six significant digits; RADIANS keeps its argument's
-- type), "TIMEFROMPARTS (Transact-SQL)" (the precision literal types the
-- result); SIN, COS, ATN2, COT, DEGREES and the other constructors are the
-- same values worked by hand from their definitions.
SELECT CONVERT(varchar, SIN(45.175643)) AS sn, CONVERT(varchar, COS(14.78)) AS cs,
  CONVERT(varchar, ATAN(-45.01)) AS atn, CONVERT(varchar, ATN2(35.175643, 129.44)) AS atn2,
  CONVERT(varchar, COT(124.1332)) AS ct, CONVERT(varchar, DEGREES(PI() / 2)) AS deg
-- expect: sn | cs | atn | atn2 | ct | deg
-- 0.929607 | -0.599465 | -1.54858 | 0.265345 | -0.040312 | 90
GO
DECLARE @angle float = -45.01;
SELECT CONVERT(varchar, RADIANS(@angle)) AS a, CONVERT(varchar, RADIANS(-181.01e0)) AS b,
  CONVERT(varchar, RADIANS(0.1472738e0)) AS c, CONVERT(varchar, RADIANS(197.1099392e0)) AS d
-- expect: a | b | c | d
-- -0.785573 | -3.15922 | 0.00257041 | 3.44022
GO
SELECT CONVERT(varchar, ATAN(-181.01)) AS a, CONVERT(varchar, ATAN(0)) AS b,
  CONVERT(varchar, ATAN(0.1472738)) AS c, CONVERT(varchar, ATAN(197.1099392)) AS d
-- expect: a | b | c | d
-- -1.56527 | 0 | 0.146223 | 1.56572
GO
SELECT RADIANS(180) AS i, SQL_VARIANT_PROPERTY(RADIANS(180), 'BaseType') AS t
-- expect: i | t
-- 3 | int
GO
SELECT ASIN(1.1) AS a
-- expect: a
-- error: 3623 An invalid floating point operation occurred.
GO
SELECT TIMEFROMPARTS(23, 59, 59, 0, 0) AS a, CONVERT(varchar(20), TIMEFROMPARTS(14, 23, 44, 5, 1)) AS b,
  CONVERT(varchar(20), TIMEFROMPARTS(14, 23, 44, 50, 2)) AS c, CONVERT(varchar(20), TIMEFROMPARTS(14, 23, 44, 500, 3)) AS d
-- expect: a | b | c | d
-- 23:59:59 | 14:23:44.5 | 14:23:44.50 | 14:23:44.500
GO
SELECT DATETIMEFROMPARTS(2010, 12, 31, 23, 59, 59, 0) AS dt, SMALLDATETIMEFROMPARTS(2010, 12, 31, 23, 59) AS sdt,
  CONVERT(varchar(30), DATETIME2FROMPARTS(2011, 8, 15, 14, 23, 44, 50, 2)) AS dt2,
  CONVERT(varchar(40), DATETIMEOFFSETFROMPARTS(2011, 8, 15, 14, 30, 00, 500, 12, 30, 3)) AS dto
-- expect: dt | sdt | dt2 | dto
-- 2010-12-31 23:59:59.000 | 2010-12-31 23:59:00 | 2011-08-15 14:23:44.50 | 2011-08-15 14:30:00.500 +12:30
GO
SELECT TIMEFROMPARTS(14, 23, 44, 50, 1) AS t
-- expect: t
-- error: 289 Cannot construct data type time, some of the arguments have values which are not valid.
GO
SELECT DATETIMEFROMPARTS(2010, 2, 30, 0, 0, 0, 0) AS t
-- expect: t
-- error: 289 Cannot construct data type datetime, some of the arguments have values which are not valid.
GO

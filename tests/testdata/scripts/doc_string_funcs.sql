-- Documented examples of STRING_SPLIT, TRIM, TRANSLATE, STRING_ESCAPE,
-- GREATEST, LEAST, CHOOSE and IIF (learn.microsoft.com/sql/t-sql/functions/
-- string-split-transact-sql, trim-transact-sql, translate-transact-sql,
-- string-escape-transact-sql, logical-functions-greatest-transact-sql,
-- logical-functions-least-transact-sql, logical-functions-choose-transact-sql,
-- logical-functions-iif-transact-sql). The pages' sample tables are created
-- here with the rows their results show; ORDER BY is added where a page
-- notes that the order is not guaranteed.
CREATE TABLE Product (ProductId int PRIMARY KEY, Name nvarchar(50), Tags nvarchar(400))
INSERT Product VALUES (1, N'Full-Finger Gloves', N'clothing,road,touring,bike'), (2, N'LL Headset', N'bike'),
 (3, N'HL Mountain Frame', N'bike,mountain')
GO
-- STRING_SPLIT remarks: the space as separator, without and with the ordinal column
SELECT value FROM STRING_SPLIT('Lorem ipsum dolor sit amet.', ' ');
SELECT * FROM STRING_SPLIT('Lorem ipsum dolor sit amet.', ' ', 1);
-- expect: value
-- Lorem
-- ipsum
-- dolor
-- sit
-- amet.
-- expect: value | ordinal
-- Lorem | 1
-- ipsum | 2
-- dolor | 3
-- sit | 4
-- amet. | 5
GO
-- STRING_SPLIT return types: nvarchar when an argument is nvarchar or
-- nchar, else varchar, of the string's length; ordinal is bigint; with
-- enable_ordinal 0 or NULL there is no ordinal column
SELECT value, ordinal INTO #s1 FROM STRING_SPLIT(CAST('a,b' AS varchar(30)), ',', 1);
SELECT value INTO #s2 FROM STRING_SPLIT(CAST('a,b' AS varchar(30)), N',');
SELECT value INTO #s3 FROM STRING_SPLIT(CAST('a,b' AS nchar(5)), ',');
SELECT * INTO #s4 FROM STRING_SPLIT('a,b', ',', 0);
SELECT * INTO #s5 FROM STRING_SPLIT('a,b', ',', NULL);
SELECT t, c.name, TYPE_NAME(c.system_type_id) AS type, c.max_length
FROM (VALUES ('s1', OBJECT_ID('tempdb..#s1')), ('s2', OBJECT_ID('tempdb..#s2')), ('s3', OBJECT_ID('tempdb..#s3')),
  ('s4', OBJECT_ID('tempdb..#s4')), ('s5', OBJECT_ID('tempdb..#s5'))) AS o (t, id)
JOIN tempdb.sys.columns AS c ON c.object_id = o.id
ORDER BY t, c.column_id;
-- expect: t | name | type | max_length
-- s1 | value | varchar | 30
-- s1 | ordinal | bigint | 8
-- s2 | value | nvarchar | 60
-- s3 | value | nvarchar | 10
-- s4 | value | varchar | 3
-- s5 | value | varchar | 3
GO
-- STRING_SPLIT remarks: a NULL string is an empty table; consecutive
-- separators give empty substrings
SELECT COUNT(*) AS n FROM STRING_SPLIT(NULL, ',');
SELECT value, ordinal FROM STRING_SPLIT('a,,b,', ',', 1) ORDER BY ordinal;
-- expect: n
-- 0
-- expect: value | ordinal
-- a | 1
-- '' | 2
-- b | 3
-- '' | 4
GO
-- STRING_SPLIT A. Split comma-separated value string
DECLARE @tags NVARCHAR(400) = 'clothing,road,,touring,bike'

SELECT value
FROM STRING_SPLIT(@tags, ',')
WHERE RTRIM(value) <> '';
-- expect: value
-- clothing
-- road
-- touring
-- bike
GO
-- STRING_SPLIT B. Split comma-separated value string in a column
SELECT ProductId, Name, value
FROM Product
    CROSS APPLY STRING_SPLIT(Tags, ',');
-- expect: ProductId | Name | value
-- 1 | Full-Finger Gloves | clothing
-- 1 | Full-Finger Gloves | road
-- 1 | Full-Finger Gloves | touring
-- 1 | Full-Finger Gloves | bike
-- 2 | LL Headset | bike
-- 3 | HL Mountain Frame | bike
-- 3 | HL Mountain Frame | mountain
GO
-- STRING_SPLIT C. Aggregation by values
SELECT value as tag, COUNT(*) AS [number_of_articles]
FROM Product
    CROSS APPLY STRING_SPLIT(Tags, ',')
GROUP BY value
HAVING COUNT(*) > 2
ORDER BY COUNT(*) DESC;
-- expect: tag | number_of_articles
-- bike | 3
GO
-- STRING_SPLIT D. Search by tag value
SELECT ProductId, Name, Tags
FROM Product
WHERE 'clothing' IN (SELECT value FROM STRING_SPLIT(Tags, ','));
SELECT ProductId, Name, Tags
FROM Product
WHERE EXISTS (SELECT *
    FROM STRING_SPLIT(Tags, ',')
    WHERE value IN ('clothing', 'road'));
-- expect: ProductId | Name | Tags
-- 1 | Full-Finger Gloves | clothing,road,touring,bike
-- expect: ProductId | Name | Tags
-- 1 | Full-Finger Gloves | clothing,road,touring,bike
GO
-- STRING_SPLIT E. Find rows by list of values, and the LIKE anti-pattern
SELECT ProductId, Name, Tags
FROM Product
JOIN STRING_SPLIT('1,2,3',',')
    ON value = ProductId ORDER BY ProductId;
SELECT ProductId, Name, Tags
FROM Product
WHERE ',1,2,3,' LIKE '%,' + CAST(ProductId AS VARCHAR(20)) + ',%';
-- expect: ProductId | Name | Tags
-- 1 | Full-Finger Gloves | clothing,road,touring,bike
-- 2 | LL Headset | bike
-- 3 | HL Mountain Frame | bike,mountain
-- expect: ProductId | Name | Tags
-- 1 | Full-Finger Gloves | clothing,road,touring,bike
-- 2 | LL Headset | bike
-- 3 | HL Mountain Frame | bike,mountain
GO
-- STRING_SPLIT F. Find rows by ordinal values
SELECT *
FROM STRING_SPLIT('Austin,Texas,Seattle,Washington,Denver,Colorado', ',', 1)
WHERE ordinal % 2 = 0;
-- expect: value | ordinal
-- Texas | 2
-- Washington | 4
-- Colorado | 6
GO
-- STRING_SPLIT G. Order rows by ordinal values
SELECT * FROM STRING_SPLIT('E-D-C-B-A', '-', 1) ORDER BY ordinal DESC;
-- expect: value | ordinal
-- A | 5
-- B | 4
-- C | 3
-- D | 2
-- E | 1
GO
-- TRIM A and B
SELECT TRIM( '     test    ') AS Result;
SELECT TRIM( '.,! ' FROM '     #     test    .') AS Result;
-- expect: Result
-- test
-- expect: Result
-- #     test
GO
-- TRIM C, D and E (LEADING is LTRIM(@string, characters), TRAILING is
-- RTRIM(@string, characters); the page's rendering of C and D collapses
-- the spaces the remarks say are kept)
SELECT TRIM(LEADING '.,! ' FROM  '     .#     test    .') AS Result;
SELECT TRIM(TRAILING '.,! ' FROM '     .#     test    .') AS Result;
SELECT TRIM(BOTH '123' FROM '123abc123') AS Result;
SELECT LTRIM('     .#     test    .', '.,! ') AS l, RTRIM('     .#     test    .', '.,! ') AS r;
-- expect: Result
-- #     test    .
-- expect: Result
--      .#     test
-- expect: Result
-- abc
-- expect: l | r
-- #     test    . |      .#     test
GO
-- TRIM: a NULL string is NULL
SELECT TRIM(NULL) AS n, TRIM('x' FROM NULL) AS n2;
-- expect: n | n2
-- NULL | NULL
GO
-- TRANSLATE A, the equivalent REPLACE calls, and B
SELECT TRANSLATE('2*[3+4]/{7-2}', '[]{}', '()()') AS t,
REPLACE
(
      REPLACE
      (
            REPLACE
            (
                  REPLACE
                  (
                        '2*[3+4]/{7-2}',
                        '[',
                        '('
                  ),
                  ']',
                  ')'
            ),
            '{',
            '('
      ),
      '}',
      ')'
) AS r;
SELECT TRANSLATE('[137.4, 72.3]' , '[,]', '( )') AS Point,
    TRANSLATE('(137.4 72.3)' , '( )', '[,]') AS Coordinates;
-- expect: t | r
-- 2*(3+4)/(7-2) | 2*(3+4)/(7-2)
-- expect: Point | Coordinates
-- (137.4  72.3) | [137.4,72.3]
GO
-- TRANSLATE remarks: characters and translations of different lengths are an error
SELECT TRANSLATE('abc', 'ab', 'x');
-- expect: -
-- error: 9828 The second and third arguments of the TRANSLATE built-in function must contain an equal number of characters.
GO
-- STRING_ESCAPE A (the page's whitespace is tabs and a new line, as its
-- result shows) and the control characters' \u00XX form
SELECT STRING_ESCAPE('\' + CHAR(9) + '/' + CHAR(10) + '\\' + CHAR(9) + '"' + CHAR(9), 'json') AS escapedText;
SELECT STRING_ESCAPE(CHAR(0) + CHAR(1) + CHAR(31) + CHAR(8) + CHAR(12) + CHAR(13), 'json') AS escapedText;
-- expect: escapedText
-- \\\t\/\n\\\\\t\"\t
-- expect: escapedText
-- \u0000\u0001\u001f\b\f\r
GO
-- STRING_ESCAPE B. Format JSON object
DECLARE @json nvarchar(max), @name nvarchar(20) = N'John "J"', @surname nvarchar(20) = N'Doe/Smith';
SET @json = FORMATMESSAGE('{ "id": %d,"name": "%s", "surname": "%s" }',
    17, STRING_ESCAPE(@name,'json'), STRING_ESCAPE(@surname,'json') );
SELECT @json AS j, ISJSON(@json) AS ok, JSON_VALUE(@json, '$.name') AS name;
-- expect: j | ok | name
-- { "id": 17,"name": "John \"J\"", "surname": "Doe\/Smith" } | 1 | John "J"
GO
-- GREATEST A, B; LEAST's same lists
SELECT GREATEST ( '6.62', 3.1415, N'7' ) AS GreatestVal;
SELECT GREATEST ('Glacier', N'Joshua Tree', 'Mount Rainier') AS GreatestString;
SELECT LEAST ( '6.62', 3.1415, N'7' ) AS LeastVal;
SELECT LEAST ('Glacier', N'Joshua Tree', 'Mount Rainier') AS LeastString;
-- expect: GreatestVal
-- 7.0000
-- expect: GreatestString
-- Mount Rainier
-- expect: LeastVal
-- 3.1415
-- expect: LeastString
-- Glacier
GO
-- GREATEST C: NULL arguments are ignored
CREATE SCHEMA SalesLT
GO
CREATE TABLE SalesLT.ProductModel (ProductModelID int PRIMARY KEY, ModifiedDate datetime)
CREATE TABLE SalesLT.Product (ProductID int PRIMARY KEY, Name nvarchar(50), SellStartDate datetime, DiscontinuedDate datetime,
  ProductModelID int)
INSERT SalesLT.ProductModel VALUES (1, '2009-05-16T16:34:29.027'), (2, '2007-06-01'), (3, '2006-06-01')
INSERT SalesLT.Product VALUES (1, N'Touring Pedal', '2007-07-01', NULL, 1), (2, N'Touring Tire', '2007-07-01', NULL, 2),
 (3, N'Touring Tire Tube', '2007-07-01', NULL, 2), (4, N'Touring Frame', '2005-07-01', NULL, 3), (5, N'Road Tire', '2007-07-01', NULL, 2)
GO
SELECT P.Name, P.SellStartDate, P.DiscontinuedDate, PM.ModifiedDate AS ModelModifiedDate
    , GREATEST(P.SellStartDate, P.DiscontinuedDate, PM.ModifiedDate) AS LatestDate
FROM SalesLT.Product AS P
INNER JOIN SalesLT.ProductModel AS PM on P.ProductModelID = PM.ProductModelID
WHERE GREATEST(P.SellStartDate, P.DiscontinuedDate, PM.ModifiedDate) >='2007-01-01'
AND P.SellStartDate >='2007-01-01'
AND P.Name LIKE 'Touring %'
ORDER BY P.Name;
-- expect: Name | SellStartDate | DiscontinuedDate | ModelModifiedDate | LatestDate
-- Touring Pedal | 2007-07-01 00:00:00.000 | NULL | 2009-05-16 16:34:29.027 | 2009-05-16 16:34:29.027
-- Touring Tire | 2007-07-01 00:00:00.000 | NULL | 2007-06-01 00:00:00.000 | 2007-07-01 00:00:00.000
-- Touring Tire Tube | 2007-07-01 00:00:00.000 | NULL | 2007-06-01 00:00:00.000 | 2007-07-01 00:00:00.000
GO
-- GREATEST D and E, LEAST with the same variables
CREATE TABLE dbo.studies (
    VarX varchar(10) NOT NULL,
    Correlation decimal(4, 3) NULL
);

INSERT INTO dbo.studies VALUES ('Var1', 0.2), ('Var2', 0.825), ('Var3', 0.61);
GO
DECLARE @PredictionA DECIMAL(2,1) = 0.7;
DECLARE @PredictionB DECIMAL(3,1) = 0.65;

SELECT VarX, Correlation
FROM dbo.studies
WHERE Correlation > GREATEST(@PredictionA, @PredictionB);
SELECT VarX, Correlation
FROM dbo.studies
WHERE Correlation < LEAST(@PredictionA, @PredictionB) ORDER BY VarX;
-- expect: VarX | Correlation
-- Var2 | 0.825
-- expect: VarX | Correlation
-- Var1 | 0.200
-- Var3 | 0.610
GO
DECLARE @VarX decimal(4, 3) = 0.59;

SELECT VarX, Correlation, GREATEST(Correlation, 0, @VarX) AS GreatestVar,
  LEAST(Correlation, 0, @VarX) AS LeastVar
FROM dbo.studies ORDER BY VarX;
-- expect: VarX | Correlation | GreatestVar | LeastVar
-- Var1 | 0.200 | 0.590 | 0.000
-- Var2 | 0.825 | 0.825 | 0.000
-- Var3 | 0.610 | 0.610 | 0.000
GO
-- GREATEST remarks: all arguments NULL is NULL
SELECT GREATEST(NULL, NULL) AS g, LEAST(CAST(NULL AS int), NULL) AS l;
-- expect: g | l
-- NULL | NULL
GO
-- CHOOSE A and B
SELECT CHOOSE ( 3, 'Manager', 'Director', 'Developer', 'Tester' ) AS Result;
SELECT CHOOSE ( 5, 'Manager', 'Director', 'Developer', 'Tester' ) AS Result;
-- expect: Result
-- Developer
-- expect: Result
-- NULL
GO
CREATE TABLE dbo.ProductModel (ProductModelID int PRIMARY KEY, Name nvarchar(50), ModifiedDate datetime)
INSERT dbo.ProductModel VALUES (1, N'Classic Vest', '2011-05-01'), (2, N'Cycling Cap', '2011-08-16'),
 (3, N'Full-Finger Gloves', '2012-10-15'), (4, N'Half-Finger Gloves', '2011-01-05'), (5, N'HL Mountain Frame', '2012-03-31')
GO
SELECT ProductModelID, Name, ModifiedDate,
  CHOOSE(MONTH(ModifiedDate),'Winter','Winter', 'Spring','Spring','Spring','Summer','Summer',
                            'Summer','Autumn','Autumn','Autumn','Winter') AS Quarter_Modified
FROM dbo.ProductModel AS PM
WHERE Name LIKE '%Frame%' OR Name LIKE '%Gloves%' OR Name LIKE '%Cap%'
ORDER BY ModifiedDate DESC;
-- expect: ProductModelID | Name | ModifiedDate | Quarter_Modified
-- 3 | Full-Finger Gloves | 2012-10-15 00:00:00.000 | Autumn
-- 5 | HL Mountain Frame | 2012-03-31 00:00:00.000 | Spring
-- 2 | Cycling Cap | 2011-08-16 00:00:00.000 | Summer
-- 4 | Half-Finger Gloves | 2011-01-05 00:00:00.000 | Winter
GO
-- IIF A, and B: NULL constants as both results are 8133
DECLARE @a INT = 45, @b INT = 40;
SELECT [Result] = IIF( @a > @b, 'TRUE', 'FALSE' );
-- expect: Result
-- TRUE
GO
SELECT [Result] = IIF( 45 > 30, NULL, NULL );
-- error: 8133 At least one of the result expressions in a CASE specification must be an expression other than the NULL constant.
GO
-- IIF C: NULL parameters
DECLARE @P INT = NULL, @S INT = NULL;
SELECT [Result] = IIF( 45 > 30, @P, @S );
-- expect: Result
-- NULL
GO

-- Documented examples of the JSON functions, run against us: "JSON_MODIFY
-- (Transact-SQL)", "OPENJSON (Transact-SQL)", "JSON_VALUE (Transact-SQL)",
-- "JSON_QUERY (Transact-SQL)", "ISJSON (Transact-SQL)" and "Format query
-- results as JSON with FOR JSON". The pages print JSON indented; the
-- functions return it as the input was written, which is what is expected
-- here. Inputs are written on one line.
DECLARE @info NVARCHAR(100)='{"name":"John","skills":["C#","SQL"]}'
SET @info=JSON_MODIFY(@info,'$.name','Mike')
SELECT @info AS a
SET @info=JSON_MODIFY(@info,'$.surname','Smith')
SELECT @info AS b
SET @info=JSON_MODIFY(@info,'$.name',NULL)
SELECT @info AS c
SET @info=JSON_MODIFY(@info,'append $.skills','Azure')
SELECT @info AS d
-- expect: a
-- {"name":"Mike","skills":["C#","SQL"]}
-- expect: b
-- {"name":"Mike","skills":["C#","SQL"],"surname":"Smith"}
-- expect: c
-- {"skills":["C#","SQL"],"surname":"Smith"}
-- expect: d
-- {"skills":["C#","SQL","Azure"],"surname":"Smith"}
GO
DECLARE @info NVARCHAR(100)='{"name":"John","skills":["C#","SQL"]}'
SET @info=JSON_MODIFY(JSON_MODIFY(JSON_MODIFY(@info,'$.name','Mike'),'$.surname','Smith'),'append $.skills','Azure')
SELECT @info AS info
-- expect: info
-- {"name":"Mike","skills":["C#","SQL","Azure"],"surname":"Smith"}
GO
DECLARE @product NVARCHAR(100)='{"price":49.99}'
SET @product=
 JSON_MODIFY(
  JSON_MODIFY(@product,'$.Price',CAST(JSON_VALUE(@product,'$.price') AS NUMERIC(4,2))),
  '$.price',
  NULL
 )
SELECT @product AS product
-- expect: product
-- {"Price":49.99}
GO
-- without the CAST the new value is text and gets quotes
DECLARE @product NVARCHAR(100)='{"price":49.99}'
SELECT JSON_MODIFY(@product,'$.Price',JSON_VALUE(@product,'$.price')) AS product
-- expect: product
-- {"price":49.99,"Price":"49.99"}
GO
DECLARE @stats NVARCHAR(100)='{"click_count": 173}'
SET @stats=JSON_MODIFY(@stats,'$.click_count',
 CAST(JSON_VALUE(@stats,'$.click_count') AS INT)+1)
SELECT @stats AS stats
-- expect: stats
-- {"click_count": 174}
GO
DECLARE @info NVARCHAR(100)='{"name":"John","skills":["C#","SQL"]}'
SELECT JSON_MODIFY(@info,'$.skills','["C#","T-SQL","Azure"]') AS text_value,
  JSON_MODIFY(@info,'$.skills',JSON_QUERY('["C#","T-SQL","Azure"]')) AS json_value
-- expect: text_value | json_value
-- {"name":"John","skills":"[\"C#\",\"T-SQL\",\"Azure\"]"} | {"name":"John","skills":["C#","T-SQL","Azure"]}
GO
-- The lax/strict table: strict sets null where lax deletes, and a missing
-- key is an error in strict mode
DECLARE @info NVARCHAR(100)='{"name":"John","skills":["C#","SQL"]}'
SELECT JSON_MODIFY(@info,'strict $.name',NULL) AS strict_null, JSON_MODIFY(@info,'$.nope',NULL) AS lax_missing_null
-- expect: strict_null | lax_missing_null
-- {"name":null,"skills":["C#","SQL"]} | {"name":"John","skills":["C#","SQL"]}
GO
DECLARE @info NVARCHAR(100)='{"name":"John"}'
SELECT JSON_MODIFY(@info,'strict $.surname','Smith') AS r
-- expect: r
-- error: 13608 Property cannot be found on the specified JSON path.
GO
DECLARE @info NVARCHAR(100)='{"user":{"name":"John"}}'
SELECT JSON_MODIFY(@info,'$.user.settings.theme','dark') AS lax_deep, JSON_MODIFY(@info,'$.user.theme','dark') AS lax_one
-- expect: lax_deep | lax_one
-- {"user":{"name":"John"}} | {"user":{"name":"John","theme":"dark"}}
GO
-- OPENJSON with the default schema: key, value and type
DECLARE @json NVARCHAR(MAX)
SET @json='{"name":"John","surname":"Doe","age":45,"skills":["SQL","C#","MVC"]}';
SELECT * FROM OPENJSON(@json);
-- expect: key | value | type
-- name | John | 1
-- surname | Doe | 1
-- age | 45 | 2
-- skills | ["SQL","C#","MVC"] | 4
GO
DECLARE @json NVARCHAR(4000) = N'{"path":{"to":{"sub-object":["en-GB", "en-UK","de-AT","es-AR","sr-Cyrl"]}}}';
SELECT [key], value
FROM OPENJSON(@json,'$.path.to."sub-object"')
-- expect: key | value
-- 0 | en-GB
-- 1 | en-UK
-- 2 | de-AT
-- 3 | es-AR
-- 4 | sr-Cyrl
GO
DECLARE @json NVARCHAR(MAX) = N'{"a":null,"b":true,"c":1.5,"d":"x","e":[],"f":{}}'
SELECT [key], value, type FROM OPENJSON(@json)
-- expect: key | value | type
-- a | NULL | 0
-- b | true | 3
-- c | 1.5 | 2
-- d | x | 1
-- e | [] | 4
-- f | {} | 5
GO
DECLARE @json NVARCHAR(MAX) = N'[{"Order":{"Number":"SO43659","Date":"2011-05-31T00:00:00"},"AccountNumber":"AW29825","Item":{"Price":2024.9940,"Quantity":1}},{"Order":{"Number":"SO43661","Date":"2011-06-01T00:00:00"},"AccountNumber":"AW73565","Item":{"Price":2024.9940,"Quantity":3}}]'
SELECT *
FROM OPENJSON ( @json )
WITH (
              Number   VARCHAR(200)   '$.Order.Number',
              Date     DATETIME       '$.Order.Date',
              Customer VARCHAR(200)   '$.AccountNumber',
              Quantity INT            '$.Item.Quantity',
              [Order]  NVARCHAR(MAX)  AS JSON
 )
-- expect: Number | Date | Customer | Quantity | Order
-- SO43659 | 2011-05-31 00:00:00.000 | AW29825 | 1 | {"Number":"SO43659","Date":"2011-05-31T00:00:00"}
-- SO43661 | 2011-06-01 00:00:00.000 | AW73565 | 3 | {"Number":"SO43661","Date":"2011-06-01T00:00:00"}
GO
-- strict paths in OPENJSON: a missing property is an error
DECLARE @json NVARCHAR(MAX) = N'{"a":1}'
SELECT * FROM OPENJSON(@json, 'strict $.b')
-- expect: key | value | type
-- error: 13608 Property cannot be found on the specified JSON path.
GO
DECLARE @json NVARCHAR(MAX) = N'{"a":1}'
SELECT * FROM OPENJSON(@json, '$.b')
-- expect: key | value | type
GO
-- JSON_VALUE's path table (lax: NULL where strict is an error)
DECLARE @jsonInfo NVARCHAR(MAX) = N'{"info":{"type":1,"address":{"town":"Bristol","county":"Avon","country":"England"},"tags":["Sport", "Water polo"]},"type":"Basic"}'
SELECT JSON_VALUE(@jsonInfo, '$') AS a, JSON_VALUE(@jsonInfo, '$.info.type') AS b,
  JSON_VALUE(@jsonInfo, '$.info.address.town') AS c, JSON_VALUE(@jsonInfo, '$.info."address"') AS d,
  JSON_VALUE(@jsonInfo, '$.info.tags') AS e, JSON_VALUE(@jsonInfo, '$.info.type[0]') AS f,
  JSON_VALUE(@jsonInfo, '$.info.none') AS g, JSON_VALUE(@jsonInfo, '$.info.tags[1]') AS h
-- expect: a | b | c | d | e | f | g | h
-- NULL | 1 | Bristol | NULL | NULL | NULL | NULL | Water polo
GO
DECLARE @jsonInfo NVARCHAR(MAX) = N'{"info":{"type":1,"address":{"town":"Bristol"},"tags":["Sport", "Water polo"]},"type":"Basic"}'
SELECT JSON_VALUE(@jsonInfo, 'strict $.info.address') AS a
-- expect: a
-- error: 13623 Scalar value cannot be found in the specified JSON path.
GO
DECLARE @jsonInfo NVARCHAR(MAX) = N'{"info":{"type":1,"address":{"town":"Bristol"},"tags":["Sport", "Water polo"]},"type":"Basic"}'
SELECT JSON_VALUE(@jsonInfo, 'strict $.info.none') AS a
-- expect: a
-- error: 13608 Property cannot be found on the specified JSON path.
GO
-- JSON_QUERY returns objects and arrays only
DECLARE @jsonInfo NVARCHAR(MAX) = N'{"info":{"type":1,"address":{"town":"Bristol"},"tags":["Sport", "Water polo"]},"type":"Basic"}'
SELECT JSON_QUERY(@jsonInfo, '$.info.address') AS a, JSON_QUERY(@jsonInfo, '$.info.tags') AS b,
  JSON_QUERY(@jsonInfo, '$.info.type') AS c, JSON_QUERY(@jsonInfo, '$.nope') AS d
-- expect: a | b | c | d
-- {"town":"Bristol"} | ["Sport", "Water polo"] | NULL | NULL
GO
DECLARE @jsonInfo NVARCHAR(MAX) = N'{"info":{"type":1}}'
SELECT JSON_QUERY(@jsonInfo, 'strict $.info.type') AS a
-- expect: a
-- error: 13624 Object or array cannot be found in the specified JSON path.
GO
-- ISJSON
SELECT ISJSON('{"a":1}') AS a, ISJSON('test string') AS b, ISJSON('[1,2]') AS c, ISJSON(NULL) AS d, ISJSON('') AS e
-- expect: a | b | c | d | e
-- 1 | 0 | 1 | NULL | 0
GO
SELECT ISJSON('true', VALUE) AS a, ISJSON('true', SCALAR) AS b, ISJSON('true', OBJECT) AS c,
  ISJSON('[1]', ARRAY) AS d, ISJSON('{}', ARRAY) AS e, ISJSON('"x"') AS f
-- expect: a | b | c | d | e | f
-- 1 | 0 | 0 | 1 | 0 | 0
GO
-- FOR JSON PATH and AUTO
CREATE TABLE dbo.SalesOrder (SalesOrderNumber nvarchar(25), OrderDate datetime, UnitPrice money, OrderQty smallint, Note nvarchar(10) NULL)
INSERT dbo.SalesOrder VALUES (N'SO43659', '2011-05-31', 2024.994, 1, NULL), (N'SO43661', '2011-06-01', 2024.994, 3, N'rush')
GO
SELECT SalesOrderNumber AS 'Order.Number', OrderDate AS 'Order.Date',
  UnitPrice AS 'Product.Price', OrderQty AS 'Product.Quantity'
FROM dbo.SalesOrder ORDER BY SalesOrderNumber
FOR JSON PATH
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- [{"Order":{"Number":"SO43659","Date":"2011-05-31T00:00:00"},"Product":{"Price":2024.9940,"Quantity":1}},{"Order":{"Number":"SO43661","Date":"2011-06-01T00:00:00"},"Product":{"Price":2024.9940,"Quantity":3}}]
GO
SELECT SalesOrderNumber AS 'Order.Number', Note
FROM dbo.SalesOrder ORDER BY SalesOrderNumber
FOR JSON PATH, ROOT('Orders'), INCLUDE_NULL_VALUES
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- {"Orders":[{"Order":{"Number":"SO43659"},"Note":null},{"Order":{"Number":"SO43661"},"Note":"rush"}]}
GO
SELECT TOP 1 SalesOrderNumber, OrderQty
FROM dbo.SalesOrder ORDER BY SalesOrderNumber
FOR JSON PATH, WITHOUT_ARRAY_WRAPPER
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- {"SalesOrderNumber":"SO43659","OrderQty":1}
GO
CREATE TABLE dbo.Customer (CustomerID int PRIMARY KEY, Name nvarchar(20))
CREATE TABLE dbo.Ord (OrderID int PRIMARY KEY, CustomerID int, Total int)
INSERT dbo.Customer VALUES (1, N'Ann'), (2, N'Bo')
INSERT dbo.Ord VALUES (10, 1, 5), (11, 1, 7), (12, 2, 9)
GO
SELECT c.Name, o.OrderID, o.Total
FROM dbo.Customer AS c JOIN dbo.Ord AS o ON o.CustomerID = c.CustomerID
ORDER BY c.CustomerID, o.OrderID
FOR JSON AUTO
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- [{"Name":"Ann","o":[{"OrderID":10,"Total":5},{"OrderID":11,"Total":7}]},{"Name":"Bo","o":[{"OrderID":12,"Total":9}]}]
GO
SELECT 'a"b' AS q, CAST(1 AS bit) AS t, 1.50 AS d, CAST(NULL AS int) AS n, N'é/\' AS s
FOR JSON PATH, WITHOUT_ARRAY_WRAPPER
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- {"q":"a\"b","t":true,"d":1.50,"s":"é\/\\"}
GO
SELECT GETDATE() AS today FOR JSON AUTO
-- error: 13600 FOR JSON AUTO requires at least one table for generating JSON objects. Use FOR JSON PATH or add a FROM clause with a table name.
GO
-- a customer without orders gets an empty object in its array
INSERT dbo.Customer VALUES (3, N'Cy')
SELECT c.Name, o.OrderID
FROM dbo.Customer AS c LEFT JOIN dbo.Ord AS o ON o.CustomerID = c.CustomerID
WHERE c.CustomerID >= 2
ORDER BY c.CustomerID, o.OrderID
FOR JSON AUTO
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- [{"Name":"Bo","o":[{"OrderID":12}]},{"Name":"Cy","o":[{}]}]
GO

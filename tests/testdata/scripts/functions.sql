-- Miscellaneous built-in functions.
SELECT ROUND(PI(), 6) AS pi, EXP(0) AS e0, LOG(1) AS ln1, LOG10(1000) AS lg, SQUARE(3) AS sq, FLOOR(2.7e0) AS fl
-- expect: pi | e0 | ln1 | lg | sq | fl
-- 3.141593 | 1 | 0 | 3 | 9 | 2
GO
SELECT @@ERROR AS before_error
SELECT 1 / 0 AS boom
SELECT @@ERROR AS after_error, @@ERROR AS reset_after_read
-- expect: before_error
-- 0
-- expect: boom
-- error: 8134
-- expect: after_error | reset_after_read
-- 8134 | 8134
GO
SELECT CASE WHEN @@SPID > 0 THEN 1 ELSE 0 END AS spid_ok, CASE WHEN LEN(CAST(NEWID() AS char(36))) = 36 THEN 1 ELSE 0 END AS guid_ok, @@MAX_PRECISION AS maxp
-- expect: spid_ok | guid_ok | maxp
-- 1 | 1 | 38
GO
SELECT GREATEST(1, 5, 3) AS g, LEAST('b', 'a', 'c') AS l
-- expect: g | l
-- 5 | a
GO
SELECT ISJSON('{"a":1}') AS ok, JSON_VALUE('{"a":{"b":"x"}}', '$.a.b') AS v, JSON_QUERY('{"a":[1,2]}', '$.a') AS q
-- expect: ok | v | q
-- 1 | x | [1,2]
GO
SELECT [key], value FROM OPENJSON('{"x":1,"y":"two"}') ORDER BY [key]
-- expect: key | value
-- x | 1
-- y | two
GO
SELECT DATALENGTH(CAST('abc' AS nvarchar(max))) AS dl, LEN(REPLICATE(CAST('ab' AS varchar(max)), 5000)) AS len_max
-- expect: dl | len_max
-- 6 | 10000
GO
-- REPLICATE of a non-max string truncates the result at 8,000 bytes
SELECT LEN(REPLICATE('ab', 5000)) AS len_nomax
-- expect: len_nomax
-- 8000
GO
SELECT HASHBYTES('SHA2_256', 'abc') AS h
-- expect: h
-- 0xBA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD
GO
SELECT CHECKSUM('abc') - CHECKSUM('abc') AS same
-- expect: same
-- 0
GO
SELECT COALESCE(SUM(x), 0) AS s FROM (VALUES (CAST(NULL AS int))) AS t(x) WHERE 1 = 0
-- expect: s
-- 0
GO
SELECT TOP 1 CURRENT_USER AS cu, SYSTEM_USER AS su, USER_NAME() AS un
-- expect: cu | su | un
-- dbo | sa | dbo
GO
SELECT JSON_VALUE(N'{"info":{"tags":["Sport","Water polo"]},"ok":true}', '$.info.tags[1]') AS tag,
       JSON_VALUE(N'{"ok":true}', '$.ok') AS ok, JSON_VALUE(N'{"a":{"b":1}}', '$.a') AS obj_lax,
       JSON_VALUE(N'{"a":1}', 'lax $.missing') AS missing, ISJSON('1') AS scalar, ISJSON('{"a":') AS bad
-- expect: tag | ok | obj_lax | missing | scalar | bad
-- Water polo | true | NULL | NULL | 0 | 0
GO
SELECT JSON_VALUE(N'{"a":1}', 'strict $.missing') AS v
-- expect: v
-- error: 13608 Property cannot be found on the specified JSON path.
GO
SELECT JSON_VALUE(N'{"a":{"b":1}}', 'strict $.a') AS v
-- expect: v
-- error: 13623 Scalar value cannot be found in the specified JSON path.
GO
SELECT JSON_VALUE(N'{"a":1}', 'a') AS v
-- expect: v
-- error: 13607 JSON path is not properly formatted. Unexpected character 'a' is found at position 1.
GO
SELECT JSON_MODIFY(N'{"name":"John","skills":["C#","SQL"]}', '$.name', 'Mike') AS repl,
       JSON_MODIFY(N'{"name":"John"}', '$.surname', 'Smith') AS added,
       JSON_MODIFY(N'{"name":"John","age":5}', '$.name', NULL) AS deleted,
       JSON_MODIFY(N'{"skills":["C#","SQL"]}', 'append $.skills', 'Azure') AS appended
-- expect: repl | added | deleted | appended
-- {"name":"Mike","skills":["C#","SQL"]} | {"name":"John","surname":"Smith"} | {"age":5} | {"skills":["C#","SQL","Azure"]}
GO
SELECT HASHBYTES('MD5', 'abc') AS md5, HASHBYTES('SHA1', N'abc') AS sha1_n, HASHBYTES('SHA2_512', CAST(NULL AS varchar(10))) AS n
-- expect: md5 | sha1_n | n
-- 0x900150983CD24FB0D6963F7D28E17F72 | 0x9F04F41A848514162050E3D68C1A7ABB441DC2B5 | NULL
GO
SELECT CASE WHEN CHECKSUM('abc') = CHECKSUM('ABC') THEN 1 ELSE 0 END AS ci_same,
       CASE WHEN BINARY_CHECKSUM('abc') = BINARY_CHECKSUM('ABC') THEN 1 ELSE 0 END AS bin_same,
       CASE WHEN CHECKSUM(1, 'a') = CHECKSUM(1, 'a') THEN 1 ELSE 0 END AS multi
-- expect: ci_same | bin_same | multi
-- 1 | 0 | 1
GO
SELECT j.[key], j.value, j.type FROM OPENJSON(N'{"s":"a\"b","n":1.5,"t":true,"z":null,"arr":[1, 2],"o":{"k":1}}') AS j
-- expect: key | value | type
-- s | a"b | 1
-- n | 1.5 | 2
-- t | true | 3
-- z | NULL | 0
-- arr | [1, 2] | 4
-- o | {"k":1} | 5
GO
SELECT [key], value FROM OPENJSON(N'{"a":{"list":["x","y"]}}', '$.a.list')
-- expect: key | value
-- 0 | x
-- 1 | y
GO
SELECT COUNT(*) AS n FROM OPENJSON(N'{"a":1}', '$.missing')
-- expect: n
-- 0
GO
SELECT COUNT(*) AS n FROM OPENJSON(N'{"a":1}', 'strict $.missing')
-- expect: n
-- error: 13608 Property cannot be found on the specified JSON path.
GO
DECLARE @j nvarchar(max) = N'[{"id":1,"tags":["a","b"]},{"id":2,"tags":["c"]}]'
SELECT JSON_VALUE(r.value, '$.id') AS id, t.value AS tag
FROM OPENJSON(@j) AS r CROSS APPLY OPENJSON(r.value, '$.tags') AS t ORDER BY id, tag
-- expect: id | tag
-- 1 | a
-- 1 | b
-- 2 | c
GO
SELECT id, name AS [info.name], CAST(id * 2 AS bit) AS [info.flag], NULL AS missing, 'a/b' AS slash
FROM (VALUES (1, 'x'), (2, NULL)) AS t(id, name) ORDER BY id FOR JSON PATH
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- [{"id":1,"info":{"name":"x","flag":true},"slash":"a\/b"},{"id":2,"info":{"flag":true},"slash":"a\/b"}]
GO
SELECT 1 AS a, NULL AS b, CAST('2024-01-31 10:20:30' AS datetime2(0)) AS d FOR JSON PATH, INCLUDE_NULL_VALUES, WITHOUT_ARRAY_WRAPPER
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- {"a":1,"b":null,"d":"2024-01-31T10:20:30"}
GO
SELECT (SELECT v FROM (VALUES (1), (2)) AS t(v) FOR JSON AUTO, ROOT('items')) AS j
-- expect: j
-- {"items":[{"v":1},{"v":2}]}
GO
SELECT v FROM (VALUES (1)) AS t(v) WHERE v > 5 FOR JSON PATH
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
GO
SELECT STUFF((SELECT ',' + v FROM (VALUES ('a'), ('b&c'), ('d')) AS t(v) ORDER BY v FOR XML PATH('')), 1, 1, '') AS csv
-- expect: csv
-- a,b&amp;c,d
GO
SELECT id, name FROM (VALUES (1, 'x'), (2, NULL)) AS t(id, name) ORDER BY id FOR XML PATH('item'), ROOT('items')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <items><item><id>1</id><name>x</name></item><item><id>2</id></item></items>
GO
DECLARE @j nvarchar(max) = N'[{"id":1,"name":"a","info":{"ok":true},"price":"2.50"},{"id":2,"info":{"ok":false}}]'
SELECT id, name, ok, price, info FROM OPENJSON(@j)
WITH (id int, name varchar(10) '$.name', ok bit '$.info.ok', price decimal(5,2), info nvarchar(max) '$.info' AS JSON) ORDER BY id
-- expect: id | name | ok | price | info
-- 1 | a | 1 | 2.50 | {"ok":true}
-- 2 | NULL | 0 | NULL | {"ok":false}
GO
SELECT x.k FROM OPENJSON(N'{"k":"v","n":1}') WITH (k varchar(5)) AS x
-- expect: k
-- v
GO
SELECT * FROM OPENJSON(N'[{"a":1}]') WITH (a int, b int 'strict $.b')
-- expect: a | b
-- error: 13608 Property cannot be found on the specified JSON path.
GO
SELECT o.id, (SELECT l.sku FROM (VALUES (1, 'a'), (1, 'b'), (2, 'c')) AS l(oid, sku) WHERE l.oid = o.id ORDER BY l.sku FOR JSON PATH) AS lines,
       JSON_QUERY(N'{"x":1}') AS extra
FROM (VALUES (1), (2)) AS o(id) ORDER BY o.id FOR JSON PATH
-- expect: JSON_F52E2B61-18A1-11d1-B105-00805F49916B
-- [{"id":1,"lines":[{"sku":"a"},{"sku":"b"}],"extra":{"x":1}},{"id":2,"lines":[{"sku":"c"}],"extra":{"x":1}}]
GO
SELECT CASE WHEN BINARY_CHECKSUM(*) = BINARY_CHECKSUM(a, b) THEN 1 ELSE 0 END AS same,
       CASE WHEN CHECKSUM(*) = CHECKSUM(a, b) THEN 1 ELSE 0 END AS same_ci
FROM (VALUES (1, 'x'), (2, NULL)) AS t(a, b) ORDER BY a
-- expect: same | same_ci
-- 1 | 1
-- 1 | 1
GO
CREATE TABLE dbo.ck (id int PRIMARY KEY, v varchar(10))
INSERT dbo.ck VALUES (1, 'same'), (2, 'same')
SELECT COUNT(DISTINCT BINARY_CHECKSUM(*)) AS distinct_rows, COUNT(DISTINCT BINARY_CHECKSUM(v)) AS distinct_v FROM dbo.ck
-- expect: distinct_rows | distinct_v
-- 2 | 1
GO
SELECT JSON_MODIFY(N'{"a":1}', '$.a', '["x"]') AS as_string, JSON_MODIFY(N'{"a":1}', '$.a', JSON_QUERY('["x"]')) AS as_json,
       JSON_MODIFY(N'{"a":1}', '$.b', (SELECT 1 AS v FOR JSON PATH)) AS from_for_json
-- expect: as_string | as_json | from_for_json
-- {"a":"[\"x\"]"} | {"a":["x"]} | {"a":1,"b":[{"v":1}]}
GO
SELECT LOG(100, 10) AS l10, LOG(8, 2) AS l2, LOG(8, NULL) AS ln
-- expect: l10 | l2 | ln
-- 2 | 3 | NULL
GO
SELECT LOG(8, 1) AS bad
-- expect: bad
-- error: 3623 An invalid floating point operation occurred.
GO

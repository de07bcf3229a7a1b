-- SQL Server 2022 JSON additions (issue #5): ISJSON's json_type_constraint,
-- JSON_PATH_EXISTS, JSON_OBJECT/JSON_ARRAY's NULL ON NULL / ABSENT ON NULL,
-- and CURRENT_TIMEZONE()/CURRENT_TIMEZONE_ID(). Expectations from the
-- reference pages and the ISJSON table of the SQL Server 2022 JSON
-- announcement.
SELECT ISJSON('true', VALUE) AS t_value, ISJSON('test string', VALUE) AS s_value, ISJSON('"test string"', SCALAR) AS q_scalar,
       ISJSON('[1,2]') AS arr, ISJSON('{"a":1}', OBJECT) AS obj, ISJSON('[1,2]', OBJECT) AS arr_obj, ISJSON('[1,2]', ARRAY) AS arr_arr
-- expect: t_value | s_value | q_scalar | arr | obj | arr_obj | arr_arr
-- 1 | 0 | 1 | 1 | 1 | 0 | 1
GO
SELECT v, ISJSON(v) AS plain, ISJSON(v, VALUE) AS value, ISJSON(v, SCALAR) AS scalar
FROM (VALUES (1, 'Test string'), (2, '"Test string"'), (3, 'true'), (4, 'TRUE'), (5, 'null'), (6, 'Null'),
             (7, '123'), (8, '234.5'), (9, '6E7'), (10, '8E-2'), (11, NULL)) AS t(k, v)
ORDER BY k
-- expect: v | plain | value | scalar
-- Test string | 0 | 0 | 0
-- "Test string" | 0 | 1 | 1
-- true | 0 | 1 | 0
-- TRUE | 0 | 0 | 0
-- null | 0 | 1 | 0
-- Null | 0 | 0 | 0
-- 123 | 0 | 1 | 1
-- 234.5 | 0 | 1 | 1
-- 6E7 | 0 | 1 | 1
-- 8E-2 | 0 | 1 | 1
-- NULL | NULL | NULL | NULL
GO
CREATE TABLE dbo.jdocs (id int, json_col nvarchar(max))
INSERT dbo.jdocs VALUES (1, N'{"a":1}'), (2, N'42'), (3, N'"x"'), (4, N'not json'), (5, N'[true]')
GO
SELECT id FROM dbo.jdocs WHERE ISJSON(json_col, SCALAR) = 1 ORDER BY id
-- expect: id
-- 2
-- 3
GO
SELECT ISJSON('{}', TEXT)
-- error: 102 Incorrect syntax near 'TEXT'.
GO
SELECT ISJSON('{}', 'VALUE')
-- error: 102 Incorrect syntax near 'VALUE'.
GO
DECLARE @jsonInfo AS NVARCHAR (MAX)
SET @jsonInfo = N'{"info":{"address":[{"town":"Paris"},{"town":"London"}]}}'
SELECT JSON_PATH_EXISTS(@jsonInfo, '$.info.address') AS e1, JSON_PATH_EXISTS(@jsonInfo, '$.info.addresses') AS e2,
       JSON_PATH_EXISTS(@jsonInfo, '$.info.address[*].town') AS e3, JSON_PATH_EXISTS(@jsonInfo, '$.info.address[1].town') AS e4,
       JSON_PATH_EXISTS(@jsonInfo, '$.info.address[2]') AS e5, JSON_PATH_EXISTS(@jsonInfo, '$') AS root
-- expect: e1 | e2 | e3 | e4 | e5 | root
-- 1 | 0 | 1 | 1 | 0 | 1
GO
DECLARE @jsonInfo AS NVARCHAR (MAX) = N'{"info":{"address":[{"town":"Paris"},{"city":"London"}]}}'
SELECT JSON_PATH_EXISTS(@jsonInfo, '$.info.address[*].town') AS some_town, JSON_PATH_EXISTS(@jsonInfo, '$.info.address[*].zip') AS no_zip,
       JSON_PATH_EXISTS(NULL, '$.a') AS nul, JSON_PATH_EXISTS('not json', '$') AS bad, JSON_PATH_EXISTS(@jsonInfo, 'x') AS badpath
-- expect: some_town | no_zip | nul | bad | badpath
-- 1 | 0 | NULL | 0 | 0
GO
DECLARE @myjsonInfo NVARCHAR(50) = '{"id":"1001","info":{"name":"NBA Games","age":30}}'
SELECT JSON_PATH_EXISTS(@myjsonInfo, '$.info.name') AS Result1, JSON_PATH_EXISTS(@myjsonInfo, '$.info.nameinfo') AS Result2
-- expect: Result1 | Result2
-- 1 | 0
GO
SELECT id FROM dbo.jdocs WHERE JSON_PATH_EXISTS(json_col, '$.a') = 1
-- expect: id
-- 1
GO
SELECT JSON_OBJECT('name':'value', 'type':NULL ABSENT ON NULL) AS a, JSON_OBJECT('name':'value', 'type':NULL NULL ON NULL) AS n,
       JSON_ARRAY('a', NULL, 'b' ABSENT ON NULL) AS aa, JSON_ARRAY('a', NULL, 'b' NULL ON NULL) AS an,
       JSON_OBJECT('name':'value', 'type':JSON_OBJECT('type_id':1, 'name':'a')) AS nested
-- expect: a | n | aa | an | nested
-- {"name":"value"} | {"name":"value","type":null} | ["a","b"] | ["a",null,"b"] | {"name":"value","type":{"type_id":1,"name":"a"}}
GO
SELECT s.session_id, JSON_OBJECT('security_id':s.security_id, 'login':s.login_name, 'status':s.status) AS info
FROM sys.dm_exec_sessions AS s WHERE s.session_id = @@SPID AND 1 = 0
-- expect: session_id | info
GO
SELECT CASE WHEN CURRENT_TIMEZONE_ID() IN (SELECT name FROM sys.time_zone_info) THEN 1 ELSE 0 END AS known_id,
       CASE WHEN CURRENT_TIMEZONE() LIKE '(UTC%) %' THEN 1 ELSE 0 END AS display
-- expect: known_id | display
-- 1 | 1
GO
SELECT CURRENT_TIMEZONE(1)
-- error: 174 The CURRENT_TIMEZONE function requires 0 argument(s).
GO
DROP TABLE dbo.jdocs
GO

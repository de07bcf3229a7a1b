-- CREATE VIEW / CREATE FUNCTION … WITH SCHEMABINDING refuse at creation
-- what they could not bind (the CREATE VIEW and CREATE FUNCTION pages:
-- two-part names, no SELECT *); a CTE's or table variable's name is not an
-- object and needs no schema.
CREATE TABLE dbo.sbc (id int PRIMARY KEY, v int);
INSERT dbo.sbc VALUES (1, 10), (2, 20);
GO
CREATE FUNCTION dbo.sbc_onepart () RETURNS int WITH SCHEMABINDING
AS BEGIN RETURN (SELECT COUNT(*) FROM sbc) END;
-- error: 4512 Cannot schema bind function 'sbc_onepart' because name 'sbc' is invalid for schema binding. Names must be in two-part format and an object cannot reference itself.
GO
CREATE FUNCTION dbo.sbc_star () RETURNS TABLE WITH SCHEMABINDING
AS RETURN (SELECT * FROM dbo.sbc);
-- error: 1054 Syntax '*' is not allowed in schema-bound objects.
GO
SELECT OBJECT_ID('dbo.sbc_onepart') AS a, OBJECT_ID('dbo.sbc_star') AS b;
-- expect: a | b
-- NULL | NULL
GO
CREATE FUNCTION dbo.sbc_cte () RETURNS int WITH SCHEMABINDING
AS BEGIN
  DECLARE @t TABLE (v int);
  INSERT @t SELECT v FROM dbo.sbc;
  RETURN (SELECT SUM(v) FROM @t)
END;
GO
DROP TABLE dbo.sbc;
-- error: 3729 Cannot DROP TABLE 'dbo.sbc' because it is being referenced by object 'sbc_cte'.
GO
CREATE VIEW dbo.sbc_view WITH SCHEMABINDING
AS WITH c AS (SELECT id, v FROM dbo.sbc) SELECT c.id, c.v FROM c;
GO
SELECT dbo.sbc_cte() AS s, (SELECT COUNT(*) FROM dbo.sbc_view) AS n;
-- expect: s | n
-- 30 | 2
GO
-- EXISTS (SELECT * …) reads no column: allowed in a schema-bound function
CREATE FUNCTION dbo.sbc_has (@id int) RETURNS bit WITH SCHEMABINDING
AS BEGIN RETURN CASE WHEN EXISTS (SELECT * FROM dbo.sbc WHERE id = @id) THEN 1 ELSE 0 END END;
GO
SELECT dbo.sbc_has(1) AS a, dbo.sbc_has(3) AS b;
-- expect: a | b
-- 1 | 0
GO
-- A schema-bound module may reference only schema-bound views and functions (4513)
CREATE VIEW dbo.sbc_plain AS SELECT id, v FROM dbo.sbc;
GO
CREATE FUNCTION dbo.sbc_plainf (@x int) RETURNS int AS BEGIN RETURN @x + 1 END;
GO
CREATE VIEW dbo.sbc_onplain WITH SCHEMABINDING AS SELECT p.id FROM dbo.sbc_plain AS p;
-- error: 4513 Cannot schema bind view 'dbo.sbc_onplain'. 'dbo.sbc_plain' is not schema bound.
GO
CREATE FUNCTION dbo.sbc_callsplain (@x int) RETURNS int WITH SCHEMABINDING
AS BEGIN RETURN dbo.sbc_plainf(@x) END;
-- error: 4513 Cannot schema bind function 'dbo.sbc_callsplain'. 'dbo.sbc_plainf' is not schema bound.
GO
CREATE VIEW dbo.sbc_onbound WITH SCHEMABINDING AS SELECT b.id, dbo.sbc_has(b.id) AS has FROM dbo.sbc_view AS b;
GO
SELECT id, has FROM dbo.sbc_onbound ORDER BY id;
-- expect: id | has
-- 1 | 1
-- 2 | 1
GO

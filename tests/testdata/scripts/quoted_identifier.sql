-- SET QUOTED_IDENTIFIER OFF: text in double quotes is a string literal,
-- read so when the batch is parsed ("SET QUOTED_IDENTIFIER", Remarks).
-- Legacy scripts compare names with "abc" and pass "arg" to procedures;
-- read as a column name the comparison errors (207) or, worse, compares a
-- column with itself.
CREATE TABLE dbo.people (id int PRIMARY KEY, name varchar(20));
INSERT dbo.people VALUES (1, 'abc'), (2, 'it''s'), (3, 'name');
GO
SET QUOTED_IDENTIFIER OFF;
GO
SELECT "hello" AS a, "it's" AS b, "say ""hi""" AS c, "" AS d, [name] FROM dbo.people WHERE name = "abc";
-- expect: a | b | c | d | name
-- hello | it's | say "hi" | '' | abc
GO
SELECT id FROM dbo.people WHERE name = "name";
SELECT SQL_VARIANT_PROPERTY("x", 'BaseType') AS t, SESSIONPROPERTY('QUOTED_IDENTIFIER') AS qi, @@OPTIONS & 256 AS bit;
SELECT quoted_identifier, ansi_nulls, date_format FROM sys.dm_exec_sessions WHERE session_id = @@SPID;
-- expect: id
-- 3
-- expect: t | qi | bit
-- varchar | 0 | 0
-- expect: quoted_identifier | ansi_nulls | date_format
-- 0 | 1 | mdy
GO
-- Under OFF a procedure captures OFF: its body reads "…" as strings
-- whoever calls it; a SET QUOTED_IDENTIFIER in the body changes nothing.
CREATE PROCEDURE dbo.find_off @n varchar(20) = "abc" AS
SET QUOTED_IDENTIFIER ON;
SELECT id, "off" AS mode, SESSIONPROPERTY('QUOTED_IDENTIFIER') AS qi FROM dbo.people WHERE name = @n OR name = "name";
GO
SET QUOTED_IDENTIFIER ON;
GO
-- Under ON "…" is a name again; [..] is a name under both.
SELECT "name" FROM dbo.people WHERE id = 1;
-- expect: name
-- abc
GO
EXEC dbo.find_off;
SELECT SESSIONPROPERTY('QUOTED_IDENTIFIER') AS qi_after;
-- expect: id | mode | qi
-- 1 | off | 0
-- 3 | off | 0
-- expect: qi_after
-- 1
GO
CREATE PROCEDURE dbo.find_on AS SELECT "name" AS n FROM dbo.people WHERE id = 2;
GO
SET QUOTED_IDENTIFIER OFF;
GO
EXEC dbo.find_on;
-- expect: n
-- it's
GO
SELECT o.name, m.uses_quoted_identifier, m.uses_ansi_nulls,
       OBJECTPROPERTY(o.object_id, 'ExecIsQuotedIdentOn') AS exec_qi,
       OBJECTPROPERTY(o.object_id, 'ExecIsAnsiNullsOn') AS exec_an
FROM sys.sql_modules AS m JOIN sys.objects AS o ON o.object_id = m.object_id
WHERE o.name IN ("find_off", "find_on") ORDER BY o.name;
-- expect: name | uses_quoted_identifier | uses_ansi_nulls | exec_qi | exec_an
-- find_off | 0 | 1 | 0 | 1
-- find_on | 1 | 1 | 1 | 1
GO
-- Dynamic SQL starts from the session's setting; a SET in it changes how
-- the rest of it is read and holds only inside it.
EXEC sp_executesql N'SELECT "dyn" AS v';
EXEC (N'SET QUOTED_IDENTIFIER ON; SELECT "name" AS v FROM dbo.people WHERE id = 1');
SELECT "still off" AS v;
-- expect: v
-- dyn
-- expect: v
-- abc
-- expect: v
-- still off
GO
-- Inside a batch, a SET changes how the rest of the batch is read, even
-- where it does not run, and the last one holds for the session.
SELECT "one" AS v;
IF 1 = 0 SET QUOTED_IDENTIFIER ON;
SELECT "name" AS v FROM dbo.people WHERE id = 1;
-- expect: v
-- one
-- expect: v
-- abc
GO
SELECT "name" AS v FROM dbo.people WHERE id = 1;
-- expect: v
-- abc
GO
SET QUOTED_IDENTIFIER OFF;
GO
-- A name in double quotes is a string where a name must be.
SELECT * FROM "people";
-- error: 102 Incorrect syntax near 'people'.
GO
SET QUOTED_IDENTIFIER ON;
GO
SELECT "nope" FROM dbo.people;
-- error: 207 Invalid column name 'nope'.
GO
-- What needs QUOTED_IDENTIFIER ON fails under OFF with 1934: creating a
-- filtered index, an index on a computed column or on a view; changing a
-- table that has one; an xml data type method.
CREATE TABLE dbo.f (id int PRIMARY KEY, v int, c AS v * 2);
CREATE INDEX f_v ON dbo.f (v) WHERE v > 0;
CREATE TABLE dbo.plain (id int PRIMARY KEY, v int);
GO
CREATE VIEW dbo.fv WITH SCHEMABINDING AS SELECT id, v FROM dbo.plain;
GO
SET QUOTED_IDENTIFIER OFF;
GO
INSERT dbo.f (id, v) VALUES (1, 1);
-- error: 1934 INSERT failed because the following SET options have incorrect settings: 'QUOTED_IDENTIFIER'. Verify that SET options are correct for use with indexed views and/or indexes on computed columns and/or filtered indexes and/or query notifications and/or XML data type methods and/or spatial index operations.
GO
MERGE dbo.f AS t USING (SELECT 1 AS id) AS s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, 1);
-- error: 1934 MERGE failed because the following SET options have incorrect settings: 'QUOTED_IDENTIFIER'. Verify that SET options are correct for use with indexed views and/or indexes on computed columns and/or filtered indexes and/or query notifications and/or XML data type methods and/or spatial index operations.
GO
UPDATE dbo.f SET v = 2;
-- error: 1934 UPDATE failed because the following SET options have incorrect settings: 'QUOTED_IDENTIFIER'. Verify that SET options are correct for use with indexed views and/or indexes on computed columns and/or filtered indexes and/or query notifications and/or XML data type methods and/or spatial index operations.
GO
CREATE INDEX f_c ON dbo.f (c);
-- error: 1934 CREATE INDEX failed because the following SET options have incorrect settings: 'QUOTED_IDENTIFIER'. Verify that SET options are correct for use with indexed views and/or indexes on computed columns and/or filtered indexes and/or query notifications and/or XML data type methods and/or spatial index operations.
GO
CREATE INDEX plain_v ON dbo.plain (v) WHERE v IS NOT NULL;
-- error: 1934
GO
CREATE UNIQUE CLUSTERED INDEX fv_id ON dbo.fv (id);
-- error: 1934
GO
DECLARE @x xml = '<a>1</a>';
SELECT @x.value('(/a)[1]', 'int') AS a;
-- error: 1934 SELECT failed because the following SET options have incorrect settings: 'QUOTED_IDENTIFIER'. Verify that SET options are correct for use with indexed views and/or indexes on computed columns and/or filtered indexes and/or query notifications and/or XML data type methods and/or spatial index operations.
GO
-- A table without such an index takes writes under OFF.
INSERT dbo.plain VALUES (1, 1);
DELETE dbo.plain;
GO
SET QUOTED_IDENTIFIER ON;
GO
CREATE UNIQUE CLUSTERED INDEX fv_id ON dbo.fv (id);
INSERT dbo.f (id, v) VALUES (1, 1);
CREATE INDEX f_c ON dbo.f (c);
SET QUOTED_IDENTIFIER OFF;
GO
DELETE dbo.plain;
-- error: 1934 DELETE failed because the following SET options have incorrect settings: 'QUOTED_IDENTIFIER'. Verify that SET options are correct for use with indexed views and/or indexes on computed columns and/or filtered indexes and/or query notifications and/or XML data type methods and/or spatial index operations.
GO
SET QUOTED_IDENTIFIER ON;
GO
SELECT id, v, c FROM dbo.f;
-- expect: id | v | c
-- 1 | 1 | 2
GO

-- The text SQL Server keeps for a CHECK, a DEFAULT, a computed column and a
-- filtered index: decoded from the expression, not the text as written
-- (sys.check_constraints / sys.default_constraints / sys.computed_columns
-- .definition, sys.indexes.filter_definition, INFORMATION_SCHEMA
-- CHECK_CLAUSE and COLUMN_DEFAULT, sp_helpconstraint). SSMS, sqlpackage and
-- EF Core compare these strings with their own to decide what changed.
CREATE TABLE dbo.df (
  a int CONSTRAINT df_a DEFAULT 0,
  d AS a + 1,
  e int CONSTRAINT ck_e CHECK (e > 0),
  f int CONSTRAINT ck_f CHECK (f BETWEEN 1 AND 5),
  g int,
  h varchar(20) CONSTRAINT df_h DEFAULT (N'x') CONSTRAINT ck_h CHECK (h NOT LIKE '%[^0-9]%'),
  i int CONSTRAINT df_i DEFAULT (-1),
  j decimal(5,2) CONSTRAINT df_j DEFAULT 1.5,
  k date CONSTRAINT df_k DEFAULT '2020-01-01',
  l datetime CONSTRAINT df_l DEFAULT GETDATE(),
  m int CONSTRAINT df_m DEFAULT NULL,
  n AS CAST(a AS varchar(10)) + '-' + CONVERT(varchar(8), k, 112),
  o AS CASE WHEN a > 0 THEN 'pos' ELSE 'neg' END,
  CONSTRAINT ck_g CHECK (g IN (1,2,3) AND CAST(g AS varchar(5)) LIKE '%A%'),
  CONSTRAINT ck_or CHECK ((a > 0 AND e > 0) OR (i IS NULL)),
  CONSTRAINT ck_not CHECK (NOT (a IN (7, 8)) AND f NOT BETWEEN 3 AND 4)
);
GO
SELECT name, definition FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID('dbo.df') ORDER BY name;
-- expect: name | definition
-- ck_e | ([e]>(0))
-- ck_f | ([f]>=(1) AND [f]<=(5))
-- ck_g | (([g]=(3) OR [g]=(2) OR [g]=(1)) AND CONVERT([varchar](5),[g]) like '%A%')
-- ck_h | (NOT [h] like '%[^0-9]%')
-- ck_not | (NOT ([a]=(8) OR [a]=(7)) AND NOT ([f]>=(3) AND [f]<=(4)))
-- ck_or | ([a]>(0) AND [e]>(0) OR [i] IS NULL)
GO
SELECT name, definition FROM sys.default_constraints WHERE parent_object_id = OBJECT_ID('dbo.df') ORDER BY name;
-- expect: name | definition
-- df_a | ((0))
-- df_h | (N'x')
-- df_i | ((-1))
-- df_j | ((1.5))
-- df_k | ('2020-01-01')
-- df_l | (getdate())
-- df_m | (NULL)
GO
SELECT name, definition FROM sys.computed_columns WHERE object_id = OBJECT_ID('dbo.df') ORDER BY name;
-- expect: name | definition
-- d | ([a]+(1))
-- n | ((CONVERT([varchar](10),[a])+'-')+CONVERT([varchar](8),[k],(112)))
-- o | (case when [a]>(0) then 'pos' else 'neg' end)
GO
SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS WHERE CONSTRAINT_NAME IN ('ck_f', 'ck_g') ORDER BY CONSTRAINT_NAME;
-- expect: CONSTRAINT_NAME | CHECK_CLAUSE
-- ck_f | ([f]>=(1) AND [f]<=(5))
-- ck_g | (([g]=(3) OR [g]=(2) OR [g]=(1)) AND CONVERT([varchar](5),[g]) like '%A%')
GO
-- A function's name is stored in lower case, a user function bracketed
-- with its schema; dateparts by their full names.
CREATE FUNCTION dbo.two() RETURNS int AS BEGIN RETURN 2 END;
GO
CREATE TABLE dbo.fx (
  a int, s nvarchar(10), d datetime,
  CONSTRAINT ck_fx CHECK (LEN(UPPER(s)) > dbo.two() AND ISNULL(a, 0) >= -1 AND d < DATEADD(dd, 1, CURRENT_TIMESTAMP))
);
GO
SELECT definition FROM sys.check_constraints WHERE name = 'ck_fx';
-- expect: definition
-- (len(upper([s]))>[dbo].[two]() AND isnull([a],(0))>=(-1) AND [d]<dateadd(day,(1),getdate()))
GO
SELECT COLUMN_NAME, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'df' AND COLUMN_DEFAULT IS NOT NULL ORDER BY ORDINAL_POSITION;
-- expect: COLUMN_NAME | COLUMN_DEFAULT
-- a | ((0))
-- h | (N'x')
-- i | ((-1))
-- j | ((1.5))
-- k | ('2020-01-01')
-- l | (getdate())
-- m | (NULL)
GO
-- A filtered index keeps its WHERE the same way.
CREATE INDEX ix_f ON dbo.df (f) WHERE f IN (1, 2) AND h IS NOT NULL;
GO
SELECT name, filter_definition FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.df') AND has_filter = 1;
-- expect: name | filter_definition
-- ix_f | (([f]=(2) OR [f]=(1)) AND [h] IS NOT NULL)
GO
-- The decoded text is only what the catalog shows: the constraints still
-- check what was written.
INSERT dbo.df (e, f, g, h, i) VALUES (1, 5, NULL, '12', NULL);
GO
INSERT dbo.df (e, f, g, h, i) VALUES (1, 3, NULL, '12', NULL);
-- error: 547
-- message: The statement has been terminated.
GO
SELECT a, d, n, o FROM dbo.df;
-- expect: a | d | n | o
-- 0 | 1 | 0-20200101 | neg
GO
-- OBJECT_DEFINITION and sp_helptext show a CHECK or DEFAULT constraint's
-- definition too (object types C and D).
SELECT OBJECT_DEFINITION(OBJECT_ID('dbo.ck_f')) AS ck, OBJECT_DEFINITION(OBJECT_ID('dbo.df_k')) AS df;
-- expect: ck | df
-- ([f]>=(1) AND [f]<=(5)) | ('2020-01-01')
GO
EXEC sp_helptext 'dbo.ck_not';
-- expect: Text
-- (NOT ([a]=(8) OR [a]=(7)) AND NOT ([f]>=(3) AND [f]<=(4)))
GO

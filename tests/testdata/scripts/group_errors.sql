-- A column neither grouped nor aggregated: SQL Server names it with the
-- table as the FROM clause writes it (alias, else the possibly
-- schema-qualified name) and picks the message by clause: 8120 select
-- list, 8121 HAVING, 8127 ORDER BY ("…" quotes), and 8118/8119/8126 when
-- there is no GROUP BY at all.
CREATE TABLE dbo.t (a int, b int)
CREATE TABLE dbo.T2 (A int, b int)
GO
SELECT a, COUNT(*) FROM t GROUP BY b
-- error: 8120 Column 't.a' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.
GO
SELECT a, COUNT(*) FROM t
-- error: 8118 Column 't.a' is invalid in the select list because it is not contained in an aggregate function and there is no GROUP BY clause.
GO
SELECT COUNT(*) FROM t GROUP BY b ORDER BY a
-- error: 8127 Column "t.a" is invalid in the ORDER BY clause because it is not contained in either an aggregate function or the GROUP BY clause.
GO
SELECT COUNT(*) FROM t ORDER BY a
-- error: 8126 Column "t.a" is invalid in the ORDER BY clause because it is not contained in an aggregate function and there is no GROUP BY clause.
GO
SELECT COUNT(*) FROM t GROUP BY b HAVING a > 1
-- error: 8121 Column 't.a' is invalid in the HAVING clause because it is not contained in either an aggregate function or the GROUP BY clause.
GO
SELECT COUNT(*) FROM t HAVING a > 1
-- error: 8119 Column 't.a' is invalid in the HAVING clause because it is not contained in an aggregate function and there is no GROUP BY clause.
GO
SELECT z.a FROM dbo.t AS z GROUP BY z.b
-- error: 8120 Column 'z.a' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.
GO
SELECT a FROM dbo.t GROUP BY b
-- error: 8120 Column 'dbo.t.a' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.
GO
SELECT a FROM dbo.T2 GROUP BY b
-- error: 8120 Column 'dbo.T2.A' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.
GO
SELECT * FROM dbo.t GROUP BY a
-- error: 8120 Column 'dbo.t.b' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.
GO
SELECT t.a, u.A FROM t JOIN T2 AS u ON 1 = 1 GROUP BY t.a
-- error: 8120 Column 'u.A' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.
GO
SELECT b AS bb, COUNT(*) FROM t GROUP BY b ORDER BY bb
-- expect: bb | -
GO
DROP TABLE dbo.t, dbo.T2
GO

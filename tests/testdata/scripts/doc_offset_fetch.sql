-- OFFSET … FETCH as the "SELECT - ORDER BY Clause (Transact-SQL)" page
-- describes it: the offset may not be negative (10742) and the FETCH count
-- must be greater than zero (10744), whether constants or variables.
CREATE TABLE dbo.T (id int PRIMARY KEY)
INSERT dbo.T VALUES (1), (2), (3), (4), (5)
GO
DECLARE @s int = 1, @n int = 2;
SELECT id FROM dbo.T ORDER BY id OFFSET @s ROWS FETCH NEXT @n ROWS ONLY
-- expect: id
-- 2
-- 3
GO
SELECT id FROM dbo.T ORDER BY id OFFSET -1 ROWS
-- expect: id
-- error: 10742 The offset specified in a OFFSET clause may not be negative.
GO
DECLARE @n int = 0;
SELECT id FROM dbo.T ORDER BY id OFFSET 0 ROWS FETCH NEXT @n ROWS ONLY
-- expect: id
-- error: 10744 The number of rows provided for a FETCH clause must be greater then zero.
GO
DECLARE @s int = NULL;
SELECT id FROM dbo.T ORDER BY id OFFSET @s ROWS
-- expect: id
-- error: 10742 The offset specified in a OFFSET clause may not be negative.
GO

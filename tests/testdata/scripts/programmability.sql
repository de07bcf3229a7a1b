-- Functions, cursors, triggers, sequences, dynamic SQL, SET options.
CREATE FUNCTION dbo.twice (@x int) RETURNS int AS BEGIN RETURN @x * 2 END
GO
SELECT dbo.twice(21) AS r
-- expect: r
-- 42
GO
CREATE FUNCTION dbo.upto (@n int) RETURNS TABLE AS RETURN (SELECT v FROM (VALUES (1), (2), (3), (4)) AS t(v) WHERE v <= @n)
GO
SELECT v FROM dbo.upto(2) ORDER BY v
-- expect: v
-- 1
-- 2
GO
CREATE FUNCTION dbo.evens (@n int) RETURNS @r TABLE (v int) AS
BEGIN
    DECLARE @i int = 2
    WHILE @i <= @n BEGIN INSERT @r VALUES (@i) SET @i += 2 END
    RETURN
END
GO
SELECT COUNT(*) AS n, SUM(v) AS s FROM dbo.evens(10)
-- expect: n | s
-- 5 | 30
GO
SELECT twice(2) AS r
-- error: 195 'twice' is not a recognized built-in function name.
GO
SELECT dbo.nofunc(2) AS r
-- error: 4121 Cannot find either column "dbo" or the user-defined function or aggregate "dbo.nofunc", or the name is ambiguous.
GO
SELECT v, dbo.twice(v) AS t FROM (VALUES (1), (2), (3)) AS x(v) WHERE dbo.twice(v) > 2 ORDER BY v
-- expect: v | t
-- 2 | 4
-- 3 | 6
GO
CREATE FUNCTION dbo.nn (@x int) RETURNS int WITH RETURNS NULL ON NULL INPUT AS BEGIN RETURN 7 END
GO
CREATE FUNCTION dbo.cn (@x int) RETURNS int AS BEGIN RETURN 7 END
GO
SELECT dbo.nn(NULL) AS a, dbo.cn(NULL) AS b, dbo.nn(1) AS c
-- expect: a | b | c
-- NULL | 7 | 7
GO
CREATE FUNCTION dbo.fact (@n int) RETURNS bigint AS
BEGIN
    IF @n <= 1 RETURN 1
    RETURN @n * dbo.fact(@n - 1)
END
GO
SELECT dbo.fact(10) AS f
-- expect: f
-- 3628800
GO
SELECT dbo.fact(40) AS f
-- expect: f
-- error: 217 Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).
GO
CREATE FUNCTION dbo.cnt (@n int) RETURNS int AS BEGIN RETURN CASE WHEN @n <= 0 THEN 0 ELSE 1 + dbo.cnt(@n - 1) END END
GO
SELECT dbo.cnt(10) AS c, dbo.cnt(0) AS n
-- expect: c | n
-- 10 | 0
GO
SELECT dbo.cnt(40) AS c
-- expect: c
-- error: 217 Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).
GO
CREATE FUNCTION dbo.divz (@x int) RETURNS int AS BEGIN DECLARE @r int SET @r = 10 / @x RETURN @r END
GO
BEGIN TRY
    SELECT dbo.divz(0) AS r
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_MESSAGE() AS msg
END CATCH
-- expect: r
-- expect: num | msg
-- 8134 | Divide by zero error encountered.
GO
CREATE FUNCTION dbo.mul (@x int, @by int = 3) RETURNS int AS BEGIN RETURN @x * @by END
GO
SELECT dbo.mul(2, DEFAULT) AS d, dbo.mul(2, 5) AS e
-- expect: d | e
-- 6 | 10
GO
CREATE FUNCTION dbo.rowsin () RETURNS int AS BEGIN RETURN (SELECT COUNT(*) FROM (VALUES (1), (2)) AS t(x)) END
GO
SELECT dbo.rowsin() AS n
-- expect: n
-- 2
GO
CREATE FUNCTION dbo.bad (@x int) RETURNS int AS BEGIN INSERT dbo.cur VALUES (@x, 'x') RETURN 1 END
-- error: 443 Invalid use of a side-effecting operator 'INSERT' within a function.
GO
SELECT dbo.twice(1, 2) AS r
-- error: 8144 Procedure or function twice has too many arguments specified.
GO
SELECT dbo.twice() AS r
-- error: 313 An insufficient number of arguments were supplied for the procedure or function dbo.twice.
GO
CREATE OR ALTER FUNCTION dbo.twice (@x int) RETURNS int AS BEGIN RETURN @x + @x + 0 END
GO
CREATE TABLE dbo.tt (a int)
GO
CREATE OR ALTER FUNCTION dbo.tt (@x int) RETURNS int AS BEGIN RETURN @x END
-- error: 2714 There is already an object named 'tt' in the database.
GO
DROP TABLE dbo.tt
GO
SELECT o.name, o.type, o.type_desc FROM sys.objects AS o WHERE o.name IN ('twice', 'upto', 'evens') ORDER BY o.name
-- expect: name | type | type_desc
-- evens | TF | SQL_TABLE_VALUED_FUNCTION
-- twice | FN | SQL_SCALAR_FUNCTION
-- upto | IF | SQL_INLINE_TABLE_VALUED_FUNCTION
GO
SELECT ROUTINE_NAME, ROUTINE_TYPE FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_NAME IN ('twice', 'upto') ORDER BY ROUTINE_NAME
-- expect: ROUTINE_NAME | ROUTINE_TYPE
-- twice | FUNCTION
-- upto | FUNCTION
GO
SELECT CASE WHEN OBJECT_ID('dbo.twice') IS NOT NULL THEN 1 ELSE 0 END AS has_fn,
       CASE WHEN m.definition LIKE 'CREATE%FUNCTION%twice%' THEN 1 ELSE 0 END AS has_def
FROM sys.sql_modules AS m WHERE m.object_id = OBJECT_ID('dbo.twice')
-- expect: has_fn | has_def
-- 1 | 1
GO
SELECT REPLACE(OBJECT_DEFINITION(OBJECT_ID('dbo.upto')), CHAR(10), N'\n') AS def, OBJECT_DEFINITION(0) AS none
-- expect: def | none
-- CREATE FUNCTION dbo.upto (@n int) RETURNS TABLE AS RETURN (SELECT v FROM (VALUES (1), (2), (3), (4)) AS t(v) WHERE v <= @n)\n | NULL
GO
-- (CREATE OR ALTER is kept as CREATE: the words OR and ALTER go, the blanks around them stay)
CREATE TABLE #h (Text nvarchar(255))
INSERT INTO #h EXEC sp_helptext 'dbo.twice'
SELECT REPLACE(Text, CHAR(10), N'\n') AS Text FROM #h
-- expect: Text
-- CREATE   FUNCTION dbo.twice (@x int) RETURNS int AS BEGIN RETURN @x + @x + 0 END\n
GO
EXEC sp_helptext 'dbo.nothere'
-- error: 15009
GO
SELECT x.n, u.v FROM (VALUES (1), (3)) AS x(n) CROSS APPLY dbo.upto(x.n) AS u ORDER BY x.n, u.v
-- expect: n | v
-- 1 | 1
-- 3 | 1
-- 3 | 2
-- 3 | 3
GO
SELECT u.v, e.v AS ev FROM dbo.upto(4) AS u JOIN dbo.evens(4) AS e ON e.v = u.v ORDER BY u.v
-- expect: v | ev
-- 2 | 2
-- 4 | 4
GO
CREATE FUNCTION dbo.selfref () RETURNS TABLE AS RETURN (SELECT 1 AS x)
GO
ALTER FUNCTION dbo.selfref () RETURNS TABLE AS RETURN (SELECT x FROM dbo.selfref())
GO
SELECT x FROM dbo.selfref()
-- error: 217 Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).
GO
DROP FUNCTION dbo.nn, dbo.cn
DROP FUNCTION IF EXISTS dbo.nn
GO
DROP FUNCTION dbo.nn
-- error: 3701 Cannot drop the function 'dbo.nn', because it does not exist or you do not have permission.
GO
CREATE TABLE dbo.cur (id int PRIMARY KEY, v varchar(5))
INSERT dbo.cur VALUES (1, 'a'), (2, 'b'), (3, 'c')
GO
DECLARE @id int, @v varchar(5), @acc varchar(20) = ''
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT id, v FROM dbo.cur ORDER BY id DESC
OPEN c
FETCH NEXT FROM c INTO @id, @v
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @acc += @v
    FETCH NEXT FROM c INTO @id, @v
END
CLOSE c
DEALLOCATE c
SELECT @acc AS acc
-- expect: acc
-- cba
GO
DECLARE @id int, @n int = 0
DECLARE s CURSOR LOCAL SCROLL FOR SELECT id FROM dbo.cur ORDER BY id
OPEN s
SELECT @@CURSOR_ROWS AS cr_keyset
FETCH LAST FROM s INTO @id
SELECT @id AS last_id, @@FETCH_STATUS AS st
FETCH PRIOR FROM s INTO @id
SELECT @id AS prior_id
FETCH ABSOLUTE 1 FROM s INTO @id
SELECT @id AS abs1
FETCH RELATIVE 1 FROM s INTO @id
SELECT @id AS rel1
FETCH NEXT FROM s INTO @id
FETCH NEXT FROM s INTO @id
SELECT @id AS still3, @@FETCH_STATUS AS past_end
FETCH FIRST FROM s
CLOSE s
DEALLOCATE s
-- expect: cr_keyset
-- 3
-- expect: last_id | st
-- 3 | 0
-- expect: prior_id
-- 2
-- expect: abs1
-- 1
-- expect: rel1
-- 2
-- expect: still3 | past_end
-- 3 | -1
-- expect: id
-- 1
GO
DECLARE k CURSOR GLOBAL STATIC FOR SELECT id FROM dbo.cur
SELECT CURSOR_STATUS('global', 'k') AS declared
OPEN k
SELECT @@CURSOR_ROWS AS cr, CURSOR_STATUS('global', 'k') AS opened
-- expect: declared
-- -1
-- expect: cr | opened
-- 3 | 1
GO
DECLARE @id int
FETCH NEXT FROM k INTO @id
SELECT @@FETCH_STATUS AS st_next_batch
CLOSE k
SELECT CURSOR_STATUS('global', 'k') AS closed
DEALLOCATE k
SELECT CURSOR_STATUS('global', 'k') AS gone
-- expect: st_next_batch
-- 0
-- expect: closed
-- -1
-- expect: gone
-- -3
GO
DECLARE f CURSOR LOCAL FORWARD_ONLY FOR SELECT id FROM dbo.cur
OPEN f
FETCH PRIOR FROM f
-- error: 16911 fetch: The fetch type prior cannot be used with forward only cursors.
GO
DECLARE @c CURSOR, @id int, @sum int = 0
SELECT CURSOR_STATUS('variable', '@c') AS unassigned, CURSOR_STATUS('variable', '@nope') AS undeclared
SET @c = CURSOR LOCAL FAST_FORWARD FOR SELECT id FROM dbo.cur
OPEN @c
FETCH NEXT FROM @c INTO @id
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @sum += @id
    FETCH NEXT FROM @c INTO @id
END
SELECT @sum AS total, CURSOR_STATUS('variable', '@c') AS opened
CLOSE @c
DEALLOCATE @c
OPEN @c
-- expect: unassigned | undeclared
-- -2 | -3
-- expect: total | opened
-- 6 | 1
-- error: 16950 The variable '@c' does not currently have a cursor allocated to it.
GO
DECLARE d CURSOR LOCAL FOR SELECT id FROM dbo.cur
DECLARE d CURSOR LOCAL FOR SELECT id FROM dbo.cur
-- error: 16915 A cursor with the name 'd' already exists.
GO
OPEN nosuch
-- error: 16916 A cursor with the name 'nosuch' does not exist.
GO
DECLARE d CURSOR LOCAL FOR SELECT id FROM dbo.cur
FETCH NEXT FROM d
-- error: 16917 Cursor is not open.
GO
DECLARE d CURSOR LOCAL FOR SELECT id, v FROM dbo.cur
DECLARE @id int
OPEN d
FETCH NEXT FROM d INTO @id
-- error: 16924 Cursorfetch: The number of variables declared in the INTO list must match that of selected columns.
GO
CREATE TABLE dbo.audit (msg varchar(50))
GO
CREATE TRIGGER dbo.cur_ins ON dbo.cur AFTER INSERT AS
    INSERT dbo.audit SELECT 'inserted ' + v FROM inserted
GO
INSERT dbo.cur VALUES (4, 'd')
SELECT msg FROM dbo.audit
-- expect: msg
-- inserted d
GO
CREATE TRIGGER dbo.cur_upd ON dbo.cur AFTER UPDATE, DELETE AS
BEGIN
    INSERT dbo.audit SELECT 'old ' + d.v + ' new ' + ISNULL(i.v, '-') FROM deleted AS d LEFT JOIN inserted AS i ON i.id = d.id
    IF EXISTS (SELECT * FROM inserted WHERE v = 'bad')
        RAISERROR('bad value', 16, 1)
END
GO
UPDATE dbo.cur SET v = 'D' WHERE id = 4
DELETE dbo.cur WHERE id = 4
UPDATE dbo.cur SET v = 'x' WHERE id = 99
SELECT msg FROM dbo.audit WHERE msg LIKE 'old%' ORDER BY msg
-- expect: msg
-- old D new -
-- old d new D
GO
UPDATE dbo.cur SET v = 'bad' WHERE id = 1
-- error: 50000 bad value
GO
-- RAISERROR does not roll back: the UPDATE stands (XACT_ABORT, which a
-- trigger runs under, does not apply to RAISERROR).
SELECT v FROM dbo.cur WHERE id = 1
-- expect: v
-- bad
GO
SELECT t.name, OBJECT_NAME(t.parent_id) AS tbl, o.type FROM sys.triggers AS t JOIN sys.objects AS o ON o.object_id = t.object_id ORDER BY t.name
-- expect: name | tbl | type
-- cur_ins | cur | TR
-- cur_upd | cur | TR
GO
CREATE TABLE dbo.aud2 (n int)
GO
CREATE TRIGGER dbo.audit_ins ON dbo.audit AFTER INSERT AS INSERT dbo.aud2 SELECT COUNT(*) FROM inserted
GO
INSERT dbo.cur VALUES (5, 'e'), (6, 'f')
SELECT n FROM dbo.aud2
-- expect: n
-- 2
GO
CREATE TRIGGER dbo.cur_ins ON dbo.cur AFTER INSERT AS PRINT 'x'
-- error: 2714 There is already an object named 'cur_ins' in the database.
GO
CREATE TRIGGER dbo.nt ON dbo.nosuch AFTER INSERT AS PRINT 'x'
-- error: 8197 The object 'dbo.nosuch' does not exist or is invalid for this operation.
GO
CREATE TRIGGER dbo.cur_cols ON dbo.cur AFTER INSERT, UPDATE AS
    IF @@ROWCOUNT = 0 RETURN
    INSERT dbo.audit SELECT 'cols ' + CASE WHEN UPDATE(id) THEN 'id ' ELSE '' END + CASE WHEN UPDATE(v) THEN 'v' ELSE '' END
GO
UPDATE dbo.cur SET v = v WHERE id = 1
UPDATE dbo.cur SET v = v WHERE id = 99
INSERT dbo.cur VALUES (7, 'g')
SELECT msg FROM dbo.audit WHERE msg LIKE 'cols%' ORDER BY msg
-- error: 50000 bad value
-- expect: msg
-- cols id v
-- cols v
GO
DROP TRIGGER dbo.cur_cols
DROP TRIGGER dbo.audit_ins, dbo.cur_upd
DELETE dbo.cur WHERE id > 4
INSERT dbo.cur VALUES (4, 'd')
SELECT COUNT(*) AS n FROM sys.triggers
-- expect: n
-- 1
GO
CREATE SEQUENCE dbo.seq AS int START WITH 10 INCREMENT BY 5
GO
SELECT NEXT VALUE FOR dbo.seq AS a
SELECT NEXT VALUE FOR dbo.seq AS b
-- expect: a
-- 10
-- expect: b
-- 15
GO
CREATE TABLE dbo.seqt (id int, v varchar(5))
INSERT dbo.seqt VALUES (NEXT VALUE FOR dbo.seq, 'x')
INSERT dbo.seqt SELECT NEXT VALUE FOR dbo.seq, v FROM (VALUES ('y'), ('z')) AS t(v)
SELECT id, v FROM dbo.seqt ORDER BY id
-- expect: id | v
-- 20 | x
-- 25 | y
-- 30 | z
GO
DECLARE @n int = NEXT VALUE FOR dbo.seq
SELECT @n AS n, s.current_value, s.start_value, s.increment, o.type
FROM sys.sequences AS s JOIN sys.objects AS o ON o.object_id = s.object_id WHERE s.name = 'seq'
-- expect: n | current_value | start_value | increment | type
-- 35 | 35 | 10 | 5 | SO
GO
CREATE SEQUENCE dbo.ord AS int START WITH 1
GO
CREATE TABLE dbo.orders (id int NOT NULL DEFAULT NEXT VALUE FOR dbo.ord, item varchar(10))
INSERT dbo.orders (item) VALUES ('a'), ('b')
INSERT dbo.orders (item) SELECT 'c'
UPDATE dbo.orders SET id = NEXT VALUE FOR dbo.ord WHERE item = 'a'
SELECT id, item FROM dbo.orders ORDER BY id
-- expect: id | item
-- 2 | b
-- 3 | c
-- 4 | a
GO
CREATE SEQUENCE dbo.tiny AS tinyint START WITH 254 MAXVALUE 255
GO
SELECT NEXT VALUE FOR dbo.tiny AS a
SELECT NEXT VALUE FOR dbo.tiny AS b
SELECT NEXT VALUE FOR dbo.tiny AS c
-- expect: a
-- 254
-- expect: b
-- 255
-- expect: c
-- error: 11728 The sequence object 'tiny' has reached its minimum or maximum value. Restart the sequence object to allow new values to be generated.
GO
CREATE SEQUENCE dbo.cyc AS int START WITH 1 MINVALUE 1 MAXVALUE 2 CYCLE
GO
SELECT NEXT VALUE FOR dbo.cyc AS a
SELECT NEXT VALUE FOR dbo.cyc AS b
SELECT NEXT VALUE FOR dbo.cyc AS c
-- expect: a
-- 1
-- expect: b
-- 2
-- expect: c
-- 1
GO
SELECT NEXT VALUE FOR dbo.cyc AS a, NEXT VALUE FOR dbo.cyc AS b
-- expect: a | b
-- 2 | 2
GO
CREATE SEQUENCE dbo.pair START WITH 10
GO
SELECT x, NEXT VALUE FOR dbo.pair AS a, NEXT VALUE FOR dbo.pair + 100 AS b, NEXT VALUE FOR dbo.cyc AS c FROM (VALUES (1), (2), (3)) AS v(x)
-- expect: x | a | b | c
-- 1 | 10 | 110 | 1
-- 2 | 11 | 111 | 2
-- 3 | 12 | 112 | 1
GO
DECLARE @i int = 0, @a bigint, @b bigint
WHILE @i < 2
BEGIN
    SELECT @a = NEXT VALUE FOR dbo.pair, @b = NEXT VALUE FOR dbo.pair
    SET @i += 1
END
SELECT @a AS a, @b AS b
DROP SEQUENCE dbo.pair
-- expect: a | b
-- 14 | 14
GO
CREATE SEQUENCE dbo.rb START WITH 1
GO
BEGIN TRAN
SELECT NEXT VALUE FOR dbo.rb AS a
ROLLBACK
SELECT NEXT VALUE FOR dbo.rb AS b
SELECT CAST(current_value AS int) AS cur FROM sys.sequences WHERE name = 'rb'
-- expect: a
-- 1
-- expect: b
-- 2
-- expect: cur
-- 2
GO
BEGIN TRAN
CREATE SEQUENCE dbo.rb2 START WITH 7
SELECT NEXT VALUE FOR dbo.rb2 AS a, NEXT VALUE FOR dbo.rb AS b
ROLLBACK
SELECT COUNT(*) AS n FROM sys.sequences WHERE name = 'rb2'
SELECT NEXT VALUE FOR dbo.rb AS c
DROP SEQUENCE dbo.rb
-- expect: a | b
-- 7 | 3
-- expect: n
-- 0
-- expect: c
-- 4
GO
CREATE SEQUENCE dbo.z INCREMENT BY 0
-- error: 11700 The increment for sequence object 'z' cannot be zero.
GO
CREATE SEQUENCE dbo.seq
-- error: 2714 There is already an object named 'seq' in the database.
GO
SELECT NEXT VALUE FOR dbo.noseq AS x
-- error: 208 Invalid object name 'dbo.noseq'.
GO
DROP TABLE dbo.orders
DROP SEQUENCE dbo.tiny, dbo.cyc, dbo.ord
DROP SEQUENCE IF EXISTS dbo.tiny
SELECT COUNT(*) AS n FROM sys.sequences
-- expect: n
-- 1
GO
CREATE SEQUENCE dbo.r AS smallint START WITH 1
GO
SELECT NEXT VALUE FOR dbo.r AS a
ALTER SEQUENCE dbo.r RESTART WITH 500 INCREMENT BY -100 MINVALUE 300
SELECT NEXT VALUE FOR dbo.r AS b
SELECT NEXT VALUE FOR dbo.r AS c
SELECT NEXT VALUE FOR dbo.r AS d
-- expect: a
-- 1
-- expect: b
-- 500
-- expect: c
-- 400
-- expect: d
-- 300
GO
ALTER SEQUENCE dbo.r RESTART
SELECT NEXT VALUE FOR dbo.r AS e
ALTER SEQUENCE dbo.r MINVALUE 100 MAXVALUE 50
-- expect: e
-- 500
-- error: 11705 The minimum value for sequence object 'r' must be less than its maximum value.
GO
ALTER SEQUENCE dbo.nope RESTART
-- error: 15151 Cannot alter the sequence 'nope', because it does not exist or you do not have permission.
GO
DROP SEQUENCE dbo.r
GO
DECLARE @out int
EXEC sp_executesql N'SELECT @o = COUNT(*) FROM dbo.cur WHERE id > @min', N'@min int, @o int OUTPUT', @min = 1, @o = @out OUTPUT
SELECT @out AS cnt
-- expect: cnt
-- 3
GO
SET ANSI_NULLS OFF
SELECT CASE WHEN NULL = NULL THEN 1 ELSE 0 END AS eq_off
SET ANSI_NULLS ON
-- expect: eq_off
-- 1
GO
CREATE TABLE #an (id int PRIMARY KEY, c int NULL)
CREATE INDEX ix_an_c ON #an (c)
INSERT #an VALUES (1, NULL), (2, 5), (3, NULL)
GO
SET ANSI_NULLS OFF
DECLARE @n int = NULL
SELECT COUNT(*) AS eq_null FROM #an WHERE c = NULL
SELECT COUNT(*) AS eq_var FROM #an WHERE c = @n
SELECT COUNT(*) AS ne_var FROM #an WHERE @n <> c
SELECT COUNT(*) AS col_col FROM (VALUES (NULL, NULL), (1, 1)) AS v(a, b) WHERE a = b
SELECT COUNT(*) AS lt_null FROM #an WHERE c < @n
SET ANSI_NULLS ON
SELECT COUNT(*) AS eq_on FROM #an WHERE c = @n
DROP TABLE #an
-- expect: eq_null
-- 2
-- expect: eq_var
-- 2
-- expect: ne_var
-- 1
-- expect: col_col
-- 1
-- expect: lt_null
-- 0
-- expect: eq_on
-- 0
GO
SET CONCAT_NULL_YIELDS_NULL OFF
SELECT 'a' + NULL AS cat
SET CONCAT_NULL_YIELDS_NULL ON
-- expect: cat
-- a
GO
SET DATEFIRST 1
SELECT DATEPART(weekday, '2024-01-01') AS monday_is_1, @@DATEFIRST AS df
SET DATEFIRST 7
-- expect: monday_is_1 | df
-- 1 | 1
GO
SELECT region, [apple], [pear] FROM (SELECT region, product, qty FROM (VALUES ('e', 'apple', 1), ('e', 'pear', 2), ('w', 'apple', 3)) AS s(region, product, qty)) AS src
PIVOT (SUM(qty) FOR product IN ([apple], [pear])) AS p ORDER BY region
-- expect: region | apple | pear
-- e | 1 | 2
-- w | 3 | NULL
-- message: Warning: Null value is eliminated by an aggregate or other SET operation.
GO
DECLARE @i int = 0
start:
SET @i += 1
IF @i < 3 GOTO start
SELECT @i AS i
-- expect: i
-- 3
GO
DECLARE @i int = 0
WHILE 1 = 1
BEGIN
    SET @i += 1
    IF @i = 5 GOTO done
END
SELECT 'not reached' AS x
done:
SELECT @i AS i
-- expect: i
-- 5
GO
GOTO nowhere
-- error: 133 A GOTO statement references the label 'nowhere' but the label has not been declared.
GO
CREATE PROCEDURE dbo.pgoto @n int AS
    IF @n > 0 GOTO pos
    SELECT 'non-positive' AS r
    RETURN
pos:
    SELECT 'positive' AS r
GO
EXEC dbo.pgoto 1
EXEC dbo.pgoto 0
-- expect: r
-- positive
-- expect: r
-- non-positive
GO
WAITFOR DELAY '00:00:00.010'
SELECT 'waited' AS w
-- expect: w
-- waited
GO
SELECT CASE WHEN CAST(SERVERPROPERTY('ProductVersion') AS varchar(20)) LIKE '1[0-9].%' THEN 1 ELSE 0 END AS ver_ok,
       CASE WHEN @@VERSION LIKE 'Microsoft SQL Server%' THEN 1 ELSE 0 END AS version_ok
-- expect: ver_ok | version_ok
-- 1 | 1
GO

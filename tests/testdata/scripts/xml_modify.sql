-- xml modify(): insert, delete and replace value of, in UPDATE … SET
-- col.modify(…) and SET @x.modify(…).
CREATE TABLE dbo.cfg (id int PRIMARY KEY, doc xml)
INSERT dbo.cfg VALUES (1, N'<c><s k="a">1</s><s k="b">2</s></c>'), (2, N'<c><s k="a">9</s></c>'), (3, NULL)
GO
UPDATE dbo.cfg SET doc.modify('replace value of (/c/s[@k="a"]/text())[1] with "10"') WHERE id = 1
SELECT CAST(doc AS nvarchar(200)) AS doc FROM dbo.cfg WHERE id = 1
-- expect: doc
-- <c><s k="a">10</s><s k="b">2</s></c>
GO
DECLARE @v int = 42;
UPDATE dbo.cfg SET doc.modify('replace value of (/c/s/@k)[1] with sql:variable("@v")')
SELECT id, CAST(doc AS nvarchar(200)) AS doc FROM dbo.cfg ORDER BY id
-- expect: id | doc
-- 1 | <c><s k="42">10</s><s k="b">2</s></c>
-- 2 | <c><s k="42">9</s></c>
-- 3 | NULL
GO
UPDATE dbo.cfg SET doc.modify('delete /c/s[@k="b"]') WHERE id = 1
UPDATE dbo.cfg SET doc.modify('insert <s k="z">0</s> as last into (/c)[1]') WHERE id = 2
SELECT id, CAST(doc AS nvarchar(200)) AS doc FROM dbo.cfg WHERE doc IS NOT NULL ORDER BY id
-- expect: id | doc
-- 1 | <c><s k="42">10</s></c>
-- 2 | <c><s k="42">9</s><s k="z">0</s></c>
GO
DECLARE @x xml = N'<r><b>2</b></r>', @new xml = N'<c>3</c>';
SET @x.modify('insert <a>1</a> as first into (/r)[1]');
SET @x.modify('insert sql:variable("@new") after (/r/b)[1]');
SET @x.modify('insert attribute v {"x"} into (/r)[1]');
SET @x.modify('insert <z>0</z> before (/r/a)[1]');
SELECT CAST(@x AS nvarchar(200)) AS x
-- expect: x
-- <r v="x"><z>0</z><a>1</a><b>2</b><c>3</c></r>
GO
DECLARE @x xml = N'<r a="1"><b/></r>';
SET @x.modify('delete /r/@a');
SET @x.modify('replace value of (/r/b)[1] with "t"');
SELECT CAST(@x AS nvarchar(200)) AS x, @x.value('(/r/b)[1]', 'char(1)') AS b
-- expect: x | b
-- <r><b>t</b></r> | t
GO
DECLARE @x xml = N'<r/>';
SET @x.modify('rename node /r as "q"')
-- error: 2209
GO

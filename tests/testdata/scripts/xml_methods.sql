-- xml data type methods value(), query(), exist() and nodes() with the
-- XQuery forms applications use.
CREATE TABLE dbo.docs (id int PRIMARY KEY, doc xml)
INSERT dbo.docs VALUES
  (1, N'<order id="10" status="open"><line sku="A" qty="2">apple</line><line sku="B" qty="5">pear &amp; plum</line></order>'),
  (2, N'<order id="11" status="shipped"><line sku="C" qty="1">fig</line></order>'),
  (3, NULL)
GO
DECLARE @x xml = N'<r><i>1</i><i>2</i></r>';
SELECT t.c.value('.', 'int') AS v FROM @x.nodes('/r/i') t(c)
-- expect: v
-- 1
-- 2
GO
DECLARE @x xml = N'<r><i>1</i><i>2</i></r>';
SELECT CAST(@x.query('/r/i[2]') AS nvarchar(max)) AS q, @x.value('(/r/i)[2]', 'int') AS second,
       @x.value('count(/r/i)', 'int') AS n, @x.exist('/r/i[. = 2]') AS has2, @x.exist('/r/j') AS hasj
-- expect: q | second | n | has2 | hasj
-- <i>2</i> | 2 | 2 | 1 | 0
GO
SELECT id, doc.value('(/order/@id)[1]', 'int') AS order_id, doc.value('(/order/@status)[1]', 'varchar(10)') AS status,
       doc.value('(/order/line/text())[1]', 'nvarchar(20)') AS first_line, doc.value('local-name(/*[1])', 'sysname') AS root,
       doc.value('string((/order/line)[last()])', 'nvarchar(20)') AS last_line, doc.value('data((/order/line/@qty)[1])', 'int') AS qty
FROM dbo.docs ORDER BY id
-- expect: id | order_id | status | first_line | root | last_line | qty
-- 1 | 10 | open | apple | order | pear & plum | 2
-- 2 | 11 | shipped | fig | order | fig | 1
-- 3 | NULL | NULL | NULL | NULL | NULL | NULL
GO
SELECT d.id, l.c.value('@sku', 'char(1)') AS sku, l.c.value('@qty', 'int') AS qty, l.c.value('.', 'nvarchar(20)') AS name,
       CAST(l.c.query('.') AS nvarchar(200)) AS node
FROM dbo.docs AS d CROSS APPLY d.doc.nodes('/order/line') AS l(c) ORDER BY d.id, sku
-- expect: id | sku | qty | name | node
-- 1 | A | 2 | apple | <line sku="A" qty="2">apple</line>
-- 1 | B | 5 | pear & plum | <line sku="B" qty="5">pear &amp; plum</line>
-- 2 | C | 1 | fig | <line sku="C" qty="1">fig</line>
GO
SELECT d.id, l.c.value('@sku', 'char(1)') AS sku
FROM dbo.docs AS d OUTER APPLY d.doc.nodes('/order/line[@qty > 1]') AS l(c) ORDER BY d.id, sku
-- expect: id | sku
-- 1 | A
-- 1 | B
-- 2 | NULL
-- 3 | NULL
GO
DECLARE @sku char(1) = 'B';
SELECT id FROM dbo.docs WHERE doc.exist('/order/line[@sku = sql:variable("@sku")]') = 1
-- expect: id
-- 1
GO
SELECT id, doc.exist('/order[@id = sql:column("id") + 9]') AS matches FROM dbo.docs WHERE doc IS NOT NULL ORDER BY id
-- expect: id | matches
-- 1 | 1
-- 2 | 1
GO
SELECT id FROM dbo.docs WHERE doc.value('(/order/@status)[1]', 'varchar(10)') = 'shipped'
-- expect: id
-- 2
GO
-- nodes() of a nodes() column starts at the node.
DECLARE @x xml = N'<r><g n="a"><i>1</i><i>2</i></g><g n="b"><i>3</i></g></r>';
SELECT g.c.value('@n', 'char(1)') AS g, i.c.value('.', 'int') AS i, g.c.value('count(i)', 'int') AS n
FROM @x.nodes('/r/g') g(c) CROSS APPLY g.c.nodes('i') i(c) ORDER BY i
-- expect: g | i | n
-- a | 1 | 2
-- a | 2 | 2
-- b | 3 | 1
GO
DECLARE @x xml = N'<a/>';
SELECT @x.query('<b>{/a}</b>')
-- error: 2209
GO
DECLARE @v int;
SET @v = CAST(N'<a>' AS xml).value('(/a)[1]', 'int')
-- error: 9400
GO

-- FOR XML RAW and AUTO: attributes by default, ELEMENTS for subelements,
-- NULLs left out, ROOT around the result; AUTO nests by table.
CREATE TABLE dbo.cust (id int PRIMARY KEY, name varchar(20) NULL)
CREATE TABLE dbo.ord (id int PRIMARY KEY, cust int, total decimal(6,2))
INSERT dbo.cust VALUES (1, 'Ann & Co'), (2, NULL), (3, 'Cy "C"')
INSERT dbo.ord VALUES (10, 1, 5.50), (11, 1, 7.00), (12, 3, 1.25)
GO
SELECT id, name FROM dbo.cust ORDER BY id FOR XML RAW
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row id="1" name="Ann &amp; Co"/><row id="2"/><row id="3" name="Cy &quot;C&quot;"/>
GO
SELECT id, name AS [full name] FROM dbo.cust WHERE id < 3 ORDER BY id FOR XML RAW('customer'), ROOT('customers')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <customers><customer id="1" full_x0020_name="Ann &amp; Co"/><customer id="2"/></customers>
GO
SELECT id, name FROM dbo.cust ORDER BY id FOR XML RAW, ELEMENTS
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row><id>1</id><name>Ann &amp; Co</name></row><row><id>2</id></row><row><id>3</id><name>Cy "C"</name></row>
GO
SELECT id FROM dbo.cust WHERE id > 99 FOR XML RAW
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
GO
SELECT c.id, c.name, o.id AS oid, o.total FROM dbo.cust AS c JOIN dbo.ord AS o ON o.cust = c.id ORDER BY c.id, o.id FOR XML AUTO
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <c id="1" name="Ann &amp; Co"><o oid="10" total="5.50"/><o oid="11" total="7.00"/></c><c id="3" name="Cy &quot;C&quot;"><o oid="12" total="1.25"/></c>
GO
SELECT cust.id, ord.total, ord.total * 2 AS twice FROM dbo.cust JOIN dbo.ord ON ord.cust = cust.id WHERE cust.id = 1 ORDER BY ord.id FOR XML AUTO, ELEMENTS, ROOT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <root><dbo.cust><id>1</id><dbo.ord><total>5.50</total><twice>11.00</twice></dbo.ord><dbo.ord><total>7.00</total><twice>14.00</twice></dbo.ord></dbo.cust></root>
GO
SELECT id, name FROM dbo.cust AS customer WHERE id = 3 FOR XML AUTO
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <customer id="3" name="Cy &quot;C&quot;"/>
GO
SELECT (SELECT id FROM dbo.ord WHERE cust = 1 ORDER BY id FOR XML RAW('o'), TYPE) AS orders
-- expect: orders
-- <o id="10"/><o id="11"/>
GO
-- ELEMENTS XSINIL: the namespace on each top-level element, or on ROOT only
SELECT id, name FROM dbo.cust WHERE id = 2 FOR XML RAW, ELEMENTS XSINIL
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><id>2</id><name xsi:nil="true"/></row>
GO
SELECT id, name FROM dbo.cust AS c WHERE id = 2 FOR XML AUTO, ROOT, ELEMENTS XSINIL
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <root xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><c><id>2</id><name xsi:nil="true"/></c></root>
GO
-- an xml column is a subelement after the attributes; an unnamed nested TYPE query is inlined
CREATE TABLE dbo.xd (id int, doc xml NULL, txt nvarchar(20) NULL)
INSERT dbo.xd VALUES (1, N'<a/>', N'<a/>'), (2, NULL, NULL)
GO
SELECT id, doc, txt FROM dbo.xd ORDER BY id FOR XML RAW
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row id="1" txt="&lt;a/&gt;"><doc><a/></doc></row><row id="2"/>
GO
SELECT c.id, (SELECT o.id FROM dbo.ord AS o WHERE o.cust = c.id ORDER BY o.id FOR XML AUTO, TYPE) FROM dbo.cust AS c WHERE c.id = 1 FOR XML AUTO
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <c id="1"><o id="10"/><o id="11"/></c>
GO
-- AUTO: the first table names expressions' elements; equal parent values share an element
SELECT 1 AS a FROM dbo.cust FOR XML AUTO
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <dbo.cust a="1"/><dbo.cust a="1"/><dbo.cust a="1"/>
GO
SELECT c.name, o.id FROM dbo.cust AS c LEFT JOIN dbo.ord AS o ON o.cust = c.id ORDER BY c.id, o.id FOR XML AUTO
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <c name="Ann &amp; Co"><o id="10"/><o id="11"/></c><c><o/></c><c name="Cy &quot;C&quot;"><o id="12"/></c>
GO
-- binary data needs BINARY BASE64
SELECT CAST(0x0102FF AS varbinary(3)) AS b FOR XML RAW, BINARY BASE64
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row b="AQL/"/>
GO
SELECT CAST(0x0102FF AS varbinary(3)) AS b FOR XML RAW
-- error: 6829 FOR XML EXPLICIT and RAW modes currently do not support addressing binary data as URLs in column 'b'. Remove the column, or use the BINARY BASE64 mode, or create the URL directly using the 'dbobject/TABLE[@PK1="V1"]/@COLUMN' syntax.
GO
SELECT CAST(0x0102FF AS varbinary(3)) AS b FROM dbo.cust WHERE id = 1 FOR XML AUTO
-- error: 6830 FOR XML AUTO could not find the table owning the following column 'b' to create a URL address for it. Remove the column, or use the BINARY BASE64 mode, or create the URL directly using the 'dbobject/TABLE[@PK1="V1"]/@COLUMN' syntax.
GO
-- SQL Server's errors: unnamed columns, AUTO without a table or with a row name, inline schemas
SELECT id, id + 1 FROM dbo.cust FOR XML RAW
-- error: 6809 Unnamed tables cannot be used as XML identifiers as well as unnamed columns cannot be used for attribute names. Name unnamed columns/tables using AS in the SELECT statement.
GO
SELECT 1 AS a FOR XML AUTO
-- error: 6800 FOR XML AUTO requires at least one table for generating XML tags. Use FOR XML RAW or add a FROM clause with a table name.
GO
SELECT id FROM dbo.cust FOR XML AUTO('x')
-- error: 6859 Row tag name is only allowed with RAW or PATH mode of FOR XML.
GO
SELECT id FROM dbo.cust FOR XML RAW, XMLDATA, ROOT('r')
-- error: 6860 FOR XML directive XMLDATA is not allowed with ROOT directive or row tag name specified.
GO
SELECT id FROM dbo.cust FOR XML RAW, XMLSCHEMA
-- error: 40508 FOR XML XMLSCHEMA (an inline schema) is not supported.
GO
SELECT id FROM dbo.cust FOR XML AUTO, XMLSCHEMA('')
-- error: 6862 Empty FOR XML target inline schema URI is not allowed.
GO
SELECT id FROM dbo.cust FOR XML RAW(''), ELEMENTS, XMLSCHEMA('urn:x')
-- error: 6863 Row tag omission (empty row tag name) is not compatible with XMLSCHEMA FOR XML directive.
GO
SELECT id FROM dbo.cust FOR XML RAW('')
-- error: 6864 Row tag omission (empty row tag name) cannot be used with attribute-centric FOR XML serialization.
GO
SELECT id FROM dbo.cust FOR XML RAW, ROOT('')
-- error: 6861 Empty root tag name can't be specified with FOR XML.
GO
DROP TABLE dbo.xd
GO
-- AUTO: expressions before the first table column go on that table's element
CREATE TABLE dbo.pp (id int, nm nvarchar(20))
CREATE TABLE dbo.cc (id int, pid int, cnm nvarchar(20))
INSERT dbo.pp VALUES (1, N'alpha'), (2, N'beta')
INSERT dbo.cc VALUES (10, 1, N'a1'), (11, 1, N'a2'), (12, 2, N'b1')
GO
SELECT p.nm + 'X' AS calc, p.id, c.cnm FROM dbo.pp AS p JOIN dbo.cc AS c ON c.pid = p.id ORDER BY p.id, c.id FOR XML AUTO
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <p calc="alphaX" id="1"><c cnm="a1"/><c cnm="a2"/></p><p calc="betaX" id="2"><c cnm="b1"/></p>
GO
SELECT 'lit' AS k, c.cnm, p.nm FROM dbo.pp AS p JOIN dbo.cc AS c ON c.pid = p.id ORDER BY c.id FOR XML AUTO
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <c k="lit" cnm="a1"><p nm="alpha"/></c><c k="lit" cnm="a2"><p nm="alpha"/></c><c k="lit" cnm="b1"><p nm="beta"/></c>
GO
SELECT p.id, c.cnm, p.nm + 'X' AS calc FROM dbo.pp AS p JOIN dbo.cc AS c ON c.pid = p.id WHERE p.id = 1 ORDER BY c.id FOR XML AUTO, ELEMENTS
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <p><id>1</id><c><cnm>a1</cnm><calc>alphaX</calc></c><c><cnm>a2</cnm><calc>alphaX</calc></c></p>
GO
-- an xml column (here a nested TYPE query) is not comparable: its element is never shared
SELECT p.id, (SELECT c2.id AS [@cid] FROM dbo.cc AS c2 WHERE c2.pid = p.id ORDER BY c2.id FOR XML PATH('k'), TYPE) AS kids, c.cnm FROM dbo.pp AS p JOIN dbo.cc AS c ON c.pid = p.id WHERE p.id = 1 ORDER BY c.id FOR XML AUTO
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <p id="1"><kids><k cid="10"/><k cid="11"/></kids><c cnm="a1"/></p><p id="1"><kids><k cid="10"/><k cid="11"/></kids><c cnm="a2"/></p>
GO
DROP TABLE dbo.pp, dbo.cc
GO
-- a FOR clause on a SELECT whose rows do not go to the client is refused; nested it is not
DECLARE @x nvarchar(max)
SELECT @x = name FROM dbo.cust FOR XML RAW
-- error: 6819 The FOR XML clause is not allowed in a ASSIGNMENT statement.
GO
SELECT id INTO #fx FROM dbo.cust FOR XML RAW
-- error: 6819 The FOR XML clause is not allowed in a SELECT INTO statement.
GO
CREATE TABLE #fy (x nvarchar(max))
INSERT #fy SELECT id FROM dbo.cust FOR XML RAW
-- error: 6819 The FOR XML clause is not allowed in a INSERT statement.
GO
INSERT #fy SELECT id FROM dbo.cust FOR JSON PATH
-- error: 13602 The FOR JSON clause is not allowed in a INSERT statement.
GO
INSERT #fy SELECT (SELECT id FROM dbo.cust ORDER BY id FOR XML RAW)
DECLARE @y nvarchar(max)
SET @y = (SELECT id FROM dbo.cust WHERE id = 1 FOR XML RAW)
SELECT x, @y AS y FROM #fy
-- expect: x | y
-- <row id="1"/><row id="2"/><row id="3"/> | <row id="1"/>
GO
-- an element cannot carry one attribute twice
SELECT id, id FROM dbo.cust FOR XML RAW
-- error: 6810 Column name 'id' is repeated. The same attribute cannot be generated more than once on the same XML tag.
GO
SELECT id, id FROM dbo.cust FOR XML RAW, ELEMENTS
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row><id>1</id><id>1</id></row><row><id>2</id><id>2</id></row><row><id>3</id><id>3</id></row>
GO
SELECT id AS [@a], name AS [@a] FROM dbo.cust FOR XML PATH
-- error: 6810 Column name '@a' is repeated. The same attribute cannot be generated more than once on the same XML tag.
GO
DROP TABLE dbo.cust, dbo.ord
GO
-- xml takes no + : with a string it is 402, with itself 8117 (CAST the xml to nvarchar first)
DECLARE @x xml = (SELECT 1 AS a FOR XML RAW, TYPE)
SELECT N'<r>' + @x
-- error: 402 The data types nvarchar and xml are incompatible in the add operator.
GO
SELECT N'<r>' + (SELECT 1 AS a FOR XML RAW, TYPE) + N'</r>'
-- error: 402 The data types nvarchar and xml are incompatible in the add operator.
GO
DECLARE @x xml = N'<a/>'
SELECT @x + @x
-- error: 8117 Operand data type xml is invalid for add operator.
GO
DECLARE @x xml = N'<a/>'
SELECT N'<r>' + CAST(@x AS nvarchar(max)) + N'</r>' AS r
-- expect: r
-- <r><a/></r>
GO

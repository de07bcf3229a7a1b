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
DROP TABLE dbo.cust, dbo.ord
GO

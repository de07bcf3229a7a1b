-- FOR XML EXPLICIT: the universal table (Tag, Parent, ElementName!Tag!Attribute!Directive)
-- shaped into nested elements, with the examples of SQL Server's "Use EXPLICIT Mode" pages
-- on small tables of the same shape.
CREATE TABLE dbo.emp (id int PRIMARY KEY)
CREATE TABLE dbo.person (id int PRIMARY KEY, first nvarchar(20), last nvarchar(20))
INSERT dbo.emp VALUES (1), (2)
INSERT dbo.person VALUES (1, N'Ken', N'Sánchez'), (2, N'Terri', N'Duffy')
GO
-- Example: retrieving employee information (attributes; parents sorted before children)
SELECT 1 AS Tag, NULL AS Parent, E.id AS [Employee!1!EmpID], NULL AS [Name!2!FName], NULL AS [Name!2!LName]
FROM dbo.emp AS E JOIN dbo.person AS P ON E.id = P.id
UNION ALL
SELECT 2 AS Tag, 1 AS Parent, E.id, P.first, P.last
FROM dbo.emp AS E JOIN dbo.person AS P ON E.id = P.id
ORDER BY [Employee!1!EmpID], [Name!2!FName]
FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <Employee EmpID="1"><Name FName="Ken" LName="Sánchez"/></Employee><Employee EmpID="2"><Name FName="Terri" LName="Duffy"/></Employee>
GO
-- Example: the ELEMENT directive, and ROOT
SELECT 1 AS Tag, NULL AS Parent, E.id AS [Employee!1!EmpID], NULL AS [Name!2!FName!ELEMENT], NULL AS [Name!2!LName!ELEMENT]
FROM dbo.emp AS E JOIN dbo.person AS P ON E.id = P.id
UNION ALL
SELECT 2, 1, E.id, P.first, P.last
FROM dbo.emp AS E JOIN dbo.person AS P ON E.id = P.id
ORDER BY [Employee!1!EmpID], [Name!2!FName!ELEMENT]
FOR XML EXPLICIT, ROOT('Employees')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <Employees><Employee EmpID="1"><Name><FName>Ken</FName><LName>Sánchez</LName></Name></Employee><Employee EmpID="2"><Name><FName>Terri</FName><LName>Duffy</LName></Name></Employee></Employees>
GO
-- Example: the CDATA directive (no attribute name: the element's content)
SELECT 1 AS Tag, 0 AS Parent, 19 AS [ProductModel!1!ProdModelID], 'Mountain-100' AS [ProductModel!1!Name],
       '<Summary>This is summary description</Summary>' AS [ProductModel!1!!CDATA]
FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <ProductModel ProdModelID="19" Name="Mountain-100"><![CDATA[<Summary>This is summary description</Summary>]]></ProductModel>
GO
-- Example: the XMLTEXT directive — the overflow's attributes join the element's, those it declares win (even when NULL)
CREATE TABLE dbo.overflow_person (PersonID varchar(5), PersonName varchar(20) NULL, Overflow nvarchar(200))
INSERT dbo.overflow_person VALUES ('P1', 'Joe', N'<SomeTag attr1="data">content</SomeTag>'),
  ('P2', 'Joe', N'<SomeTag attr2="data"/>'), ('P3', NULL, N'<SomeTag attr3="data" PersonName="P">content</SomeTag>')
GO
SELECT 1 AS Tag, NULL AS parent, PersonID AS [Parent!1!PersonID], PersonName AS [Parent!1!PersonName],
       Overflow AS [Parent!1!!XMLTEXT]
FROM dbo.overflow_person ORDER BY PersonID
FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <Parent PersonID="P1" PersonName="Joe" attr1="data">content</Parent><Parent PersonID="P2" PersonName="Joe" attr2="data"></Parent><Parent PersonID="P3" attr3="data">content</Parent>
GO
SELECT 1 AS Tag, NULL AS parent, PersonID AS [Parent!1!PersonID], Overflow AS [Parent!1!overflow!XMLTEXT]
FROM dbo.overflow_person WHERE PersonID < 'P3' ORDER BY PersonID
FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <Parent PersonID="P1"><overflow attr1="data">content</overflow></Parent><Parent PersonID="P2"><overflow attr2="data"/></Parent>
GO
-- Example: siblings — order details and the sales person both under the order; HIDE keeps a sort column out
CREATE TABLE dbo.so (id int, person int)
CREATE TABLE dbo.sod (so int, product int, qty int)
INSERT dbo.so VALUES (43659, 279), (43661, 282)
INSERT dbo.sod VALUES (43659, 776, 1), (43659, 777, 3), (43661, 745, 1)
GO
SELECT 1 AS Tag, NULL AS Parent, id AS [SalesOrder!1!SalesOrderID], NULL AS [SalesPerson!2!SalesPersonID],
       NULL AS [OrderDetail!3!ProductID], NULL AS [OrderDetail!3!OrderQty], id AS [SalesOrder!1!sort!hide]
FROM dbo.so
UNION ALL
SELECT 2, 1, id, person, NULL, NULL, id FROM dbo.so
UNION ALL
SELECT 3, 1, s.id, NULL, d.product, d.qty, s.id FROM dbo.so AS s JOIN dbo.sod AS d ON d.so = s.id
ORDER BY [SalesOrder!1!sort!hide], Tag, [OrderDetail!3!ProductID]
FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <SalesOrder SalesOrderID="43659"><SalesPerson SalesPersonID="279"/><OrderDetail ProductID="776" OrderQty="1"/><OrderDetail ProductID="777" OrderQty="3"/></SalesOrder><SalesOrder SalesOrderID="43661"><SalesPerson SalesPersonID="282"/><OrderDetail ProductID="745" OrderQty="1"/></SalesOrder>
GO
-- Example: ELEMENTXSINIL — a NULL is an element with xsi:nil, the namespace on each top-level element
SELECT 1 AS Tag, NULL AS Parent, id AS [Person!1!id], CASE WHEN id = 1 THEN NULL ELSE last END AS [Person!1!last!ELEMENTXSINIL]
FROM dbo.person ORDER BY id
FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <Person xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="1"><last xsi:nil="true"/></Person><Person xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="2"><last>Duffy</last></Person>
GO
-- text content, escaping, the xml directive (unescaped), ID/IDREF as plain attributes without XMLDATA
SELECT 1 AS Tag, NULL AS Parent, 'a & b' AS [e!1], 'x"y' AS [e!1!q], '<b>raw</b>' AS [e!1!r!xml], 7 AS [e!1!k!id], 'a]]>b' AS [e!1!c!cdata]
FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <e q="x&quot;y" k="7">a &amp; b<r><b>raw</b></r><c><![CDATA[a]]]><![CDATA[]>b]]></c></e>
GO
-- TYPE returns xml; nested as a column it is a subelement
SELECT 1 AS Tag, NULL AS Parent, 5 AS [outer!1!n],
       (SELECT 1 AS Tag, NULL AS Parent, 9 AS [i!1!v] FOR XML EXPLICIT, TYPE) AS [outer!1!inner]
FOR XML EXPLICIT, TYPE
-- expect: -
-- <outer n="5"><inner><i v="9"/></inner></outer>
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a] WHERE 1 = 0 FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a] WHERE 1 = 0 FOR XML EXPLICIT, TYPE
-- expect: -
-- NULL
GO
-- the universal table's shape: SQL Server's errors
SELECT 1 AS Tag, 1 AS [e!1!a] FOR XML EXPLICIT
-- error: 6801 FOR XML EXPLICIT requires at least three columns, including the tag column, the parent column, and at least one data column.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS plaincol FOR XML EXPLICIT
-- error: 6802 FOR XML EXPLICIT query contains the invalid column name 'plaincol'. Use the TAGNAME!TAGID!ATTRIBUTENAME[!..] format where TAGID is a positive integer.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!0!a] FOR XML EXPLICIT
-- error: 6802 FOR XML EXPLICIT query contains the invalid column name 'e!0!a'. Use the TAGNAME!TAGID!ATTRIBUTENAME[!..] format where TAGID is a positive integer.
GO
SELECT CAST(1 AS bigint) AS Tag, NULL AS Parent, 1 AS [e!1!a] FOR XML EXPLICIT
-- error: 6803 FOR XML EXPLICIT requires the first column to hold positive integers that represent XML tag IDs.
GO
SELECT 0 AS Tag, NULL AS Parent, 1 AS [e!1!a] FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6803 FOR XML EXPLICIT requires the first column to hold positive integers that represent XML tag IDs.
GO
SELECT 1 AS Tag, -1 AS Parent, 1 AS [e!1!a] FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6804 FOR XML EXPLICIT requires the second column to hold NULL or nonnegative integers that represent XML parent tag IDs.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a] UNION ALL SELECT 2, 1, 2 UNION ALL SELECT 1, 2, 3 FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6806 Undeclared tag ID 2 is used in a FOR XML EXPLICIT query.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a], NULL AS [f!2!b] UNION ALL SELECT 2, 1, NULL, 2 UNION ALL SELECT 1, 2, 3, NULL FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6805 FOR XML EXPLICIT stack overflow occurred. Circular parent tag relationships are not allowed.
GO
SELECT 1 AS Tag, 5 AS Parent, 1 AS [e!1!a] FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6807 Undeclared parent tag ID 5 is used in a FOR XML EXPLICIT query.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a], 2 AS [f!1!b] FOR XML EXPLICIT
-- error: 6812 XML tag ID 1 that was originally declared as 'e' is being redeclared as 'f'.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a!id!idref] FOR XML EXPLICIT
-- error: 6813 FOR XML EXPLICIT cannot combine multiple occurrences of ID, IDREF, IDREFS, NMTOKEN, and/or NMTOKENS in column name 'e!1!a!id!idref'.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!!id] FOR XML EXPLICIT, XMLDATA
-- error: 6814 In the FOR XML EXPLICIT clause, ID, IDREF, IDREFS, NMTOKEN, and NMTOKENS require attribute names in 'e!1!!id'.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a!id!hide] FOR XML EXPLICIT
-- error: 6815 In the FOR XML EXPLICIT clause, ID, IDREF, IDREFS, NMTOKEN, and NMTOKENS attributes cannot be hidden in 'e!1!a!id!hide'.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a!id!cdata] FOR XML EXPLICIT, XMLDATA
-- error: 6816 In the FOR XML EXPLICIT clause, ID, IDREF, IDREFS, NMTOKEN, and NMTOKENS attributes cannot be generated as CDATA, XML, or XMLTEXT in 'e!1!a!id!cdata'.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a!element!cdata] FOR XML EXPLICIT
-- error: 6817 FOR XML EXPLICIT cannot combine multiple occurrences of ELEMENT, XML, XMLTEXT, and CDATA in column name 'e!1!a!element!cdata'.
GO
SELECT NULL AS Parent, 1 AS Tag, 1 AS [e!1!a] FOR XML EXPLICIT
-- error: 6820 FOR XML EXPLICIT requires column 1 to be named 'TAG' instead of 'Parent'.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a!bogus] FOR XML EXPLICIT
-- error: 6824 In the FOR XML EXPLICIT clause, mode 'bogus' in a column name is invalid.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a] FOR XML EXPLICIT, ELEMENTS
-- error: 6825 ELEMENTS option is only allowed in RAW, AUTO, and PATH modes of FOR XML.
GO
SELECT 1 AS Tag, NULL AS Parent, '<a/>' AS [e!1!!xmltext], '<b/>' AS [e!1!x!xmltext] FOR XML EXPLICIT
-- error: 6827 FOR XML EXPLICIT queries allow only one XMLTEXT column per tag. Column 'e!1!x!xmltext' declares another XMLTEXT column that is not permitted.
GO
SELECT 1 AS Tag, NULL AS Parent, 5 AS [e!1!!xmltext] FOR XML EXPLICIT
-- error: 6828 XMLTEXT column 'e!1!!xmltext' must be of a string data type or of type XML.
GO
SELECT 1 AS Tag, NULL AS Parent, CAST(0x01 AS varbinary(4)) AS [e!1!b] FOR XML EXPLICIT
-- error: 6829 FOR XML EXPLICIT and RAW modes currently do not support addressing binary data as URLs in column 'e!1!b'. Remove the column, or use the BINARY BASE64 mode, or create the URL directly using the 'dbobject/TABLE[@PK1="V1"]/@COLUMN' syntax.
GO
SELECT 1 AS Tag, NULL AS Parent, CAST(0x0102 AS varbinary(4)) AS [e!1!b] FOR XML EXPLICIT, BINARY BASE64
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <e b="AQI="/>
GO
-- rows must come parent first: a child before its parent is 6833
SELECT 2 AS Tag, 1 AS Parent, NULL AS [e!1!a], 1 AS [f!2!b] UNION ALL SELECT 1, NULL, 1, NULL FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6833 Parent tag ID 1 is not among the open tags. FOR XML EXPLICIT requires parent tags to be opened first. Check the ordering of the result set.
GO
SELECT 1 AS Tag, NULL AS Parent, 'plain' AS [e!1!ov!xmltext] FOR XML EXPLICIT
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6834 XMLTEXT field 'ov' contains an invalid XML document. Check the root tag and its attributes.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a!hide!hide] FOR XML EXPLICIT
-- error: 6835 FOR XML EXPLICIT field 'e!1!a!hide!hide' can specify the directive HIDE only once.
GO
SELECT 1 AS Tag, NULL AS Parent, CAST('<a/>' AS xml) AS [e!1!!cdata] FOR XML EXPLICIT
-- error: 6843 FOR XML EXPLICIT: XML data types and CLR types cannot be processed as CDATA in column name 'e!1!!cdata'. Consider converting XML to a string type. Consider converting CLR types to XML and then to a string type.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a] FOR XML EXPLICIT('x')
-- error: 6859 Row tag name is only allowed with RAW or PATH mode of FOR XML.
GO
WITH XMLNAMESPACES ('urn:x' AS p) SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a] FOR XML EXPLICIT
-- error: 6868 The following FOR XML features are not supported with WITH XMLNAMESPACES list: EXPLICIT mode, XMLSCHEMA and XMLDATA directives.
GO
SELECT 1 AS Tag, NULL AS Parent, 1 AS [e!1!a] FOR XML EXPLICIT, XMLSCHEMA
-- error: 3625 'Inline XSD for FOR XML EXPLICIT' is not yet implemented.
GO

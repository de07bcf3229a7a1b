-- FOR XML PATH as SQL Server shapes it ("Use PATH Mode with FOR XML"):
-- column names are XPath steps relative to the row element.
CREATE TABLE dbo.emp (id int PRIMARY KEY, first nvarchar(20), middle nvarchar(20) NULL, last nvarchar(20), city nvarchar(20) NULL)
CREATE TABLE dbo.kid (id int PRIMARY KEY, emp int, name nvarchar(20))
CREATE TABLE dbo.doc (id int PRIMARY KEY, body xml NULL, txt nvarchar(40) NULL)
INSERT dbo.emp VALUES (1, N'Ken', NULL, N'Sánchez', N'Redmond'), (2, N'Terri', N'Lee', N'Duffy', NULL)
INSERT dbo.kid VALUES (10, 1, N'a&b'), (11, 1, N'c<d'), (12, 2, N'e"f')
INSERT dbo.doc VALUES (1, N'<a x="1"/>', N'<a/>'), (2, NULL, NULL)
GO
-- the probe: an attribute of the row element and one of a nested element
SELECT id AS '@a', last AS 'c/@d' FROM dbo.emp WHERE id = 1 FOR XML PATH('r')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <r a="1"><c d="Sánchez"/></r>
GO
-- consecutive columns sharing a prefix share its element; NULLs are left out
SELECT id AS [@EmpID], first AS [EmpName/First], middle AS [EmpName/Middle], last AS [EmpName/Last], city AS [Address/City] FROM dbo.emp ORDER BY id FOR XML PATH
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row EmpID="1"><EmpName><First>Ken</First><Last>Sánchez</Last></EmpName><Address><City>Redmond</City></Address></row><row EmpID="2"><EmpName><First>Terri</First><Middle>Lee</Middle><Last>Duffy</Last></EmpName></row>
GO
-- a column with another name in between breaks the grouping
SELECT id AS [@EmpID], first AS [EmpName/First], city AS [Address/City], last AS [EmpName/Last] FROM dbo.emp WHERE id = 1 FOR XML PATH
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row EmpID="1"><EmpName><First>Ken</First></EmpName><Address><City>Redmond</City></Address><EmpName><Last>Sánchez</Last></EmpName></row>
GO
-- ELEMENTS XSINIL: NULL elements with xsi:nil, the namespace on each row element
SELECT id AS [@EmpID], first AS [EmpName/First], middle AS [EmpName/Middle] FROM dbo.emp WHERE id = 1 FOR XML PATH, ELEMENTS XSINIL
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" EmpID="1"><EmpName><First>Ken</First><Middle xsi:nil="true"/></EmpName></row>
GO
-- … on the ROOT element only, or on each top-level element of PATH('')
SELECT id, middle FROM dbo.emp WHERE id = 1 FOR XML PATH('e'), ROOT('all'), ELEMENTS XSINIL
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <all xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><e><id>1</id><middle xsi:nil="true"/></e></all>
GO
SELECT id, middle FROM dbo.emp WHERE id = 1 FOR XML PATH(''), ELEMENTS XSINIL
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <id xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">1</id><middle xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>
GO
-- node tests: text(), comment(), processing-instruction(), a/text()
SELECT id AS [@EmpID], 'a comment' AS [comment()], 'some PI' AS [processing-instruction(PI)], 'Employee' AS [text()], 'middle is optional' AS [EmpName/text()], first AS [EmpName/First] FROM dbo.emp WHERE id = 1 FOR XML PATH
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row EmpID="1"><!--a comment--><?PI some PI?>Employee<EmpName>middle is optional<First>Ken</First></EmpName></row>
GO
-- unnamed columns, * and node() are inlined as text
SELECT id AS [@id], first AS [*], N' ' AS [node()], last, 2 + 2 FROM dbo.emp WHERE id = 1 FOR XML PATH
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row id="1">Ken <last>Sánchez</last>4</row>
GO
-- data(): atomic values separated by a space, also across rows
SELECT (SELECT k.id AS [data()] FROM dbo.kid AS k WHERE k.emp = e.id ORDER BY k.id FOR XML PATH('')) AS [@kids], e.first AS [@name] FROM dbo.emp AS e ORDER BY e.id FOR XML PATH('emp')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <emp kids="10 11" name="Ken"/><emp kids="12" name="Terri"/>
GO
SELECT 'a' AS [text()], 1 AS [data()], 2 AS [data()] FOR XML PATH('r')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <r>a1 2</r>
GO
-- consecutive columns of the same name share one element
SELECT 10 AS x, 20 AS x FOR XML PATH('r')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <r><x>1020</x></r>
GO
-- an element with only attributes, an empty string, an empty row
SELECT 1 AS [a/@b], '' AS c, NULL AS d FOR XML PATH('r')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <r><a b="1"/><c></c></r>
GO
SELECT NULL AS a FOR XML PATH('r')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <r/>
GO
-- xml columns: markup inserted, not escaped; a string column escaped
SELECT id, body, txt FROM dbo.doc ORDER BY id FOR XML PATH('p')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <p><id>1</id><body><a x="1"/></body><txt>&lt;a/&gt;</txt></p><p><id>2</id></p>
GO
SELECT body AS [*] FROM dbo.doc WHERE id = 1 FOR XML PATH('p')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <p><a x="1"/></p>
GO
-- nested FOR XML … TYPE is xml: inserted as elements; without TYPE escaped
SELECT e.id, (SELECT k.name FROM dbo.kid AS k WHERE k.emp = e.id ORDER BY k.id FOR XML PATH('kid'), TYPE) AS kids FROM dbo.emp AS e ORDER BY e.id FOR XML PATH('emp'), ROOT('emps')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <emps><emp><id>1</id><kids><kid><name>a&amp;b</name></kid><kid><name>c&lt;d</name></kid></kids></emp><emp><id>2</id><kids><kid><name>e"f</name></kid></kids></emp></emps>
GO
SELECT e.id AS [@id], (SELECT k.id AS [@kid] FROM dbo.kid AS k WHERE k.emp = e.id ORDER BY k.id FOR XML PATH('k'), TYPE) FROM dbo.emp AS e WHERE e.id = 1 FOR XML PATH('emp')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <emp id="1"><k kid="10"/><k kid="11"/></emp>
GO
SELECT e.id, (SELECT k.name FROM dbo.kid AS k WHERE k.emp = e.id ORDER BY k.id FOR XML PATH('kid')) AS kids FROM dbo.emp AS e WHERE e.id = 1 FOR XML PATH('emp')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <emp><id>1</id><kids>&lt;kid&gt;&lt;name&gt;a&amp;amp;b&lt;/name&gt;&lt;/kid&gt;&lt;kid&gt;&lt;name&gt;c&amp;lt;d&lt;/name&gt;&lt;/kid&gt;</kids></emp>
GO
-- escaping: & < > in text; also " and tab, line feed, carriage return in attributes
SELECT N'a<b>&"''c' + CHAR(9) + CHAR(10) + CHAR(13) AS [@w], N'a<b>&"''c' + CHAR(13) AS v FOR XML PATH('r')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <r w="a&lt;b&gt;&amp;&quot;'c&#x09;&#x0A;&#x0D;"><v>a&lt;b&gt;&amp;"'c&#x0D;</v></r>
GO
-- value formats
SELECT CAST(1 AS bit) AS b, CAST(1.5 AS float) AS f, CAST(1.5 AS real) AS r, CAST(12.34 AS decimal(6,4)) AS d, CAST('2020-01-02T03:04:05.123' AS datetime) AS dt, CAST('2020-01-02' AS date) AS da, CAST(0x0102FF AS varbinary(3)) AS bin, CAST('6f9619ff-8b86-d011-b42d-00c04fc964ff' AS uniqueidentifier) AS g FOR XML PATH('r')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <r><b>1</b><f>1.500000000000000e+000</f><r>1.5000000e+000</r><d>12.3400</d><dt>2020-01-02T03:04:05.123</dt><da>2020-01-02</da><bin>AQL/</bin><g>6F9619FF-8B86-D011-B42D-00C04FC964FF</g></r>
GO
SELECT CAST('03:04:05.1234567' AS time) AS t, CAST('2020-01-02T03:04:05.12+05:30' AS datetimeoffset) AS dto, CAST('2020-01-02 03:04:05.1234567' AS datetime2(7)) AS dt2, CAST('2020-01-02 03:04' AS smalldatetime) AS sdt, CAST(1.5 AS money) AS m, CAST(123 AS bigint) AS bi FOR XML RAW
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row t="03:04:05.1234567" dto="2020-01-02T03:04:05.1200000+05:30" dt2="2020-01-02T03:04:05.1234567" sdt="2020-01-02T03:04:00" m="1.5000" bi="123"/>
GO
-- TYPE: an unnamed xml column; an empty result is one NULL (no row without TYPE)
SELECT id FROM dbo.emp ORDER BY id FOR XML PATH('e'), TYPE
-- expect: -
-- <e><id>1</id></e><e><id>2</id></e>
GO
SELECT id FROM dbo.emp WHERE id > 9 FOR XML PATH('e'), TYPE
-- expect: -
-- NULL
GO
SELECT id FROM dbo.emp WHERE id > 9 FOR XML PATH('e')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
GO
DECLARE @x xml = (SELECT id, first FROM dbo.emp WHERE id = 2 FOR XML PATH('e'), TYPE)
SELECT @x.value('(/e/first)[1]', 'nvarchar(20)') AS first
-- expect: first
-- Terri
GO
-- WITH XMLNAMESPACES: declared on each top-level element (or ROOT), xsi first, then in reverse order
WITH XMLNAMESPACES ('uri1' AS ns1, 'uri2' AS ns2, DEFAULT 'uri2')
SELECT id AS [@ns1:id], first AS [ns2:first], middle FROM dbo.emp ORDER BY id FOR XML PATH('ns1:e'), ELEMENTS XSINIL
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <ns1:e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="uri2" xmlns:ns2="uri2" xmlns:ns1="uri1" ns1:id="1"><ns2:first>Ken</ns2:first><middle xsi:nil="true"/></ns1:e><ns1:e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="uri2" xmlns:ns2="uri2" xmlns:ns1="uri1" ns1:id="2"><ns2:first>Terri</ns2:first><middle>Lee</middle></ns1:e>
GO
WITH XMLNAMESPACES ('uri1' AS ns1)
SELECT id AS [ns1:id] FROM dbo.emp ORDER BY id FOR XML PATH('ns1:e'), ROOT('ns1:all')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <ns1:all xmlns:ns1="uri1"><ns1:e><ns1:id>1</ns1:id></ns1:e><ns1:e><ns1:id>2</ns1:id></ns1:e></ns1:all>
GO
SELECT 'en' AS [English/@xml:lang], 'food' AS English FOR XML PATH('Translation')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <Translation><English xml:lang="en">food</English></Translation>
GO
-- processing instructions and comments are not escaped (sp_WhoIsActive's <?query --…--?>)
SELECT N'--' + CHAR(13) + N'SELECT 1 WHERE 1 < 2' + CHAR(13) + N'--' AS [processing-instruction(query)] FOR XML PATH(''), TYPE
-- expect: -
-- <?query --SELECT 1 WHERE 1 < 2--?>
GO
-- errors SQL Server raises for paths it refuses
SELECT first, id AS [@id] FROM dbo.emp FOR XML PATH
-- error: 6852 Attribute-centric column '@id' must not come after a non-attribute-centric sibling in XML hierarchy in FOR XML PATH.
GO
SELECT first AS [n/a], id AS [n/@id] FROM dbo.emp FOR XML PATH
-- error: 6852 Attribute-centric column 'n/@id' must not come after a non-attribute-centric sibling in XML hierarchy in FOR XML PATH.
GO
SELECT id AS [@id] FROM dbo.emp FOR XML PATH('')
-- error: 6864 Row tag omission (empty row tag name) cannot be used with attribute-centric FOR XML serialization.
GO
SELECT id AS [/a] FROM dbo.emp FOR XML PATH
-- error: 6849 FOR XML PATH error in column '/a' - '//' and leading and trailing '/' are not allowed in simple path expressions.
GO
SELECT id AS [a//b] FROM dbo.emp FOR XML PATH
-- error: 6849 FOR XML PATH error in column 'a//b' - '//' and leading and trailing '/' are not allowed in simple path expressions.
GO
SELECT id AS [a/] FROM dbo.emp FOR XML PATH
-- error: 6849 FOR XML PATH error in column 'a/' - '//' and leading and trailing '/' are not allowed in simple path expressions.
GO
SELECT id AS [a b] FROM dbo.emp FOR XML PATH
-- error: 6850 Column name 'a b' contains an invalid XML identifier as required by FOR XML; ' '(0x0020) is the first character at fault.
GO
SELECT id AS [1a] FROM dbo.emp FOR XML PATH
-- error: 6850 Column name '1a' contains an invalid XML identifier as required by FOR XML; '1'(0x0031) is the first character at fault.
GO
SELECT body AS [@b] FROM dbo.doc FOR XML PATH
-- error: 6851 Column '@b' has invalid data type for attribute-centric XML serialization in FOR XML PATH.
GO
SELECT body AS [text()] FROM dbo.doc FOR XML PATH
-- error: 6853 Column 'text()': the last step in the path can't be applied to XML data type or CLR type in FOR XML PATH.
GO
SELECT id AS [processing-instruction] FROM dbo.emp FOR XML PATH
-- error: 6854 Invalid column alias 'processing-instruction' for formatting column as XML processing instruction in FOR XML PATH - it must be in 'processing-instruction(target)' format.
GO
SELECT id FROM dbo.emp FOR XML PATH('a b')
-- error: 6856 FOR XML row XML tag name contains an invalid XML identifier; ' '(0x0020) is the first character at fault.
GO
SELECT id FROM dbo.emp FOR XML PATH, ROOT('')
-- error: 6861 Empty root tag name can't be specified with FOR XML.
GO
SELECT id FROM dbo.emp FOR XML PATH, ROOT('1x')
-- error: 6857 FOR XML root XML tag name contains an invalid XML identifier; '1'(0x0031) is the first character at fault.
GO
SELECT id FROM dbo.emp FOR XML PATH, XMLSCHEMA
-- error: 6855 Inline schema is not supported with FOR XML PATH.
GO
SELECT CHAR(1) AS c FOR XML PATH
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6841 FOR XML could not serialize the data for node 'c' because it contains a character (0x0001) which is not allowed in XML. To retrieve this data using FOR XML, convert it to binary, varbinary or image data type and use the BINARY BASE64 directive.
GO
SELECT N',' + CHAR(2) FOR XML PATH('')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- error: 6841 FOR XML could not serialize the data for node 'NoName' because it contains a character (0x0002) which is not allowed in XML. To retrieve this data using FOR XML, convert it to binary, varbinary or image data type and use the BINARY BASE64 directive.
GO
DROP TABLE dbo.emp, dbo.kid, dbo.doc
GO
-- a prefix WITH XMLNAMESPACES does not declare is 6846 (the usual 'xsi:nil' column mistake)
SELECT 'true' AS [@xsi:nil] FOR XML PATH('x')
-- error: 6846 XML name space prefix 'xsi' declaration is missing for FOR XML column name '@xsi:nil'.
GO
SELECT 1 AS a FOR XML PATH('p:row')
-- error: 6846 XML name space prefix 'p' declaration is missing for FOR XML row name 'p:row'.
GO
SELECT 1 AS a FOR XML RAW, ROOT('p:r')
-- error: 6846 XML name space prefix 'p' declaration is missing for FOR XML root name 'p:r'.
GO
WITH XMLNAMESPACES ('urn:p' AS p) SELECT 1 AS [p:a] FOR XML PATH('p:row')
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <p:row xmlns:p="urn:p"><p:a>1</p:a></p:row>
GO
-- WITH XMLNAMESPACES' own errors
WITH XMLNAMESPACES ('urn:a' AS p, 'urn:b' AS p) SELECT 1 AS a FOR XML PATH
-- error: 6869 Attempt to redefine namespace prefix 'p'
GO
WITH XMLNAMESPACES (DEFAULT 'urn:a', DEFAULT 'urn:b') SELECT 1 AS a FOR XML PATH
-- error: 6869 Attempt to redefine namespace prefix 'default'
GO
WITH XMLNAMESPACES ('urn:a' AS [p.1-]) SELECT 1 AS a FOR XML PATH
-- expect: XML_F52E2B61-18A1-11d1-B105-00805F49916B
-- <row xmlns:p.1-="urn:a"><a>1</a></row>
GO
WITH XMLNAMESPACES ('urn:a' AS [1p]) SELECT 1 AS a FOR XML PATH
-- error: 6870 Prefix '1p' used in WITH XMLNAMESPACES clause contains an invalid XML identifier. '1'(0x0031) is the first character at fault.
GO
WITH XMLNAMESPACES ('urn:a' AS xmlns) SELECT 1 AS a FOR XML PATH
-- error: 6871 Prefix 'xmlns' used in WITH XMLNAMESPACES is reserved and cannot be used as a user-defined prefix.
GO
WITH XMLNAMESPACES ('urn:a' AS xml) SELECT 1 AS a FOR XML PATH
-- error: 6872 XML namespace prefix 'xml' can only be associated with the URI http://www.w3.org/XML/1998/namespace. This URI cannot be used with other prefixes.
GO
WITH XMLNAMESPACES ('urn:a' AS xsi) SELECT 1 AS a FOR XML RAW, ELEMENTS XSINIL
-- error: 6873 Redefinition of 'xsi' XML namespace prefix is not supported with ELEMENTS XSINIL option of FOR XML.
GO
WITH XMLNAMESPACES ('' AS p) SELECT 1 AS a FOR XML PATH
-- error: 6874 Empty URI is not allowed in WITH XMLNAMESPACES clause.
GO
WITH XMLNAMESPACES ('urn:a' AS p) SELECT 1 AS a FOR XML RAW, XMLSCHEMA
-- error: 6868 The following FOR XML features are not supported with WITH XMLNAMESPACES list: EXPLICIT mode, XMLSCHEMA and XMLDATA directives.
GO

-- OPENXML over documents sp_xml_preparedocument parsed: row patterns, flags 1/2/3,
-- column patterns, WITH table, the edge table, metaproperties, and the handle errors.
-- The examples are those of SQL Server's "Examples: Use OPENXML" page.
DECLARE @h int
DECLARE @doc nvarchar(1000) = N'<ROOT>
<Customer CustomerID="VINET" ContactName="Paul Henriot">
   <Order OrderID="10248" CustomerID="VINET" EmployeeID="5" OrderDate="1996-07-04T00:00:00">
      <OrderDetail ProductID="11" Quantity="12"/>
      <OrderDetail ProductID="42" Quantity="10"/>
   </Order>
</Customer>
<Customer CustomerID="LILAS" ContactName="Carlos Gonzalez">
   <Order OrderID="10283" CustomerID="LILAS" EmployeeID="3" OrderDate="1996-08-16T00:00:00">
      <OrderDetail ProductID="72" Quantity="3"/>
   </Order>
</Customer>
</ROOT>'
EXEC sp_xml_preparedocument @h OUTPUT, @doc
-- A. attribute-centric (flags 1)
SELECT * FROM OPENXML (@h, '/ROOT/Customer', 1) WITH (CustomerID varchar(10), ContactName varchar(20))
-- element-centric finds no subelements: NULLs
SELECT * FROM OPENXML (@h, '/ROOT/Customer', 2) WITH (CustomerID varchar(10), ContactName varchar(20))
-- B. column patterns relative to the row: the parent's attributes, typed
SELECT * FROM OPENXML (@h, '/ROOT/Customer/Order/OrderDetail', 2)
WITH (OrderID int '../@OrderID', CustomerID varchar(10) '../@CustomerID', OrderDate datetime '../@OrderDate',
      ProdID int '@ProductID', Qty int '@Quantity')
-- G. a row pattern ending in an attribute
SELECT * FROM OPENXML (@h, '/ROOT/Customer/Order/OrderDetail/@ProductID')
WITH (ProdID int '.', Qty int '../@Quantity', OID int '../../@OrderID')
-- F. the edge table: counting and naming nodes
SELECT count(*) AS customers FROM OPENXML(@h, '/') WHERE localname = 'Customer'
SELECT DISTINCT localname FROM OPENXML(@h, '/') WHERE nodetype = 1 ORDER BY localname
EXEC sp_xml_removedocument @h
-- expect: CustomerID | ContactName
-- VINET | Paul Henriot
-- LILAS | Carlos Gonzalez
-- expect: CustomerID | ContactName
-- NULL | NULL
-- NULL | NULL
-- expect: OrderID | CustomerID | OrderDate | ProdID | Qty
-- 10248 | VINET | 1996-07-04 00:00:00.000 | 11 | 12
-- 10248 | VINET | 1996-07-04 00:00:00.000 | 42 | 10
-- 10283 | LILAS | 1996-08-16 00:00:00.000 | 72 | 3
-- expect: ProdID | Qty | OID
-- 11 | 12 | 10248
-- 42 | 10 | 10248
-- 72 | 3 | 10283
-- expect: customers
-- 2
-- expect: localname
-- Customer
-- Order
-- OrderDetail
-- ROOT
GO
-- C. flags 3: the attribute first, else the subelement; D. text() is the element's first text
DECLARE @h int
EXEC sp_xml_preparedocument @h OUTPUT, N'<root>
  <Customer cid="C1" name="Janine"><city>Issaquah</city>
      <Order oid="O1" date="1/20/1996" amount="3.5" />
      <Order oid="O2" date="4/30/1997" amount="13.4">Customer was very satisfied</Order>
  </Customer>
  <Customer cid="C2" name="Ursula"><city>Oelde</city>
      <Order oid="O3" date="7/14/1999" amount="100"><Urgency>Important</Urgency>Happy Customer.</Order>
  </Customer>
</root>'
SELECT * FROM OPENXML (@h, '/root/Customer', 3) WITH (cid char(2), city varchar(20))
SELECT * FROM OPENXML (@h, '/root/Customer/Order', 1) WITH (oid char(5), amount float, comment ntext 'text()')
SELECT oid, urgency FROM OPENXML (@h, '//Order', 2) WITH (oid char(2) '@oid', urgency varchar(20) 'Urgency') AS o WHERE urgency IS NOT NULL
EXEC sp_xml_removedocument @h
-- expect: cid | city
-- C1 | Issaquah
-- C2 | Oelde
-- expect: oid | amount | comment
-- O1    | 3.5 | NULL
-- O2    | 13.4 | Customer was very satisfied
-- O3    | 100 | Happy Customer.
-- expect: oid | urgency
-- O3 | Important
GO
-- E. WITH a table name: that table's columns are the schema; INSERT … SELECT shreds into it
CREATE TABLE dbo.T1 (oid char(5), date datetime, amount float)
GO
DECLARE @h int
EXEC sp_xml_preparedocument @h OUTPUT, N'<root><Customer cid="C1"><Order oid="O1" date="1/20/1996" amount="3.5"/><Order oid="O2" date="4/30/1997" amount="13.4"/></Customer></root>'
INSERT dbo.T1 SELECT * FROM OPENXML (@h, '/root/Customer/Order', 1) WITH dbo.T1
EXEC sp_xml_removedocument @h
SELECT oid, date, amount FROM dbo.T1 ORDER BY oid
-- expect: oid | date | amount
-- O1    | 1996-01-20 00:00:00.000 | 3.5
-- O2    | 1997-04-30 00:00:00.000 | 13.4
GO
-- the edge table's columns, and metaproperties; an xml column takes markup; flag 8 leaves consumed data out of @mp:xmltext
DECLARE @h int
DECLARE @x xml = '<Root><row id="1"><lname>Duffy</lname><Address><City>Seattle</City></Address></row></Root>'
EXEC sp_xml_preparedocument @h OUTPUT, @x
SELECT id, parentid, nodetype, localname, prefix, namespaceuri, datatype, prev, CAST(text AS nvarchar(20)) AS text FROM OPENXML(@h, '/Root/row') ORDER BY id
SELECT * FROM OPENXML (@h, '/Root/row', 10) WITH (id int '@id', lname varchar(30), xmlname xml 'lname', OverFlow xml '@mp:xmltext')
SELECT * FROM OPENXML (@h, '/Root/row/lname', 2) WITH (nid bigint '@mp:id', parent bigint '@mp:parentid', name nvarchar(10) '@mp:localname', pname nvarchar(10) '@mp:parentlocalname')
EXEC sp_xml_removedocument @h
-- expect: id | parentid | nodetype | localname | prefix | namespaceuri | datatype | prev | text
-- 1 | 0 | 1 | row | NULL | NULL | NULL | NULL | NULL
-- 2 | 1 | 2 | id | NULL | NULL | NULL | NULL | NULL
-- 3 | 2 | 3 | #text | NULL | NULL | NULL | NULL | 1
-- 4 | 1 | 1 | lname | NULL | NULL | NULL | NULL | NULL
-- 5 | 4 | 3 | #text | NULL | NULL | NULL | NULL | Duffy
-- 6 | 1 | 1 | Address | NULL | NULL | NULL | 4 | NULL
-- 7 | 6 | 1 | City | NULL | NULL | NULL | NULL | NULL
-- 8 | 7 | 3 | #text | NULL | NULL | NULL | NULL | Seattle
-- expect: id | lname | xmlname | OverFlow
-- 1 | Duffy | <lname>Duffy</lname> | <row><Address><City>Seattle</City></Address></row>
-- expect: nid | parent | name | pname
-- 4 | 1 | lname | row
GO
-- namespaces for the patterns come from the third argument
DECLARE @h int
EXEC sp_xml_preparedocument @h OUTPUT, N'<root xmlns:a="urn:1"><a:Elem abar="asdf">T<a>a</a>U</a:Elem></root>', '<ns xmlns:b="urn:1" />'
SELECT * FROM OPENXML(@h, '/root/b:Elem') WITH (Col1 varchar(20) 'text()', abar varchar(10))
EXEC sp_xml_removedocument @h
-- expect: Col1 | abar
-- T | asdf
GO
-- handles belong to the session and stay valid across batches until removed
DECLARE @h int
EXEC sp_xml_preparedocument @h OUTPUT, N'<r><i v="1"/><i v="2"/></r>'
SELECT CASE WHEN @h > 0 THEN 1 END AS handle_is_positive
CREATE TABLE #h (h int)
INSERT #h VALUES (@h)
-- expect: handle_is_positive
-- 1
GO
DECLARE @h int = (SELECT h FROM #h)
SELECT v FROM OPENXML(@h, '/r/i') WITH (v int) ORDER BY v DESC
EXEC sp_xml_removedocument @h
-- expect: v
-- 2
-- 1
GO
DECLARE @h int = (SELECT h FROM #h)
SELECT v FROM OPENXML(@h, '/r/i') WITH (v int)
-- expect: v
-- error: 6607 OPENXML: The value supplied for parameter number 1 is invalid.
GO
EXEC sp_xml_removedocument 12345
-- error: 6607 sp_xml_removedocument: The value supplied for parameter number 1 is invalid.
GO
DECLARE @h int
EXEC sp_xml_preparedocument @h OUTPUT, N'<a><b></a>'
-- error: 6602 The error description is 'XML syntax error on line 1: element <b> closed by </a>'.
GO
DECLARE @h int
EXEC sp_xml_preparedocument @h OUTPUT, N'<a/>'
SELECT * FROM OPENXML(@h, '/a[', 1) WITH (x int)
-- expect: x
-- error: 6603 XML parsing error: expression must evaluate to a node-set
GO
-- an nvarchar document may declare utf-16 (as .NET's serializers write it): the text is already decoded
DECLARE @h int
EXEC sp_xml_preparedocument @h OUTPUT, N'<?xml version="1.0" encoding="utf-16"?><r><i v="é1"/></r>'
SELECT v FROM OPENXML(@h, '/r/i') WITH (v nvarchar(5))
EXEC sp_xml_removedocument @h
DECLARE @x xml = N'<?xml version="1.0" encoding="utf-16"?><r a="1"/>'
SELECT @x.value('(/r/@a)[1]', 'int') AS a
-- expect: v
-- é1
-- expect: a
-- 1
GO

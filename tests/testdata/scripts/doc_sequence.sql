-- Documented examples of CREATE SEQUENCE, NEXT VALUE FOR,
-- sp_sequence_get_range and sys.sequences
-- (learn.microsoft.com/sql/t-sql/statements/create-sequence-transact-sql,
-- functions/next-value-for-transact-sql,
-- system-stored-procedures/sp-sequence-get-range-transact-sql,
-- system-catalog-views/sys-sequences-transact-sql). The Person rows are our own.
CREATE SCHEMA Test
GO
-- CREATE SEQUENCE A to D: increasing, decreasing, by 5, from a number
CREATE SEQUENCE Test.CountBy1 START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE Test.CountByNeg1 START WITH 0 INCREMENT BY -1;
CREATE SEQUENCE Test.CountBy5 START WITH 5 INCREMENT BY 5;
CREATE SEQUENCE Test.ID_Seq START WITH 24329 INCREMENT BY 1;
GO
SELECT NEXT VALUE FOR Test.CountBy1 AS FirstUse;
SELECT NEXT VALUE FOR Test.CountBy1 AS SecondUse;
SELECT NEXT VALUE FOR Test.CountByNeg1 AS a, NEXT VALUE FOR Test.CountBy5 AS b, NEXT VALUE FOR Test.ID_Seq AS c;
SELECT NEXT VALUE FOR Test.CountByNeg1 AS a, NEXT VALUE FOR Test.CountBy5 AS b, NEXT VALUE FOR Test.ID_Seq AS c;
-- expect: FirstUse
-- 1
-- expect: SecondUse
-- 2
-- expect: a | b | c
-- 0 | 5 | 24329
-- expect: a | b | c
-- -1 | 10 | 24330
GO
-- CREATE SEQUENCE E. The defaults, as sys.sequences shows them
CREATE SEQUENCE Test.TestSequence;
GO
SELECT CAST(start_value AS bigint) AS start_value, CAST(increment AS bigint) AS increment,
  CAST(minimum_value AS bigint) AS minimum_value, CAST(maximum_value AS bigint) AS maximum_value,
  is_cycling, is_cached, CAST(current_value AS bigint) AS current_value, TYPE_NAME(system_type_id) AS type,
  is_exhausted
FROM sys.sequences WHERE name = 'TestSequence';
-- expect: start_value | increment | minimum_value | maximum_value | is_cycling | is_cached | current_value | type | is_exhausted
-- -9223372036854775808 | 1 | -9223372036854775808 | 9223372036854775807 | 0 | 1 | -9223372036854775808 | bigint | 0
GO
-- sys.sequences: NO CACHE is is_cached 0; CACHE without a size, or the
-- default, has no cache_size
CREATE SEQUENCE Test.NoCacheSeq AS int NO CACHE;
CREATE SEQUENCE Test.CacheSeq AS tinyint CACHE;
GO
SELECT name, is_cached, cache_size, TYPE_NAME(system_type_id) AS type, [precision], last_used_value
FROM sys.sequences WHERE name IN ('NoCacheSeq', 'CacheSeq', 'TestSequence') ORDER BY name;
-- expect: name | is_cached | cache_size | type | precision | last_used_value
-- CacheSeq | 1 | NULL | tinyint | 3 | NULL
-- NoCacheSeq | 0 | NULL | int | 10 | NULL
-- TestSequence | 1 | NULL | bigint | 19 | NULL
GO
-- CREATE SEQUENCE F. A specific data type: smallint starts at its minimum
CREATE SEQUENCE Test.SmallSeq AS smallint;
GO
SELECT NEXT VALUE FOR Test.SmallSeq AS v, SQL_VARIANT_PROPERTY(NEXT VALUE FOR Test.SmallSeq, 'BaseType') AS t;
-- expect: v | t
-- -32768 | smallint
GO
-- CREATE SEQUENCE G. All the arguments: a decimal sequence that cycles to MINVALUE
CREATE SEQUENCE Test.DecSeq
    AS decimal(3,0)
    START WITH 125
    INCREMENT BY 25
    MINVALUE 100
    MAXVALUE 200
    CYCLE
    CACHE 3;
GO
SELECT NEXT VALUE FOR Test.DecSeq;
-- expect: -
-- 125
GO
SELECT NEXT VALUE FOR Test.DecSeq AS v;
-- expect: v
-- 200
GO 3
SELECT NEXT VALUE FOR Test.DecSeq AS v;
SELECT NEXT VALUE FOR Test.DecSeq AS v;
SELECT CAST(current_value AS int) AS current_value, is_cycling, is_cached, cache_size, TYPE_NAME(system_type_id) AS type,
  [precision], scale FROM sys.sequences WHERE name = 'DecSeq';
-- expect: v
-- 100
-- expect: v
-- 125
-- expect: current_value | is_cycling | is_cached | cache_size | type | precision | scale
-- 125 | 1 | 1 | 3 | decimal | 3 | 0
GO
-- NEXT VALUE FOR B: in a variable, C: with OVER in a SELECT, D: in INSERT
-- … SELECT, E: in a DEFAULT constraint, F: in SELECT INTO
CREATE SCHEMA Person
GO
CREATE TABLE Person.Person (BusinessEntityID int PRIMARY KEY, FirstName nvarchar(50), LastName nvarchar(50))
INSERT Person.Person VALUES (1, N'Syed', N'Abbas'), (2, N'Catherine', N'Abel'), (3, N'Kim', N'Abercrombie'), (4, N'Zz', N'Zeta')
CREATE SEQUENCE Test.CountBy1b START WITH 1 INCREMENT BY 1;
GO
DECLARE @myvar1 BIGINT = NEXT VALUE FOR Test.CountBy1b;
DECLARE @myvar2 BIGINT ;
DECLARE @myvar3 BIGINT ;
SET @myvar2 = NEXT VALUE FOR Test.CountBy1b ;
SELECT @myvar3 = NEXT VALUE FOR Test.CountBy1b ;
SELECT @myvar1 AS myvar1, @myvar2 AS myvar2, @myvar3 AS myvar3 ;
-- expect: myvar1 | myvar2 | myvar3
-- 1 | 2 | 3
GO
SELECT NEXT VALUE FOR Test.CountBy1b OVER (ORDER BY LastName) AS ListNumber,
    FirstName, LastName
FROM Person.Person
WHERE LastName LIKE 'Ab%' ORDER BY ListNumber;
-- expect: ListNumber | FirstName | LastName
-- 4 | Syed | Abbas
-- 5 | Catherine | Abel
-- 6 | Kim | Abercrombie
GO
-- The OVER order, not the query's, numbers the rows; the sequence goes on
-- after the last value they took.
SELECT NEXT VALUE FOR Test.CountBy1b OVER (ORDER BY LastName DESC) AS n, LastName
FROM Person.Person WHERE LastName LIKE 'Ab%' ORDER BY LastName;
SELECT NEXT VALUE FOR Test.CountBy1b AS next_one;
-- expect: n | LastName
-- 9 | Abbas
-- 8 | Abel
-- 7 | Abercrombie
-- expect: next_one
-- 10
GO
-- The NEXT VALUE FOR page's limitations: not in a query with TOP or OFFSET
-- (11739), and no value is taken for the refused query.
SELECT TOP (1) NEXT VALUE FOR Test.CountBy1b OVER (ORDER BY LastName) AS n
FROM Person.Person WHERE LastName LIKE 'Ab%';
-- error: 11739 NEXT VALUE FOR function cannot be used if ROWCOUNT option has been set, or the query contains TOP or OFFSET.
GO
SELECT NEXT VALUE FOR Test.CountBy1b AS n FROM Person.Person
WHERE LastName LIKE 'Ab%' ORDER BY LastName OFFSET 1 ROWS;
-- error: 11739 NEXT VALUE FOR function cannot be used if ROWCOUNT option has been set, or the query contains TOP or OFFSET.
GO
-- … nor with SET ROWCOUNT in force.
SET ROWCOUNT 1;
SELECT NEXT VALUE FOR Test.CountBy1b AS n FROM Person.Person
WHERE LastName LIKE 'Ab%';
-- error: 11739 NEXT VALUE FOR function cannot be used if ROWCOUNT option has been set, or the query contains TOP or OFFSET.
GO
SET ROWCOUNT 0;
GO
SELECT NEXT VALUE FOR Test.CountBy1b AS next_one;
-- expect: next_one
-- 11
GO
CREATE TABLE Test.TestTable
     (CounterColumn int PRIMARY KEY,
    Name nvarchar(25) NOT NULL) ;
CREATE SEQUENCE Test.CountBy1c START WITH 1 INCREMENT BY 1 ;
GO
-- (CountBy1c is a sequence of its own: C took CountBy1b's 4 to 6)
INSERT Test.TestTable (CounterColumn,Name)
    VALUES (NEXT VALUE FOR Test.CountBy1c, 'Syed') ;
SELECT * FROM Test.TestTable;
-- expect: CounterColumn | Name
-- 1 | Syed
GO
CREATE TABLE Test.MyTable
(
    IDColumn nvarchar(25) PRIMARY KEY,
    name varchar(25) NOT NULL
) ;
CREATE SEQUENCE Test.CounterSeq
    AS int
    START WITH 1
    INCREMENT BY 1 ;
ALTER TABLE Test.MyTable
    ADD
        DEFAULT N'AdvWorks_' +
        CAST(NEXT VALUE FOR Test.CounterSeq AS NVARCHAR(20))
        FOR IDColumn;
GO
INSERT Test.MyTable (name)
VALUES ('Larry') ;
INSERT Test.MyTable (name)
VALUES ('Moe') ;
INSERT Test.MyTable (name)
VALUES ('Curly') ;
SELECT * FROM Test.MyTable ORDER BY name;
-- expect: IDColumn | name
-- AdvWorks_3 | Curly
-- AdvWorks_1 | Larry
-- AdvWorks_2 | Moe
GO
CREATE SEQUENCE Test.SeqInto START WITH 1 INCREMENT BY 1;
GO
SELECT NEXT VALUE FOR Test.SeqInto AS ContactNumber, FirstName, LastName
INTO Test.NewContacts
FROM Person.Person WHERE BusinessEntityID <= 2;
SELECT COUNT(*) AS n, MIN(ContactNumber) AS lo, MAX(ContactNumber) AS hi, TYPE_NAME(MAX(c.system_type_id)) AS type
FROM Test.NewContacts CROSS JOIN (SELECT system_type_id FROM sys.columns WHERE object_id = OBJECT_ID('Test.NewContacts') AND name = 'ContactNumber') c;
-- expect: n | lo | hi | type
-- 2 | 1 | 2 | bigint
GO
-- NEXT VALUE FOR remarks: not in a CASE, nor with TOP, nor in a subquery's ... ; a
-- sequence past its maximum without CYCLE is 11728
CREATE SEQUENCE Test.Tiny AS tinyint START WITH 254 INCREMENT BY 1;
GO
SELECT NEXT VALUE FOR Test.Tiny AS v;
SELECT NEXT VALUE FOR Test.Tiny AS v;
-- expect: v
-- 254
-- expect: v
-- 255
GO
SELECT NEXT VALUE FOR Test.Tiny AS v;
-- expect: v
-- error: 11728 The sequence object 'Tiny' has reached its minimum or maximum value. Restart the sequence object to allow new values to be generated.
GO
SELECT is_exhausted FROM sys.sequences WHERE name = 'Tiny';
ALTER SEQUENCE Test.Tiny RESTART WITH 10;
SELECT NEXT VALUE FOR Test.Tiny AS v;
SELECT is_exhausted FROM sys.sequences WHERE name = 'Tiny';
-- expect: is_exhausted
-- 1
-- expect: v
-- 10
-- expect: is_exhausted
-- 0
GO
-- sp_sequence_get_range A and B: a range of 4, then 75 values that cycle
-- three times through MINVALUE 1 .. MAXVALUE 25
CREATE SEQUENCE Test.RangeSeq
    AS int
    START WITH 1
    INCREMENT BY 1
    MINVALUE 1
    MAXVALUE 25
    CYCLE
    CACHE 10
;
GO
DECLARE @range_first_value_output sql_variant ;

EXEC sys.sp_sequence_get_range
@sequence_name = N'Test.RangeSeq'
, @range_size = 4
, @range_first_value = @range_first_value_output OUTPUT ;

SELECT @range_first_value_output AS FirstNumber ;
-- expect: FirstNumber
-- 1
GO
DECLARE
  @FirstSeqNum sql_variant
, @LastSeqNum sql_variant
, @CycleCount int
, @SeqIncr sql_variant
, @SeqMinVal sql_variant
, @SeqMaxVal sql_variant ;

EXEC sys.sp_sequence_get_range
  @sequence_name = N'Test.RangeSeq'
, @range_size = 75
, @range_first_value = @FirstSeqNum OUTPUT
, @range_last_value = @LastSeqNum OUTPUT
, @range_cycle_count = @CycleCount OUTPUT
, @sequence_increment = @SeqIncr OUTPUT
, @sequence_min_value = @SeqMinVal OUTPUT
, @sequence_max_value = @SeqMaxVal OUTPUT ;

-- The following statement returns the output values
SELECT
  @FirstSeqNum AS FirstVal
, @LastSeqNum AS LastVal
, @CycleCount AS CycleCount
, @SeqIncr AS SeqIncrement
, @SeqMinVal AS MinSeq
, @SeqMaxVal AS MaxSeq ;
SELECT NEXT VALUE FOR Test.RangeSeq AS next_after;
-- expect: FirstVal | LastVal | CycleCount | SeqIncrement | MinSeq | MaxSeq
-- 5 | 4 | 3 | 1 | 1 | 25
-- expect: next_after
-- 5
GO

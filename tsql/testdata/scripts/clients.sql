-- What client libraries send on their own (tds-clients reference §9).
-- tedious / node-mssql, right after login:
set ansi_nulls on
set ansi_null_dflt_on on
set ansi_padding on
set ansi_warnings on
set arithabort on
set concat_null_yields_null on
set datefirst 7
set dateformat mdy
set implicit_transactions off
set language us_english
set numeric_roundabort off
set quoted_identifier on
set textsize 2147483647
set transaction isolation level read committed
set xact_abort off
GO
SELECT 1;
GO
select @@spid
GO
SELECT @@spid spid
GO
set textsize 64512
use master
GO
IF OBJECT_ID('tempdb..#t') IS NOT NULL DROP TABLE #t;
CREATE TABLE #t (id int PRIMARY KEY, v nvarchar(50));
INSERT INTO #t (id, v) VALUES (@p1, @p2);
SELECT id, v FROM #t WHERE id = @p1;
GO
SELECT SERVERPROPERTY('ProductVersion'), SERVERPROPERTY('Edition'), @@VERSION, DB_NAME(), SUSER_SNAME(), SCHEMA_NAME();
GO
declare @v nvarchar(max) = N'x'; select @v as v, len(@v) as n;
GO
SELECT TOP (1) name FROM sys.tables ORDER BY name;
SELECT xact_state(), @@trancount, @@error, @@rowcount, @@identity, scope_identity();
GO

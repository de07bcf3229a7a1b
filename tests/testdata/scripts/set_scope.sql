-- A SET inside a procedure, trigger or dynamic batch holds until it returns
-- and no longer, as SQL Server restores the caller's options: the usual SET
-- NOCOUNT ON at the top of a procedure or trigger must not change the rows
-- counts the application sees afterwards.
CREATE TABLE dbo.t (id int PRIMARY KEY, v int);
INSERT dbo.t VALUES (1, 0), (2, 0);
GO
CREATE PROCEDURE dbo.p AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    SET DATEFORMAT dmy;
    SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
    SELECT @@OPTIONS & 512 AS nocount_in, @@OPTIONS & 16384 AS xact_abort_in;
END
GO
CREATE TRIGGER dbo.tr ON dbo.t AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    SET ANSI_NULLS OFF;
END
GO
EXEC dbo.p;
SELECT @@OPTIONS & 512 AS nocount_after, @@OPTIONS & 16384 AS xact_abort_after,
       CONVERT(date, '02/01/2024') AS mdy,
       (SELECT transaction_isolation_level FROM sys.dm_exec_sessions WHERE session_id = @@SPID) AS isolation;
-- expect: nocount_in | xact_abort_in
-- 512 | 16384
-- expect: nocount_after | xact_abort_after | mdy | isolation
-- 0 | 0 | 2024-02-01 | 2
GO
UPDATE dbo.t SET v = 1;
SELECT @@OPTIONS & 512 AS nocount, @@OPTIONS & 32 AS ansi_nulls;
-- expect: nocount | ansi_nulls
-- 0 | 32
GO
EXEC (N'SET NOCOUNT ON; SELECT @@OPTIONS & 512 AS inside;');
EXEC sp_executesql N'SET LANGUAGE Deutsch; SELECT @@LANGUAGE AS lang, @x AS x;', N'@x int', @x = 1;
SELECT @@OPTIONS & 512 AS nocount, @@LANGUAGE AS lang;
-- expect: inside
-- 512
-- message: Changed language setting to Deutsch.
-- expect: lang | x
-- Deutsch | 1
-- expect: nocount | lang
-- 0 | us_english
GO
-- A SET in the batch itself holds for the session.
SET NOCOUNT ON;
GO
SELECT @@OPTIONS & 512 AS nocount;
SET NOCOUNT OFF;
-- expect: nocount
-- 512
GO

-- A USE inside dynamic SQL lasts until the dynamic batch ends (EXECUTE, "using
-- EXECUTE with a character string"; sp_executesql likewise): the caller's
-- database is current again afterwards, and statements after the USE inside
-- the dynamic batch (and batches nested in it) run in the other database. The
-- script works from tempdb so that the messages name fixed databases.
USE tempdb;
-- message: Changed database context to 'tempdb'.
GO
EXEC (N'USE msdb');
SELECT DB_NAME() AS db;
-- message: Changed database context to 'msdb'.
-- message: Changed database context to 'tempdb'.
-- expect: db
-- tempdb
GO
EXEC (N'USE msdb; SELECT DB_NAME() AS inner_db; EXEC (''SELECT DB_NAME() AS nested_db'')');
-- message: Changed database context to 'msdb'.
-- expect: inner_db
-- msdb
-- expect: nested_db
-- msdb
-- message: Changed database context to 'tempdb'.
GO
EXEC sp_executesql N'USE master; SELECT DB_NAME() AS inner_db';
SELECT DB_NAME() AS db;
-- message: Changed database context to 'master'.
-- expect: inner_db
-- master
-- message: Changed database context to 'tempdb'.
-- expect: db
-- tempdb
GO
EXEC (N'SELECT DB_NAME() AS no_use');
-- expect: no_use
-- tempdb
GO

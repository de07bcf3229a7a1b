-- CREATE/DROP DATABASE, BACKUP and RESTORE write files and master outside
-- any transaction, so SQL Server refuses them inside a user transaction
-- (226 for CREATE, 574 for DROP, 3021 + 3013); the transaction stays open and nothing is done. The
-- paths lead nowhere so that the fuzz seeds (each batch alone) write no file.
BEGIN TRAN;
GO
CREATE DATABASE corpus_in_tran;
-- error: 226 CREATE DATABASE statement not allowed within multi-statement transaction.
GO
SELECT @@TRANCOUNT AS trancount, DB_ID('corpus_in_tran') AS created;
-- expect: trancount | created
-- 1 | NULL
GO
DROP DATABASE tempdb;
-- error: 574 DROP DATABASE statement cannot be used inside a user transaction.
GO
BACKUP DATABASE master TO DISK = '/nonexistent-mirrorsql-dir/corpus_in_tran.bak';
-- error: 3021 Cannot perform a backup or restore operation within a transaction.
-- error: 3013 BACKUP DATABASE is terminating abnormally.
GO
BACKUP LOG master TO DISK = '/nonexistent-mirrorsql-dir/corpus_in_tran.trn';
-- error: 3021 Cannot perform a backup or restore operation within a transaction.
-- error: 3013 BACKUP LOG is terminating abnormally.
GO
RESTORE DATABASE corpus_in_tran FROM DISK = '/nonexistent-mirrorsql-dir/corpus_in_tran.bak';
-- error: 3021 Cannot perform a backup or restore operation within a transaction.
-- error: 3013 RESTORE DATABASE is terminating abnormally.
GO
SELECT @@TRANCOUNT AS trancount;
-- expect: trancount
-- 1
GO
ROLLBACK;
GO

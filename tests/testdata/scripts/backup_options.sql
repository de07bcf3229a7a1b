-- BACKUP's WITH options: one SQL Server does not know is refused at parse
-- time with 155, TRUNCATE_ONLY and NO_LOG among them (removed in SQL Server
-- 2008; 2005 scripts still carry them), with TO or without it; nothing is
-- backed up. Documented options the server does not implement are accepted
-- (tempdb's 3147 shows the statement got past the parser without writing a
-- file).
BACKUP LOG master WITH TRUNCATE_ONLY;
-- error: 155 'TRUNCATE_ONLY' is not a recognized BACKUP option.
GO
BACKUP LOG master WITH NO_LOG;
-- error: 155 'NO_LOG' is not a recognized BACKUP option.
GO
BACKUP LOG master TO DISK = '/nonexistent-mirrorsql-dir/corpus_opts.trn' WITH TRUNCATE_ONLY;
-- error: 155 'TRUNCATE_ONLY' is not a recognized BACKUP option.
GO
BACKUP DATABASE master TO DISK = '/nonexistent-mirrorsql-dir/corpus_opts.bak' WITH INIT, NO_SUCH_OPTION = 1;
-- error: 155 'NO_SUCH_OPTION' is not a recognized BACKUP option.
GO
BACKUP DATABASE tempdb TO DISK = '/nonexistent-mirrorsql-dir/corpus_opts.bak' WITH BUFFERCOUNT = 10, MAXTRANSFERSIZE = 1048576, STOP_ON_ERROR, NOREWIND, STATS = 10;
-- error: 3147 Backup and restore operations are not allowed on database tempdb.
-- error: 3013 BACKUP DATABASE is terminating abnormally.
GO

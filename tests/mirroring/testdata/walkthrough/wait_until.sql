-- Included with :r by the walkthrough's scripts: waits, up to 30 seconds,
-- until the sys.database_mirroring row of $(Database) meets $(Until), as a
-- DBA waits for a state before the next step. The script's own check after
-- it says what it wanted when the wait runs out.
DECLARE @i int = 0;
WHILE @i < 300 AND NOT EXISTS (SELECT 1 FROM sys.database_mirroring
        WHERE database_id = DB_ID('$(Database)') AND $(Until))
BEGIN
    WAITFOR DELAY '00:00:00.100';
    SET @i += 1;
END

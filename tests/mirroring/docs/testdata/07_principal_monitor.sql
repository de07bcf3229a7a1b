-- The sp_dbmmonitor pages' examples (AdventureWorks2012 there), on the
-- principal once the session is SYNCHRONIZED: the monitor job with a
-- 3-minute period, the status table, the warning thresholds of
-- "Use Warning Thresholds and Alerts on Mirroring Performance Metrics".
EXEC sp_dbmmonitoraddmonitoring 3;
GO
EXEC sp_dbmmonitorhelpmonitoring;
GO
EXEC sp_dbmmonitorchangemonitoring 1, 5;
GO
USE msdb;
EXEC sp_dbmmonitorresults AdventureWorks, 2, 0;
GO
EXEC sp_dbmmonitorupdate AdventureWorks;
GO
EXEC sp_dbmmonitorchangealert AdventureWorks, 1, 30, 1 ;  
EXEC sp_dbmmonitorchangealert AdventureWorks, 2, 10000, 1 ;  
EXEC sp_dbmmonitorchangealert AdventureWorks, 3, 10000, 1 ;  
EXEC sp_dbmmonitorchangealert AdventureWorks, 4, 1000, 0 ;  
EXEC sp_dbmmonitorchangealert AdventureWorks, 5, 8, 1 ;  
GO
EXEC sp_dbmmonitorhelpalert AdventureWorks, 1 ;  
GO
EXEC sp_dbmmonitorhelpalert AdventureWorks ;  
GO
EXEC sp_dbmmonitordropalert AdventureWorks, 5;
GO
EXEC sp_dbmmonitordropalert AdventureWorks ;
GO
-- expect-output: (?m)^update_period\s*$
-- expect-output: (?m)^AdventureWorks\s+1\s+4\s+1\s
-- expect-output: (?m)^\s*4\s+1000\s+0\s*$

-- User-defined messages: sp_addmessage keeps them for the instance,
-- RAISERROR and FORMATMESSAGE use them by number, sys.messages lists them.
EXEC sp_addmessage @msgnum = 50123, @severity = 16, @msgtext = N'Order %d for customer %s is on hold.'
SELECT message_id, language_id, severity, is_event_logged, text FROM sys.messages WHERE message_id = 50123
-- expect: message_id | language_id | severity | is_event_logged | text
-- 50123 | 1033 | 16 | 0 | Order %d for customer %s is on hold.
GO
RAISERROR(50123, 16, 1, 42, N'Ann')
-- error: 50123 Order 42 for customer Ann is on hold.
GO
RAISERROR(50123, -1, -1, 7, N'Bob')
-- error: 50123 Order 7 for customer Bob is on hold.
GO
BEGIN TRY
    RAISERROR(50123, 11, 3, 1, N'Cy')
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS num, ERROR_SEVERITY() AS sev, ERROR_STATE() AS state, ERROR_MESSAGE() AS msg,
        FORMATMESSAGE(50123, 9, N'Di') AS formatted, FORMATMESSAGE(50999) AS unknown
END CATCH
-- expect: num | sev | state | msg | formatted | unknown
-- 50123 | 11 | 3 | Order 1 for customer Cy is on hold. | Order 9 for customer Di is on hold. | NULL
GO
EXEC sp_addmessage 50123, 10, N'again'
-- error: 15043 You must specify 'REPLACE' to overwrite an existing message.
GO
EXEC sp_addmessage 50123, 10, N'Replaced: %s', @replace = 'replace'
RAISERROR(50123, 10, 1, N'just a message')
-- message: Replaced: just a message
GO
EXEC sp_addmessage 50000, 16, N'too low'
-- error: 15040 User-defined error messages must have an ID greater than 50000.
GO
EXEC sp_dropmessage 50123
SELECT COUNT(*) AS n FROM sys.messages WHERE message_id = 50123
-- expect: n
-- 0
GO
EXEC sp_dropmessage 50123
-- error: 15179 Message number 50123 does not exist.
GO

-- sys.trigger_event_types: every event and event group a trigger can fire
-- on, numbered and nested as SQL Server numbers them (the DDL Event Groups
-- page, learn.microsoft.com/sql/relational-databases/triggers/ddl-event-groups,
-- prints the view), and the DDL triggers' rows of sys.trigger_events.
SELECT type, type_name, parent_type FROM sys.trigger_event_types
WHERE type_name IN ('DDL_EVENTS', 'DDL_DATABASE_LEVEL_EVENTS', 'DDL_TABLE_EVENTS', 'CREATE_TABLE', 'DROP_SYNONYM', 'RENAME', 'CREATE_SCHEMA', 'ALTER_SERVER_CONFIGURATION')
ORDER BY type;
-- expect: type | type_name | parent_type
-- 21 | CREATE_TABLE | 10018
-- 36 | DROP_SYNONYM | 10022
-- 141 | CREATE_SCHEMA | 10034
-- 241 | RENAME | 10016
-- 296 | ALTER_SERVER_CONFIGURATION | NULL
-- 10001 | DDL_EVENTS | NULL
-- 10016 | DDL_DATABASE_LEVEL_EVENTS | 10001
-- 10018 | DDL_TABLE_EVENTS | 10017
GO
-- The page's own query, from DDL_TABLE_VIEW_EVENTS down.
WITH DirectReports(name, parent_type, type, level, sort) AS
(
    SELECT CONVERT(varchar(255),type_name), parent_type, type, 1, CONVERT(varchar(255),type_name)
    FROM sys.trigger_event_types
    WHERE type_name = 'DDL_TABLE_VIEW_EVENTS'
    UNION ALL
    SELECT  CONVERT(varchar(255), REPLICATE ('|   ' , level) + e.type_name),
        e.parent_type, e.type, level + 1,
    CONVERT (varchar(255), RTRIM(sort) + '|   ' + e.type_name)
    FROM sys.trigger_event_types AS e
        INNER JOIN DirectReports AS d
        ON e.parent_type = d.type
)
SELECT parent_type, type, name
FROM DirectReports
ORDER BY sort;
-- expect: parent_type | type | name
-- 10016 | 10017 | DDL_TABLE_VIEW_EVENTS
-- 10017 | 10020 | |   DDL_INDEX_EVENTS
-- 10020 | 213 | |   |   ALTER_FULLTEXT_INDEX
-- 10020 | 25 | |   |   ALTER_INDEX
-- 10020 | 224 | |   |   CREATE_FULLTEXT_INDEX
-- 10020 | 24 | |   |   CREATE_INDEX
-- 10020 | 274 | |   |   CREATE_SPATIAL_INDEX
-- 10020 | 206 | |   |   CREATE_XML_INDEX
-- 10020 | 235 | |   |   DROP_FULLTEXT_INDEX
-- 10020 | 26 | |   |   DROP_INDEX
-- 10017 | 10021 | |   DDL_STATISTICS_EVENTS
-- 10021 | 27 | |   |   CREATE_STATISTICS
-- 10021 | 29 | |   |   DROP_STATISTICS
-- 10021 | 28 | |   |   UPDATE_STATISTICS
-- 10017 | 10018 | |   DDL_TABLE_EVENTS
-- 10018 | 22 | |   |   ALTER_TABLE
-- 10018 | 21 | |   |   CREATE_TABLE
-- 10018 | 23 | |   |   DROP_TABLE
-- 10017 | 10019 | |   DDL_VIEW_EVENTS
-- 10019 | 42 | |   |   ALTER_VIEW
-- 10019 | 41 | |   |   CREATE_VIEW
-- 10019 | 43 | |   |   DROP_VIEW
GO
-- A trigger on a group and an event: sys.trigger_events lists each event
-- the group covers with the group it came from, the lone event with NULL.
CREATE TRIGGER tv ON DATABASE FOR DDL_VIEW_EVENTS, CREATE_SYNONYM AS PRINT 'tv';
GO
SELECT te.type, te.type_desc, te.is_first, te.is_last, te.event_group_type, te.event_group_type_desc, te.is_trigger_event
FROM sys.trigger_events AS te JOIN sys.triggers AS t ON t.object_id = te.object_id
WHERE t.name = 'tv' ORDER BY te.type;
-- expect: type | type_desc | is_first | is_last | event_group_type | event_group_type_desc | is_trigger_event
-- 34 | CREATE_SYNONYM | 0 | 0 | NULL | NULL | 1
-- 41 | CREATE_VIEW | 0 | 0 | 10019 | DDL_VIEW_EVENTS | 1
-- 42 | ALTER_VIEW | 0 | 0 | 10019 | DDL_VIEW_EVENTS | 1
-- 43 | DROP_VIEW | 0 | 0 | 10019 | DDL_VIEW_EVENTS | 1
GO
-- Joined to sys.trigger_event_types, every event of a trigger on
-- DDL_DATABASE_SECURITY_EVENTS is an event (no group) under that group,
-- however deep (CREATE_USER is under DDL_USER_EVENTS).
CREATE TRIGGER alldb ON DATABASE FOR DDL_DATABASE_SECURITY_EVENTS AS PRINT 'alldb';
GO
SELECT COUNT(*) AS events, COUNT(DISTINCT te.event_group_type_desc) AS groups, MIN(te.event_group_type_desc) AS grp,
  SUM(CASE WHEN EXISTS (SELECT 1 FROM sys.trigger_event_types AS c WHERE c.parent_type = te.type) THEN 1 ELSE 0 END) AS group_rows,
  SUM(CASE WHEN ty.type IS NULL THEN 1 ELSE 0 END) AS unnumbered
FROM sys.trigger_events AS te JOIN sys.triggers AS t ON t.object_id = te.object_id
LEFT JOIN sys.trigger_event_types AS ty ON ty.type = te.type AND ty.type_name = te.type_desc
WHERE t.name = 'alldb' AND te.type IN (21, 131, 134, 141, 170, 207);
-- expect: events | groups | grp | group_rows | unnumbered
-- 5 | 1 | DDL_DATABASE_SECURITY_EVENTS | 0 | 0
GO
DROP TRIGGER alldb ON DATABASE;
DROP TRIGGER tv ON DATABASE;
GO
-- The tree decides what a group covers: CREATE_SCHEMA is under
-- DDL_SCHEMA_EVENTS, itself under DDL_DATABASE_SECURITY_EVENTS.
CREATE TRIGGER sec ON DATABASE FOR DDL_DATABASE_SECURITY_EVENTS AS
  PRINT EVENTDATA().value('(/EVENT_INSTANCE/EventType)[1]', 'nvarchar(100)');
GO
CREATE SCHEMA s1;
-- message: CREATE_SCHEMA
GO
DROP TRIGGER sec ON DATABASE;
GO
-- An event of the database level SQL Server accepts, whether or not a
-- statement here raises it.
CREATE TRIGGER xp ON DATABASE FOR CREATE_EXTENDED_PROPERTY AS PRINT 'xp';
GO
SELECT te.type, te.type_desc FROM sys.trigger_events AS te JOIN sys.triggers AS t ON t.object_id = te.object_id WHERE t.name = 'xp';
-- expect: type | type_desc
-- 222 | CREATE_EXTENDED_PROPERTY
GO
DROP TRIGGER xp ON DATABASE;
GO
-- A server-level event is no database trigger's.
CREATE TRIGGER lg ON DATABASE FOR CREATE_LOGIN AS PRINT 'x';
-- error: 1098 The specified event type(s) is/are not valid on the specified target object.
GO
CREATE TRIGGER syn ON DATABASE FOR DDL_SYNONYM_EVENTS AS PRINT 'syn';
GO
-- sys.events lists the same events (with is_trigger_event, without the
-- order), and OBJECT_DEFINITION shows a DDL trigger's text.
SELECT e.type, e.type_desc, e.is_trigger_event, e.event_group_type, e.event_group_type_desc
FROM sys.events AS e JOIN sys.triggers AS t ON t.object_id = e.object_id WHERE t.name = 'syn' ORDER BY e.type;
-- expect: type | type_desc | is_trigger_event | event_group_type | event_group_type_desc
-- 34 | CREATE_SYNONYM | 1 | 10022 | DDL_SYNONYM_EVENTS
-- 36 | DROP_SYNONYM | 1 | 10022 | DDL_SYNONYM_EVENTS
GO
SELECT CASE WHEN OBJECT_DEFINITION(object_id) LIKE 'CREATE TRIGGER syn ON DATABASE FOR DDL_SYNONYM_EVENTS AS PRINT ''syn'';%' THEN 'batch text' END AS def
FROM sys.triggers WHERE name = 'syn';
-- expect: def
-- batch text
GO
DROP TRIGGER syn ON DATABASE;
GO

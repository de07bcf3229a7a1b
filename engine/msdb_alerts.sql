-- SQL Server Agent's alerts and job activity, the suspect page log, SSIS packages and maintenance
-- subplans in msdb, with SQL
-- Server's columns (Microsoft's documentation of msdb): sp_Blitz checks that
-- alerts exist for severities 19-25 and errors 823-825, and reads
-- suspect_pages. Made once, like msdb_agent.sql, when msdb.dbo.sysalerts is
-- missing (engine/msdbagent.go). No alert fires here: nothing writes them.
CREATE TABLE dbo.sysalerts (
    id int IDENTITY NOT NULL PRIMARY KEY,
    name sysname NOT NULL UNIQUE,
    event_source nvarchar(100) NOT NULL DEFAULT N'MSSQLSERVER',
    event_category_id int NULL,
    event_id int NULL,
    message_id int NOT NULL DEFAULT 0,
    severity int NOT NULL DEFAULT 0,
    enabled tinyint NOT NULL DEFAULT 1,
    delay_between_responses int NOT NULL DEFAULT 0,
    last_occurrence_date int NOT NULL DEFAULT 0,
    last_occurrence_time int NOT NULL DEFAULT 0,
    last_response_date int NOT NULL DEFAULT 0,
    last_response_time int NOT NULL DEFAULT 0,
    notification_message nvarchar(512) NULL,
    include_event_description tinyint NOT NULL DEFAULT 5,
    database_name nvarchar(512) NULL,
    event_description_keyword nvarchar(100) NULL,
    occurrence_count int NOT NULL DEFAULT 0,
    count_reset_date int NOT NULL DEFAULT 0,
    count_reset_time int NOT NULL DEFAULT 0,
    job_id uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    has_notification int NOT NULL DEFAULT 0,
    flags int NOT NULL DEFAULT 0,
    performance_condition nvarchar(512) NULL,
    category_id int NOT NULL DEFAULT 0)
GO
CREATE TABLE dbo.sysnotifications (
    alert_id int NOT NULL,
    operator_id int NOT NULL,
    notification_method tinyint NOT NULL,
    PRIMARY KEY (alert_id, operator_id))
GO
CREATE TABLE dbo.suspect_pages (
    database_id int NOT NULL,
    file_id int NOT NULL,
    page_id bigint NOT NULL,
    event_type int NOT NULL,
    error_count int NOT NULL,
    last_update_date datetime NOT NULL DEFAULT GETDATE())
GO
-- Integration Services packages stored in msdb (sp_Blitz lists their owners).
CREATE TABLE dbo.sysssispackages (
    name sysname NOT NULL,
    id uniqueidentifier NOT NULL PRIMARY KEY,
    description nvarchar(1024) NULL,
    createdate datetime NOT NULL DEFAULT GETDATE(),
    folderid uniqueidentifier NOT NULL,
    ownersid varbinary(85) NOT NULL,
    packagedata image NOT NULL,
    packageformat int NOT NULL DEFAULT 0,
    packagetype smallint NOT NULL DEFAULT 0,
    vermajor int NOT NULL DEFAULT 1,
    verminor int NOT NULL DEFAULT 0,
    verbuild int NOT NULL DEFAULT 0,
    vercomments nvarchar(1024) NULL,
    verid uniqueidentifier NOT NULL,
    isencrypted bit NOT NULL DEFAULT 0,
    readrolesid varbinary(85) NULL,
    writerolesid varbinary(85) NULL)
GO
-- Maintenance plans' subplans (sp_Blitz joins them to their jobs).
CREATE TABLE dbo.sysmaintplan_subplans (
    subplan_id uniqueidentifier NOT NULL PRIMARY KEY,
    subplan_name sysname NOT NULL,
    subplan_description nvarchar(512) NULL,
    plan_id uniqueidentifier NOT NULL,
    job_id uniqueidentifier NOT NULL,
    msx_job_id uniqueidentifier NULL,
    schedule_id int NULL,
    msx_plan bit NOT NULL DEFAULT 0)
GO
-- Agent's record of job runs by Agent session (sp_Blitz looks for jobs running now).
CREATE TABLE dbo.sysjobactivity (
    session_id int NOT NULL,
    job_id uniqueidentifier NOT NULL,
    run_requested_date datetime NULL,
    run_requested_source sysname NULL,
    queued_date datetime NULL,
    start_execution_date datetime NULL,
    last_executed_step_id int NULL,
    last_executed_step_date datetime NULL,
    stop_execution_date datetime NULL,
    job_history_id int NULL,
    next_scheduled_run_date datetime NULL,
    PRIMARY KEY (session_id, job_id))
GO

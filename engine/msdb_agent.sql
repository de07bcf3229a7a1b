-- SQL Server Agent's catalog in msdb: the job, step, schedule and history
-- tables and the procedures that maintain them, with SQL Server's column
-- names and procedure parameters (Microsoft's documentation of msdb). The
-- instance runs this script once, in msdb, when the tables are missing
-- (engine/msdbagent.go). There is no Agent service: jobs are kept and
-- listed, never run; sp_start_job says so (22022), as SQL Server does with
-- its Agent stopped. Maintenance scripts that create their jobs (Ola
-- Hallengren's MaintenanceSolution.sql) install unchanged.
CREATE TABLE dbo.syscategories (
    category_id int IDENTITY(0, 1) NOT NULL PRIMARY KEY,
    category_class int NOT NULL,
    category_type tinyint NOT NULL,
    name sysname NOT NULL)
GO
INSERT dbo.syscategories (category_class, category_type, name) VALUES
    (1, 1, N'[Uncategorized (Local)]'), (1, 2, N'[Uncategorized (Multi-Server)]'), (1, 1, N'Jobs from MSX'),
    (1, 1, N'Database Maintenance'), (1, 1, N'Web Assistant'), (1, 1, N'Full-Text'),
    (1, 1, N'Log Shipping'), (1, 1, N'Database Engine Tuning Advisor'), (1, 1, N'Data Collector'),
    (2, 3, N'[Uncategorized]'), (3, 3, N'[Uncategorized]')
GO
CREATE TABLE dbo.sysjobs (
    job_id uniqueidentifier NOT NULL PRIMARY KEY,
    originating_server_id int NOT NULL DEFAULT 0,
    name sysname NOT NULL UNIQUE,
    enabled tinyint NOT NULL,
    description nvarchar(512) NULL,
    start_step_id int NOT NULL,
    category_id int NOT NULL,
    owner_sid varbinary(85) NOT NULL,
    notify_level_eventlog int NOT NULL,
    notify_level_email int NOT NULL,
    notify_level_netsend int NOT NULL,
    notify_level_page int NOT NULL,
    notify_email_operator_id int NOT NULL DEFAULT 0,
    notify_netsend_operator_id int NOT NULL DEFAULT 0,
    notify_page_operator_id int NOT NULL DEFAULT 0,
    delete_level int NOT NULL,
    date_created datetime NOT NULL,
    date_modified datetime NOT NULL,
    version_number int NOT NULL DEFAULT 1)
GO
CREATE TABLE dbo.sysjobsteps (
    job_id uniqueidentifier NOT NULL,
    step_id int NOT NULL,
    step_name sysname NOT NULL,
    subsystem nvarchar(40) NOT NULL,
    command nvarchar(max) NULL,
    flags int NOT NULL,
    additional_parameters nvarchar(max) NULL,
    cmdexec_success_code int NOT NULL,
    on_success_action tinyint NOT NULL,
    on_success_step_id int NOT NULL,
    on_fail_action tinyint NOT NULL,
    on_fail_step_id int NOT NULL,
    server sysname NULL,
    database_name sysname NULL,
    database_user_name sysname NULL,
    retry_attempts int NOT NULL,
    retry_interval int NOT NULL,
    os_run_priority int NOT NULL,
    output_file_name nvarchar(200) NULL,
    last_run_outcome int NOT NULL DEFAULT 0,
    last_run_duration int NOT NULL DEFAULT 0,
    last_run_retries int NOT NULL DEFAULT 0,
    last_run_date int NOT NULL DEFAULT 0,
    last_run_time int NOT NULL DEFAULT 0,
    proxy_id int NULL,
    step_uid uniqueidentifier NULL,
    PRIMARY KEY (job_id, step_id))
GO
CREATE TABLE dbo.sysjobservers (
    job_id uniqueidentifier NOT NULL,
    server_id int NOT NULL,
    last_run_outcome tinyint NOT NULL DEFAULT 5,
    last_outcome_message nvarchar(4000) NULL,
    last_run_date int NOT NULL DEFAULT 0,
    last_run_time int NOT NULL DEFAULT 0,
    last_run_duration int NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, server_id))
GO
CREATE TABLE dbo.sysschedules (
    schedule_id int IDENTITY NOT NULL PRIMARY KEY,
    schedule_uid uniqueidentifier NOT NULL,
    originating_server_id int NOT NULL DEFAULT 0,
    name sysname NOT NULL,
    owner_sid varbinary(85) NOT NULL,
    enabled int NOT NULL,
    freq_type int NOT NULL,
    freq_interval int NOT NULL,
    freq_subday_type int NOT NULL,
    freq_subday_interval int NOT NULL,
    freq_relative_interval int NOT NULL,
    freq_recurrence_factor int NOT NULL,
    active_start_date int NOT NULL,
    active_end_date int NOT NULL,
    active_start_time int NOT NULL,
    active_end_time int NOT NULL,
    date_created datetime NOT NULL,
    date_modified datetime NOT NULL,
    version_number int NOT NULL DEFAULT 1)
GO
CREATE TABLE dbo.sysjobschedules (
    schedule_id int NOT NULL,
    job_id uniqueidentifier NOT NULL,
    next_run_date int NOT NULL DEFAULT 0,
    next_run_time int NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, schedule_id))
GO
CREATE TABLE dbo.sysjobhistory (
    instance_id int IDENTITY NOT NULL PRIMARY KEY,
    job_id uniqueidentifier NOT NULL,
    step_id int NOT NULL,
    step_name sysname NOT NULL,
    sql_message_id int NOT NULL,
    sql_severity int NOT NULL,
    message nvarchar(4000) NULL,
    run_status int NOT NULL,
    run_date int NOT NULL,
    run_time int NOT NULL,
    run_duration int NOT NULL,
    operator_id_emailed int NOT NULL,
    operator_id_netsent int NOT NULL,
    operator_id_paged int NOT NULL,
    retries_attempted int NOT NULL,
    server sysname NOT NULL)
GO
CREATE TABLE dbo.sysoperators (
    id int IDENTITY NOT NULL PRIMARY KEY,
    name sysname NOT NULL UNIQUE,
    enabled tinyint NOT NULL,
    email_address nvarchar(100) NULL,
    last_email_date int NOT NULL DEFAULT 0,
    last_email_time int NOT NULL DEFAULT 0,
    pager_address nvarchar(100) NULL,
    weekday_pager_start_time int NOT NULL DEFAULT 90000,
    weekday_pager_end_time int NOT NULL DEFAULT 180000,
    pager_days tinyint NOT NULL DEFAULT 0,
    netsend_address nvarchar(100) NULL,
    category_id int NOT NULL DEFAULT 0)
GO
CREATE TABLE dbo.log_shipping_primary_databases (
    primary_id uniqueidentifier NOT NULL PRIMARY KEY,
    primary_database sysname NOT NULL,
    backup_directory nvarchar(500) NOT NULL,
    backup_share nvarchar(500) NOT NULL,
    backup_retention_period int NOT NULL,
    backup_job_id uniqueidentifier NULL,
    monitor_server sysname NULL,
    user_specified_monitor bit NULL,
    monitor_server_security_mode bit NULL,
    last_backup_file nvarchar(500) NULL,
    last_backup_date datetime NULL,
    backup_compression tinyint NOT NULL DEFAULT 2)
GO
CREATE TABLE dbo.log_shipping_secondary_databases (
    secondary_database sysname NOT NULL PRIMARY KEY,
    secondary_id uniqueidentifier NOT NULL,
    restore_delay int NOT NULL,
    restore_all bit NOT NULL,
    restore_mode bit NOT NULL,
    disconnect_users bit NOT NULL,
    block_size int NULL,
    buffer_count int NULL,
    max_transfer_size int NULL,
    last_restored_file nvarchar(500) NULL,
    last_restored_date datetime NULL)
GO
-- The job a call names, by @job_id or @job_name: 14262 when missing, 14294
-- when both or neither are given.
CREATE PROCEDURE dbo.sp_verify_job_identifiers
    @name_of_name_parameter varchar(60), @name_of_id_parameter varchar(60),
    @job_name sysname = NULL OUTPUT, @job_id uniqueidentifier = NULL OUTPUT
AS
BEGIN
    SET NOCOUNT ON
    IF (@job_name IS NULL AND @job_id IS NULL) OR (@job_name IS NOT NULL AND @job_id IS NOT NULL)
    BEGIN
        RAISERROR(14294, -1, -1, @name_of_id_parameter, @name_of_name_parameter)
        RETURN 1
    END
    IF @job_id IS NULL
        SELECT @job_id = job_id FROM msdb.dbo.sysjobs WHERE name = @job_name
    ELSE
        SELECT @job_name = name FROM msdb.dbo.sysjobs WHERE job_id = @job_id
    IF @job_id IS NULL OR @job_name IS NULL
    BEGIN
        DECLARE @missing nvarchar(200) = ISNULL(@job_name, CONVERT(nvarchar(36), @job_id))
        RAISERROR(14262, -1, -1, @name_of_name_parameter, @missing)
        RETURN 1
    END
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_add_job
    @job_name sysname, @enabled tinyint = 1, @description nvarchar(512) = NULL, @start_step_id int = 1,
    @category_name sysname = NULL, @category_id int = NULL, @owner_login_name sysname = NULL,
    @notify_level_eventlog int = 2, @notify_level_email int = 0, @notify_level_netsend int = 0, @notify_level_page int = 0,
    @notify_email_operator_name sysname = NULL, @notify_netsend_operator_name sysname = NULL,
    @notify_page_operator_name sysname = NULL, @delete_level int = 0, @job_id uniqueidentifier = NULL OUTPUT,
    @originating_server sysname = NULL
AS
BEGIN
    SET NOCOUNT ON
    IF EXISTS (SELECT * FROM msdb.dbo.sysjobs WHERE name = @job_name)
    BEGIN
        RAISERROR(14261, -1, -1, '@job_name', @job_name)
        RETURN 1
    END
    IF @category_name IS NOT NULL
    BEGIN
        SELECT @category_id = category_id FROM msdb.dbo.syscategories WHERE category_class = 1 AND name = @category_name
        IF @category_id IS NULL
        BEGIN
            RAISERROR(14262, -1, -1, '@category_name', @category_name)
            RETURN 1
        END
    END
    SET @category_id = ISNULL(@category_id, 0)
    DECLARE @owner_sid varbinary(85) = SUSER_SID(ISNULL(@owner_login_name, SUSER_SNAME()))
    IF @owner_sid IS NULL
    BEGIN
        RAISERROR(14262, -1, -1, '@owner_login_name', @owner_login_name)
        RETURN 1
    END
    IF @job_id IS NULL
        SET @job_id = NEWID()
    INSERT msdb.dbo.sysjobs (job_id, name, enabled, description, start_step_id, category_id, owner_sid,
        notify_level_eventlog, notify_level_email, notify_level_netsend, notify_level_page, delete_level, date_created, date_modified)
    VALUES (@job_id, @job_name, @enabled, ISNULL(@description, N'No description available.'), @start_step_id, @category_id, @owner_sid,
        @notify_level_eventlog, @notify_level_email, @notify_level_netsend, @notify_level_page, @delete_level, GETDATE(), GETDATE())
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_add_jobstep
    @job_id uniqueidentifier = NULL, @job_name sysname = NULL, @step_id int = NULL, @step_name sysname,
    @subsystem nvarchar(40) = N'TSQL', @command nvarchar(max) = NULL, @additional_parameters nvarchar(max) = NULL,
    @cmdexec_success_code int = 0, @on_success_action tinyint = 1, @on_success_step_id int = 0,
    @on_fail_action tinyint = 2, @on_fail_step_id int = 0, @server sysname = NULL, @database_name sysname = NULL,
    @database_user_name sysname = NULL, @retry_attempts int = 0, @retry_interval int = 0, @os_run_priority int = 0,
    @output_file_name nvarchar(200) = NULL, @flags int = 0, @proxy_id int = NULL, @proxy_name sysname = NULL,
    @step_uid uniqueidentifier = NULL OUTPUT
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @rc int
    EXEC @rc = msdb.dbo.sp_verify_job_identifiers '@job_name', '@job_id', @job_name OUTPUT, @job_id OUTPUT
    IF @rc <> 0 RETURN 1
    IF UPPER(@subsystem) NOT IN (N'TSQL', N'CMDEXEC', N'POWERSHELL', N'SSIS', N'ANALYSISQUERY', N'ANALYSISCOMMAND',
        N'DISTRIBUTION', N'SNAPSHOT', N'LOGREADER', N'MERGE', N'QUEUEREADER')
    BEGIN
        RAISERROR(14234, -1, -1, '@subsystem', 'sp_enum_sqlagent_subsystems')
        RETURN 1
    END
    IF @step_id IS NULL
        SELECT @step_id = ISNULL(MAX(step_id), 0) + 1 FROM msdb.dbo.sysjobsteps WHERE job_id = @job_id
    ELSE
        UPDATE msdb.dbo.sysjobsteps SET step_id = step_id + 1 WHERE job_id = @job_id AND step_id >= @step_id
    SET @step_uid = NEWID()
    INSERT msdb.dbo.sysjobsteps (job_id, step_id, step_name, subsystem, command, flags, additional_parameters, cmdexec_success_code,
        on_success_action, on_success_step_id, on_fail_action, on_fail_step_id, server, database_name, database_user_name,
        retry_attempts, retry_interval, os_run_priority, output_file_name, proxy_id, step_uid)
    VALUES (@job_id, @step_id, @step_name, UPPER(@subsystem), @command, @flags, @additional_parameters, @cmdexec_success_code,
        @on_success_action, @on_success_step_id, @on_fail_action, @on_fail_step_id, @server,
        CASE WHEN UPPER(@subsystem) = N'TSQL' THEN ISNULL(@database_name, N'master') END, @database_user_name,
        @retry_attempts, @retry_interval, @os_run_priority, @output_file_name, @proxy_id, @step_uid)
    UPDATE msdb.dbo.sysjobs SET date_modified = GETDATE(), version_number = version_number + 1 WHERE job_id = @job_id
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_update_jobstep
    @job_id uniqueidentifier = NULL, @job_name sysname = NULL, @step_id int, @step_name sysname = NULL,
    @subsystem nvarchar(40) = NULL, @command nvarchar(max) = NULL, @additional_parameters nvarchar(max) = NULL,
    @cmdexec_success_code int = NULL, @on_success_action tinyint = NULL, @on_success_step_id int = NULL,
    @on_fail_action tinyint = NULL, @on_fail_step_id int = NULL, @server sysname = NULL, @database_name sysname = NULL,
    @database_user_name sysname = NULL, @retry_attempts int = NULL, @retry_interval int = NULL,
    @os_run_priority int = NULL, @output_file_name nvarchar(200) = NULL, @flags int = NULL, @proxy_id int = NULL,
    @proxy_name sysname = NULL
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @rc int
    EXEC @rc = msdb.dbo.sp_verify_job_identifiers '@job_name', '@job_id', @job_name OUTPUT, @job_id OUTPUT
    IF @rc <> 0 RETURN 1
    IF NOT EXISTS (SELECT * FROM msdb.dbo.sysjobsteps WHERE job_id = @job_id AND step_id = @step_id)
    BEGIN
        DECLARE @step nvarchar(20) = CONVERT(nvarchar(20), @step_id)
        RAISERROR(14262, -1, -1, '@step_id', @step)
        RETURN 1
    END
    UPDATE msdb.dbo.sysjobsteps SET
        step_name = ISNULL(@step_name, step_name), subsystem = ISNULL(UPPER(@subsystem), subsystem),
        command = ISNULL(@command, command), additional_parameters = ISNULL(@additional_parameters, additional_parameters),
        cmdexec_success_code = ISNULL(@cmdexec_success_code, cmdexec_success_code),
        on_success_action = ISNULL(@on_success_action, on_success_action), on_success_step_id = ISNULL(@on_success_step_id, on_success_step_id),
        on_fail_action = ISNULL(@on_fail_action, on_fail_action), on_fail_step_id = ISNULL(@on_fail_step_id, on_fail_step_id),
        server = ISNULL(@server, server), database_name = ISNULL(@database_name, database_name),
        database_user_name = ISNULL(@database_user_name, database_user_name), retry_attempts = ISNULL(@retry_attempts, retry_attempts),
        retry_interval = ISNULL(@retry_interval, retry_interval), os_run_priority = ISNULL(@os_run_priority, os_run_priority),
        output_file_name = ISNULL(@output_file_name, output_file_name), flags = ISNULL(@flags, flags), proxy_id = ISNULL(@proxy_id, proxy_id)
    WHERE job_id = @job_id AND step_id = @step_id
    UPDATE msdb.dbo.sysjobs SET date_modified = GETDATE(), version_number = version_number + 1 WHERE job_id = @job_id
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_update_job
    @job_id uniqueidentifier = NULL, @job_name sysname = NULL, @new_name sysname = NULL, @enabled tinyint = NULL,
    @description nvarchar(512) = NULL, @start_step_id int = NULL, @category_name sysname = NULL,
    @owner_login_name sysname = NULL, @notify_level_eventlog int = NULL, @notify_level_email int = NULL,
    @notify_level_netsend int = NULL, @notify_level_page int = NULL, @notify_email_operator_name sysname = NULL,
    @notify_netsend_operator_name sysname = NULL, @notify_page_operator_name sysname = NULL, @delete_level int = NULL,
    @automatic_post bit = 1
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @rc int, @category_id int
    EXEC @rc = msdb.dbo.sp_verify_job_identifiers '@job_name', '@job_id', @job_name OUTPUT, @job_id OUTPUT
    IF @rc <> 0 RETURN 1
    IF @category_name IS NOT NULL
    BEGIN
        SELECT @category_id = category_id FROM msdb.dbo.syscategories WHERE category_class = 1 AND name = @category_name
        IF @category_id IS NULL
        BEGIN
            RAISERROR(14262, -1, -1, '@category_name', @category_name)
            RETURN 1
        END
    END
    UPDATE msdb.dbo.sysjobs SET
        name = ISNULL(@new_name, name), enabled = ISNULL(@enabled, enabled), description = ISNULL(@description, description),
        start_step_id = ISNULL(@start_step_id, start_step_id), category_id = ISNULL(@category_id, category_id),
        owner_sid = ISNULL(SUSER_SID(@owner_login_name), owner_sid),
        notify_level_eventlog = ISNULL(@notify_level_eventlog, notify_level_eventlog),
        notify_level_email = ISNULL(@notify_level_email, notify_level_email),
        notify_level_netsend = ISNULL(@notify_level_netsend, notify_level_netsend),
        notify_level_page = ISNULL(@notify_level_page, notify_level_page), delete_level = ISNULL(@delete_level, delete_level),
        date_modified = GETDATE(), version_number = version_number + 1
    WHERE job_id = @job_id
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_add_jobserver
    @job_id uniqueidentifier = NULL, @job_name sysname = NULL, @server_name sysname = NULL
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @rc int
    EXEC @rc = msdb.dbo.sp_verify_job_identifiers '@job_name', '@job_id', @job_name OUTPUT, @job_id OUTPUT
    IF @rc <> 0 RETURN 1
    IF EXISTS (SELECT * FROM msdb.dbo.sysjobservers WHERE job_id = @job_id AND server_id = 0)
    BEGIN
        DECLARE @server nvarchar(128) = ISNULL(@server_name, N'(local)')
        RAISERROR(14269, -1, -1, @job_name, @server)
        RETURN 1
    END
    INSERT msdb.dbo.sysjobservers (job_id, server_id) VALUES (@job_id, 0)
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_add_schedule
    @schedule_name sysname, @enabled tinyint = 1, @freq_type int = 0, @freq_interval int = 0,
    @freq_subday_type int = 0, @freq_subday_interval int = 0, @freq_relative_interval int = 0,
    @freq_recurrence_factor int = 0, @active_start_date int = NULL, @active_end_date int = 99991231,
    @active_start_time int = 000000, @active_end_time int = 235959, @owner_login_name sysname = NULL,
    @schedule_uid uniqueidentifier = NULL OUTPUT, @schedule_id int = NULL OUTPUT, @originating_server sysname = NULL
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @owner_sid varbinary(85) = SUSER_SID(ISNULL(@owner_login_name, SUSER_SNAME()))
    SET @schedule_uid = NEWID()
    INSERT msdb.dbo.sysschedules (schedule_uid, name, owner_sid, enabled, freq_type, freq_interval, freq_subday_type,
        freq_subday_interval, freq_relative_interval, freq_recurrence_factor, active_start_date, active_end_date,
        active_start_time, active_end_time, date_created, date_modified)
    VALUES (@schedule_uid, @schedule_name, @owner_sid, @enabled, @freq_type, @freq_interval, @freq_subday_type,
        @freq_subday_interval, @freq_relative_interval, @freq_recurrence_factor,
        ISNULL(@active_start_date, CONVERT(int, CONVERT(char(8), GETDATE(), 112))), @active_end_date,
        @active_start_time, @active_end_time, GETDATE(), GETDATE())
    SET @schedule_id = SCOPE_IDENTITY()
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_attach_schedule
    @job_id uniqueidentifier = NULL, @job_name sysname = NULL, @schedule_id int = NULL, @schedule_name sysname = NULL,
    @automatic_post bit = 1
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @rc int
    EXEC @rc = msdb.dbo.sp_verify_job_identifiers '@job_name', '@job_id', @job_name OUTPUT, @job_id OUTPUT
    IF @rc <> 0 RETURN 1
    IF @schedule_id IS NULL
        SELECT @schedule_id = schedule_id FROM msdb.dbo.sysschedules WHERE name = @schedule_name
    IF @schedule_id IS NULL OR NOT EXISTS (SELECT * FROM msdb.dbo.sysschedules WHERE schedule_id = @schedule_id)
    BEGIN
        DECLARE @missing nvarchar(128) = ISNULL(@schedule_name, CONVERT(nvarchar(20), @schedule_id))
        RAISERROR(14262, -1, -1, '@schedule_name', @missing)
        RETURN 1
    END
    IF NOT EXISTS (SELECT * FROM msdb.dbo.sysjobschedules WHERE job_id = @job_id AND schedule_id = @schedule_id)
        INSERT msdb.dbo.sysjobschedules (schedule_id, job_id) VALUES (@schedule_id, @job_id)
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_add_jobschedule
    @job_id uniqueidentifier = NULL, @job_name sysname = NULL, @name sysname, @enabled tinyint = 1,
    @freq_type int = 1, @freq_interval int = 0, @freq_subday_type int = 0, @freq_subday_interval int = 0,
    @freq_relative_interval int = 0, @freq_recurrence_factor int = 0, @active_start_date int = NULL,
    @active_end_date int = 99991231, @active_start_time int = 000000, @active_end_time int = 235959,
    @schedule_id int = NULL OUTPUT, @automatic_post bit = 1, @schedule_uid uniqueidentifier = NULL OUTPUT
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @rc int
    EXEC @rc = msdb.dbo.sp_verify_job_identifiers '@job_name', '@job_id', @job_name OUTPUT, @job_id OUTPUT
    IF @rc <> 0 RETURN 1
    EXEC msdb.dbo.sp_add_schedule @schedule_name = @name, @enabled = @enabled, @freq_type = @freq_type,
        @freq_interval = @freq_interval, @freq_subday_type = @freq_subday_type, @freq_subday_interval = @freq_subday_interval,
        @freq_relative_interval = @freq_relative_interval, @freq_recurrence_factor = @freq_recurrence_factor,
        @active_start_date = @active_start_date, @active_end_date = @active_end_date, @active_start_time = @active_start_time,
        @active_end_time = @active_end_time, @schedule_uid = @schedule_uid OUTPUT, @schedule_id = @schedule_id OUTPUT
    INSERT msdb.dbo.sysjobschedules (schedule_id, job_id) VALUES (@schedule_id, @job_id)
    RETURN 0
END
GO
CREATE PROCEDURE dbo.sp_delete_job
    @job_id uniqueidentifier = NULL, @job_name sysname = NULL, @originating_server sysname = NULL,
    @delete_history bit = 1, @delete_unused_schedule bit = 1
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @rc int
    EXEC @rc = msdb.dbo.sp_verify_job_identifiers '@job_name', '@job_id', @job_name OUTPUT, @job_id OUTPUT
    IF @rc <> 0 RETURN 1
    DECLARE @schedules TABLE (schedule_id int)
    INSERT @schedules SELECT schedule_id FROM msdb.dbo.sysjobschedules WHERE job_id = @job_id
    DELETE msdb.dbo.sysjobschedules WHERE job_id = @job_id
    IF @delete_unused_schedule = 1
        DELETE msdb.dbo.sysschedules WHERE schedule_id IN (SELECT schedule_id FROM @schedules)
            AND schedule_id NOT IN (SELECT schedule_id FROM msdb.dbo.sysjobschedules)
    IF @delete_history = 1
        DELETE msdb.dbo.sysjobhistory WHERE job_id = @job_id
    DELETE msdb.dbo.sysjobsteps WHERE job_id = @job_id
    DELETE msdb.dbo.sysjobservers WHERE job_id = @job_id
    DELETE msdb.dbo.sysjobs WHERE job_id = @job_id
    RETURN 0
END
GO
-- There is no Agent service to start a job: SQL Server's answer when its
-- Agent is stopped.
CREATE PROCEDURE dbo.sp_start_job
    @job_name sysname = NULL, @job_id uniqueidentifier = NULL, @error_flag int = 1, @server_name sysname = NULL,
    @step_name sysname = NULL, @output_flag int = 1
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @rc int
    EXEC @rc = msdb.dbo.sp_verify_job_identifiers '@job_name', '@job_id', @job_name OUTPUT, @job_id OUTPUT
    IF @rc <> 0 RETURN 1
    RAISERROR(22022, 16, 1, N'SQLServerAgent is not currently running so it cannot be notified of this action.')
    RETURN 1
END
GO

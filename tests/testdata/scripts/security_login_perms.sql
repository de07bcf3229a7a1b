-- HAS_PERMS_BY_NAME on a LOGIN securable (HAS_PERMS_BY_NAME's page lists
-- LOGIN among the securable classes; the permissions page gives a login's
-- four: CONTROL, IMPERSONATE, ALTER, VIEW DEFINITION, implied by CONTROL ON
-- LOGIN:: and by CONTROL SERVER, IMPERSONATE ANY LOGIN, ALTER ANY LOGIN and
-- VIEW ANY DEFINITION). Grants are made in master (4621 elsewhere).
CREATE LOGIN hl_Caller WITH PASSWORD = 'Caller-Pass-1234';
CREATE LOGIN hl_Target WITH PASSWORD = 'Target-Pass-1234';
CREATE USER hl_Caller FOR LOGIN hl_Caller;
CREATE USER hl_Target FOR LOGIN hl_Target;
GO
-- sa holds them all; a login that does not exist is NULL
SELECT HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'IMPERSONATE') AS imp, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'ALTER') AS alt,
  HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'CONTROL') AS ctl, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'VIEW DEFINITION') AS vd,
  HAS_PERMS_BY_NAME('hl_Nobody', 'LOGIN', 'IMPERSONATE') AS missing
-- expect: imp | alt | ctl | vd | missing
-- 1 | 1 | 1 | 1 | NULL
GO
-- Nothing granted: 0 for each, and ANY is 0
EXECUTE AS LOGIN = 'hl_Caller'
SELECT HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'IMPERSONATE') AS imp, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'ALTER') AS alt,
  HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'CONTROL') AS ctl, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'VIEW DEFINITION') AS vd,
  HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'ANY') AS any_perm
REVERT
-- expect: imp | alt | ctl | vd | any_perm
-- 0 | 0 | 0 | 0 | 0
GO
-- IMPERSONATE ON LOGIN:: gives that one (and EXECUTE AS LOGIN agrees)
EXEC master.sys.sp_executesql N'GRANT IMPERSONATE ON LOGIN::hl_Target TO hl_Caller'
EXECUTE AS LOGIN = 'hl_Caller'
SELECT HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'IMPERSONATE') AS imp, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'ALTER') AS alt,
  HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'CONTROL') AS ctl, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'ANY') AS any_perm
EXECUTE AS LOGIN = 'hl_Target'
SELECT SUSER_NAME() AS now_login
REVERT
REVERT
-- expect: imp | alt | ctl | any_perm
-- 1 | 0 | 0 | 1
-- expect: now_login
-- hl_Target
GO
-- ALTER ANY LOGIN implies ALTER on every login; CONTROL ON LOGIN:: implies
-- all four
EXEC master.sys.sp_executesql N'REVOKE IMPERSONATE ON LOGIN::hl_Target FROM hl_Caller; GRANT ALTER ANY LOGIN TO hl_Caller'
EXECUTE AS LOGIN = 'hl_Caller'
SELECT HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'IMPERSONATE') AS imp, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'ALTER') AS alt,
  HAS_PERMS_BY_NAME('sa', 'LOGIN', 'ALTER') AS alt_sa
REVERT
-- expect: imp | alt | alt_sa
-- 0 | 1 | 1
GO
EXEC master.sys.sp_executesql N'REVOKE ALTER ANY LOGIN FROM hl_Caller; GRANT CONTROL ON LOGIN::hl_Target TO hl_Caller'
EXECUTE AS LOGIN = 'hl_Caller'
SELECT HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'IMPERSONATE') AS imp, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'ALTER') AS alt,
  HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'CONTROL') AS ctl, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'VIEW DEFINITION') AS vd,
  HAS_PERMS_BY_NAME('sa', 'LOGIN', 'ALTER') AS alt_sa
REVERT
-- expect: imp | alt | ctl | vd | alt_sa
-- 1 | 1 | 1 | 1 | 0
GO
-- A DENY ON LOGIN:: wins over CONTROL there and over the server permission
EXEC master.sys.sp_executesql N'DENY IMPERSONATE ON LOGIN::hl_Target TO hl_Caller; GRANT IMPERSONATE ANY LOGIN TO hl_Caller'
EXECUTE AS LOGIN = 'hl_Caller'
SELECT HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'IMPERSONATE') AS imp, HAS_PERMS_BY_NAME('hl_Target', 'LOGIN', 'ALTER') AS alt,
  HAS_PERMS_BY_NAME('hl_Caller', 'LOGIN', 'IMPERSONATE') AS imp_other
REVERT
-- expect: imp | alt | imp_other
-- 0 | 1 | 1
GO
DROP USER hl_Caller
DROP USER hl_Target
DROP LOGIN hl_Caller
DROP LOGIN hl_Target
GO

-- sp_helpconstraint and sp_depends (the pages' result sets and messages).
-- They run in a database of their own: the REFERENCES and "referenced by
-- foreign key" rows name the database, which must be the same in the
-- in-process and the TDS run.
CREATE DATABASE helpconstraint_db
GO
USE helpconstraint_db
-- message: Changed database context to 'helpconstraint_db'.
GO
CREATE TABLE dbo.Parent (id int NOT NULL CONSTRAINT PK_Parent PRIMARY KEY NONCLUSTERED, code char(3) NOT NULL,
  CONSTRAINT UQ_Parent_code UNIQUE CLUSTERED (code DESC))
CREATE TABLE dbo.Child (cid int NOT NULL CONSTRAINT PK_Child PRIMARY KEY, pid int NULL, pcode char(3) NULL,
  qty int NOT NULL CONSTRAINT DF_Child_qty DEFAULT (1), lo int NULL, hi int NULL,
  CONSTRAINT FK_Child_Parent FOREIGN KEY (pid) REFERENCES dbo.Parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT FK_Child_code FOREIGN KEY (pcode) REFERENCES dbo.Parent (code),
  CONSTRAINT CK_Child_qty CHECK (qty > 0),
  CONSTRAINT CK_Child_range CHECK (lo <= hi))
ALTER TABLE dbo.Child NOCHECK CONSTRAINT FK_Child_code
CREATE TABLE dbo.Lonely (a int)
GO
-- every constraint type, ordered by name; a foreign key's REFERENCES row
-- follows it with the other columns blank; a CHECK on two columns is
-- "CHECK Table Level " (with the procedure's trailing space)
EXEC sp_helpconstraint N'dbo.Child'
-- expect: Object Name
-- dbo.Child
-- message:
-- expect: constraint_type | constraint_name | delete_action | update_action | status_enabled | status_for_replication | constraint_keys
-- CHECK on column qty | CK_Child_qty | (n/a) | (n/a) | Enabled | Is_For_Replication | ([qty]>(0))
-- CHECK Table Level  | CK_Child_range | (n/a) | (n/a) | Enabled | Is_For_Replication | ([lo]<=[hi])
-- DEFAULT on column qty | DF_Child_qty | (n/a) | (n/a) | (n/a) | (n/a) | ((1))
-- FOREIGN KEY | FK_Child_code | No Action | No Action | Disabled | Is_For_Replication | pcode
--   |   |   |   |   |   | REFERENCES helpconstraint_db.dbo.Parent (code)
-- FOREIGN KEY | FK_Child_Parent | Cascade | Set Null | Enabled | Is_For_Replication | pid
--   |   |   |   |   |   | REFERENCES helpconstraint_db.dbo.Parent (id)
-- PRIMARY KEY (clustered) | PK_Child | (n/a) | (n/a) | (n/a) | (n/a) | cid
-- message:
-- message: No foreign keys reference table 'dbo.Child', or you do not have permissions on referencing tables.
GO
-- nomsg leaves out the object name; the foreign keys naming the table
EXEC sp_helpconstraint 'Parent', 'nomsg'
-- expect: constraint_type | constraint_name | delete_action | update_action | status_enabled | status_for_replication | constraint_keys
-- PRIMARY KEY (non-clustered) | PK_Parent | (n/a) | (n/a) | (n/a) | (n/a) | id
-- UNIQUE (clustered) | UQ_Parent_code | (n/a) | (n/a) | (n/a) | (n/a) | code(-)
-- message:
-- expect: Table is referenced by foreign key
-- helpconstraint_db.dbo.Child: FK_Child_code
-- helpconstraint_db.dbo.Child: FK_Child_Parent
GO
-- no constraints: the two messages
EXEC sp_helpconstraint @objname = N'dbo.Lonely'
-- expect: Object Name
-- dbo.Lonely
-- message:
-- message: No constraints are defined on object 'dbo.Lonely', or you do not have permissions.
-- message:
-- message: No foreign keys reference table 'dbo.Lonely', or you do not have permissions on referencing tables.
GO
EXEC sp_helpconstraint N'dbo.Nope'
-- error: 15009 The object 'dbo.Nope' does not exist in database 'helpconstraint_db' or is invalid for this operation.
GO
EXEC sp_helpconstraint N'master.dbo.Child'
-- error: 15250 The database name component of the object qualifier must be the name of the current database.
GO
EXEC sp_helpconstraint
-- error: 201 Procedure or function 'sp_helpconstraint' expects parameter '@objname', which was not supplied.
GO
-- sp_depends: a view's columns, and the view that reads it
CREATE VIEW dbo.vChild AS SELECT c.cid, p.code FROM dbo.Child AS c JOIN dbo.Parent AS p ON p.id = c.pid
GO
CREATE VIEW dbo.vChildCount AS SELECT COUNT(cid) AS n FROM dbo.vChild
GO
EXEC sp_depends N'dbo.vChild'
-- message: In the current database, the specified object references the following:
-- expect: name | type | updated | selected | column
-- dbo.Child | user table | no | yes | cid
-- dbo.Child | user table | no | yes | pid
-- dbo.Parent | user table | no | yes | code
-- dbo.Parent | user table | no | yes | id
-- message: In the current database, the specified object is referenced by the following:
-- expect: name | type
-- dbo.vChildCount | view
GO
EXEC sp_depends @objname = N'Parent'
-- message: In the current database, the specified object is referenced by the following:
-- expect: name | type
-- dbo.vChild | view
GO
EXEC sp_depends N'dbo.vChildCount'
-- message: In the current database, the specified object references the following:
-- expect: name | type | updated | selected | column
-- dbo.vChild | view | no | yes | cid
GO
EXEC sp_depends N'dbo.Lonely'
-- message: Object does not reference any object, and no objects reference it.
GO
EXEC sp_depends N'dbo.Nope'
-- error: 15009 The object 'dbo.Nope' does not exist in database 'helpconstraint_db' or is invalid for this operation.
GO

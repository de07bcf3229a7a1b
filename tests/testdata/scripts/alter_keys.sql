-- ALTER TABLE … ADD of a column with its own constraints, an IDENTITY
-- column added to a table with rows, and DROP CONSTRAINT of a clustered
-- PRIMARY KEY (the table becomes a heap) or of a referenced key (3725).
CREATE TABLE dbo.t1 (id int NOT NULL, v int, CONSTRAINT pk_t1 PRIMARY KEY CLUSTERED (id));
INSERT dbo.t1 VALUES (1, 10), (2, 20);
CREATE INDEX ix_v ON dbo.t1 (v);
ALTER TABLE dbo.t1 DROP CONSTRAINT pk_t1;
INSERT dbo.t1 VALUES (1, 30);
GO
SELECT index_id, type_desc FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.t1') ORDER BY index_id;
-- expect: index_id | type_desc
-- 0 | HEAP
-- 2 | NONCLUSTERED
GO
SELECT id, v FROM dbo.t1 WITH (INDEX(ix_v)) WHERE v >= 20 ORDER BY v;
-- expect: id | v
-- 2 | 20
-- 1 | 30
GO
SELECT COUNT(*) AS n FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID('dbo.t1');
-- expect: n
-- 0
GO
CREATE TABLE dbo.t2 (v int);
INSERT dbo.t2 VALUES (10), (20), (30);
ALTER TABLE dbo.t2 ADD id int IDENTITY(100, 5) NOT NULL CONSTRAINT pk_t2 PRIMARY KEY;
INSERT dbo.t2 (v) VALUES (40);
SELECT id, v FROM dbo.t2 ORDER BY id;
-- expect: id | v
-- 100 | 10
-- 105 | 20
-- 110 | 30
-- 115 | 40
GO
SELECT name, type FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID('dbo.t2');
-- expect: name | type
-- pk_t2 | PK
GO
CREATE TABLE dbo.t3 (a int);
INSERT dbo.t3 VALUES (1);
ALTER TABLE dbo.t3 ADD b int CONSTRAINT ck_t3_b CHECK (b > 0);
GO
INSERT dbo.t3 VALUES (2, -1);
-- error: 547
-- message: The statement has been terminated.
GO
CREATE TABLE dbo.p (id int PRIMARY KEY, u int NOT NULL CONSTRAINT uq_p_u UNIQUE);
CREATE TABLE dbo.c (pid int, pu int CONSTRAINT fk_c_u REFERENCES dbo.p (u));
GO
ALTER TABLE dbo.p DROP CONSTRAINT uq_p_u;
-- error: 3725 The constraint 'uq_p_u' is being referenced by table 'c', foreign key constraint 'fk_c_u'.
-- error: 3727 Could not drop constraint. See previous errors.
GO
ALTER TABLE dbo.c DROP CONSTRAINT fk_c_u;
ALTER TABLE dbo.p DROP CONSTRAINT uq_p_u;
SELECT COUNT(*) AS n FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID('dbo.p') AND type = 'UQ';
-- expect: n
-- 0
GO

-- INSTEAD OF triggers on tables and views: the statement does not write;
-- the trigger gets its rows in inserted / deleted. A statement the trigger
-- runs on its own target writes directly (no recursion).
CREATE TABLE dbo.person (id int PRIMARY KEY, name varchar(20))
CREATE TABLE dbo.audit (n int IDENTITY PRIMARY KEY, msg varchar(60))
GO
CREATE TRIGGER dbo.person_ins ON dbo.person INSTEAD OF INSERT AS
BEGIN
    SET NOCOUNT ON
    INSERT dbo.person (id, name) SELECT id, UPPER(name) FROM inserted WHERE name <> 'skip'
    INSERT dbo.audit (msg) SELECT 'ins ' + name FROM inserted
END
GO
INSERT dbo.person VALUES (1, 'ann'), (2, 'skip')
INSERT dbo.person (name, id) SELECT 'cy', 3
SELECT id, name FROM dbo.person ORDER BY id
SELECT msg FROM dbo.audit ORDER BY n
-- expect: id | name
-- 1 | ANN
-- 3 | CY
-- expect: msg
-- ins ann
-- ins skip
-- ins cy
GO
CREATE TRIGGER dbo.person_ins2 ON dbo.person INSTEAD OF INSERT, DELETE AS SELECT 1 AS x
-- error: 2111 Cannot CREATE trigger 'person_ins2' on table 'dbo.person' because an INSTEAD OF INSERT trigger already exists on this object.
GO
CREATE TRIGGER dbo.person_upd ON dbo.person INSTEAD OF UPDATE AS
BEGIN
    SET NOCOUNT ON
    IF UPDATE(id)
    BEGIN
        RAISERROR('id is read-only', 16, 1)
        RETURN
    END
    INSERT dbo.audit (msg) SELECT 'upd ' + d.name + ' -> ' + i.name + ' rows ' + CAST(@@ROWCOUNT AS varchar(5)) FROM deleted AS d JOIN inserted AS i ON i.id = d.id
    UPDATE dbo.person SET name = i.name FROM dbo.person JOIN inserted AS i ON i.id = dbo.person.id
END
GO
UPDATE dbo.person SET name += '!' WHERE id = 3
SELECT id, name FROM dbo.person ORDER BY id
SELECT msg FROM dbo.audit WHERE msg LIKE 'upd%'
-- expect: id | name
-- 1 | ANN
-- 3 | CY!
-- expect: msg
-- upd CY -> CY! rows 1
GO
UPDATE dbo.person SET id = 9 WHERE id = 1
-- error: 50000 id is read-only
GO
UPDATE p SET name = 'Ann' FROM dbo.person AS p JOIN (VALUES (1)) AS k(id) ON k.id = p.id
SELECT id, name FROM dbo.person WHERE id = 1
SELECT TOP (1) msg FROM dbo.audit ORDER BY n DESC
-- expect: id | name
-- 1 | Ann
-- expect: msg
-- upd ANN -> Ann rows 1
GO
CREATE TABLE dbo.doc (id int PRIMARY KEY, title varchar(20), gone bit NOT NULL DEFAULT 0)
INSERT dbo.doc (id, title) VALUES (1, 'a'), (2, 'b'), (3, 'c')
GO
CREATE TRIGGER dbo.doc_del ON dbo.doc INSTEAD OF DELETE AS
    UPDATE dbo.doc SET gone = 1 WHERE id IN (SELECT id FROM deleted)
GO
DELETE dbo.doc WHERE id > 1
DELETE FROM dbo.doc WHERE title = 'zzz'
SELECT id, gone FROM dbo.doc ORDER BY id
-- expect: id | gone
-- 1 | 0
-- 2 | 1
-- 3 | 1
GO
CREATE TRIGGER dbo.doc_fail ON dbo.doc INSTEAD OF INSERT AS
BEGIN
    INSERT dbo.doc (id, title) SELECT id, title FROM inserted
    ;THROW 50001, 'no new documents', 1
END
GO
INSERT dbo.doc (id, title) VALUES (4, 'd')
-- error: 50001 no new documents
GO
SELECT COUNT(*) AS n FROM dbo.doc
-- expect: n
-- 3
GO
CREATE TABLE dbo.dept (id int PRIMARY KEY, dname varchar(20))
CREATE TABLE dbo.emp (id int PRIMARY KEY, ename varchar(20), dept int)
GO
CREATE VIEW dbo.emp_dept AS SELECT e.id, e.ename, d.dname FROM dbo.emp AS e JOIN dbo.dept AS d ON d.id = e.dept
GO
CREATE TRIGGER dbo.emp_dept_after ON dbo.emp_dept AFTER INSERT AS SELECT 1 AS x
-- error: 8197 The object 'dbo.emp_dept' does not exist or is invalid for this operation.
GO
CREATE TRIGGER dbo.emp_dept_ins ON dbo.emp_dept INSTEAD OF INSERT AS
BEGIN
    SET NOCOUNT ON
    INSERT dbo.dept (id, dname) SELECT DISTINCT 10 + MIN(id), dname FROM inserted WHERE dname NOT IN (SELECT dname FROM dbo.dept) GROUP BY dname
    INSERT dbo.emp (id, ename, dept) SELECT i.id, i.ename, d.id FROM inserted AS i JOIN dbo.dept AS d ON d.dname = i.dname
END
GO
CREATE TRIGGER dbo.emp_dept_del ON dbo.emp_dept INSTEAD OF DELETE AS
    DELETE dbo.emp WHERE id IN (SELECT id FROM deleted)
GO
CREATE TRIGGER dbo.emp_after ON dbo.emp AFTER INSERT, DELETE AS
    INSERT dbo.audit (msg) SELECT 'emp+ ' + ename FROM inserted UNION ALL SELECT 'emp- ' + ename FROM deleted
GO
INSERT dbo.emp_dept VALUES (1, 'ann', 'ops'), (2, 'bob', 'dev')
INSERT dbo.emp_dept (dname, ename, id) VALUES ('ops', 'cy', 3)
SELECT id, ename, dname FROM dbo.emp_dept ORDER BY id
SELECT id, dname FROM dbo.dept ORDER BY id
-- expect: id | ename | dname
-- 1 | ann | ops
-- 2 | bob | dev
-- 3 | cy | ops
-- expect: id | dname
-- 11 | ops
-- 12 | dev
GO
-- MERGE: the INSTEAD OF trigger of each action the MERGE specifies fires
-- with the rows that action would have written (inserted: columns left
-- out are NULL; UPDATE(col) is true for the SET columns).
BEGIN TRAN
MERGE dbo.person AS t USING (VALUES (7, 'x'), (8, 'skip'), (1, 'dup')) AS s(id, name) ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.name);
SELECT id, name FROM dbo.person ORDER BY id
SELECT TOP (2) msg FROM dbo.audit ORDER BY n DESC
ROLLBACK
-- expect: id | name
-- 1 | Ann
-- 3 | CY!
-- 7 | X
-- expect: msg
-- ins skip
-- ins x
GO
BEGIN TRAN
MERGE dbo.person AS t USING (VALUES (1, 'ANNA'), (9, 'zed')) AS s(id, name) ON t.id = s.id
    WHEN MATCHED THEN UPDATE SET name = s.name
    WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id);
SELECT id, name FROM dbo.person ORDER BY id
SELECT TOP (2) msg FROM dbo.audit ORDER BY n DESC
ROLLBACK
-- expect: id | name
-- 1 | ANNA
-- 3 | CY!
-- expect: msg
-- upd Ann -> ANNA rows 1
-- NULL
GO
-- dbo.person has no INSTEAD OF DELETE: a MERGE that also deletes is 5316.
MERGE dbo.person AS t USING (VALUES (3)) AS s(id) ON t.id = s.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id);
-- error: 5316 The target 'person' of the MERGE statement has an INSTEAD OF trigger on some, but not all, of the actions specified in the MERGE statement. In a MERGE statement, if any action has an enabled INSTEAD OF trigger on the target, then all actions must have enabled INSTEAD OF triggers.
GO
-- No action with an INSTEAD OF trigger: the MERGE writes (and the AFTER
-- triggers fire).
BEGIN TRAN
MERGE dbo.doc AS t USING (VALUES (3, 'cc')) AS s(id, title) ON t.id = s.id WHEN MATCHED THEN UPDATE SET title = s.title;
SELECT id, title, gone FROM dbo.doc WHERE id = 3
ROLLBACK
-- expect: id | title | gone
-- 3 | cc | 1
GO
MERGE dbo.emp_dept AS t USING (VALUES (5, 'eve', 'ops')) AS s(id, ename, dname) ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.ename, s.dname);
-- error: 40508 MERGE into a view with an INSTEAD OF trigger is not supported.
GO
DELETE dbo.emp_dept WHERE dname = 'ops'
SELECT id, ename FROM dbo.emp ORDER BY id
SELECT msg FROM dbo.audit WHERE msg LIKE 'emp%' ORDER BY n
-- expect: id | ename
-- 2 | bob
-- expect: msg
-- emp+ ann
-- emp+ bob
-- emp+ cy
-- emp- ann
-- emp- cy
GO
SELECT t.name, t.is_instead_of_trigger, OBJECT_NAME(t.parent_id) AS parent FROM sys.triggers AS t ORDER BY t.name
-- expect: name | is_instead_of_trigger | parent
-- doc_del | 1 | doc
-- doc_fail | 1 | doc
-- emp_after | 0 | emp
-- emp_dept_del | 1 | emp_dept
-- emp_dept_ins | 1 | emp_dept
-- person_ins | 1 | person
-- person_upd | 1 | person
GO
DROP VIEW dbo.emp_dept
DROP TABLE dbo.doc
SELECT COUNT(*) AS n FROM sys.triggers WHERE name LIKE 'emp_dept%' OR name LIKE 'doc%'
-- expect: n
-- 0
GO
-- TRY/CATCH in a trigger: RAISERROR in TRY is caught and the trigger goes on;
-- any other error dooms the transaction (triggers run with XACT_ABORT ON).
CREATE TRIGGER dbo.person_try ON dbo.person AFTER DELETE AS
BEGIN
    SET NOCOUNT ON
    DECLARE @n int = (SELECT MIN(id) FROM deleted)
    BEGIN TRY
        IF @n = 3
            RAISERROR('three is logged', 16, 1)
        DECLARE @x int = 1 / (@n / 2)
    END TRY
    BEGIN CATCH
        PRINT 'caught ' + CAST(ERROR_NUMBER() AS varchar(10)) + ': ' + ERROR_MESSAGE()
        IF @n = 3
            INSERT dbo.audit (msg) VALUES ('logged ' + ERROR_MESSAGE())
        IF @n = 0
            INSERT dbo.audit (msg) VALUES ('not allowed')
    END CATCH
END
GO
DELETE dbo.person WHERE id = 3
SELECT id FROM dbo.person
SELECT TOP (1) msg FROM dbo.audit ORDER BY n DESC
-- message: caught 50000: three is logged
-- expect: id
-- 1
-- expect: msg
-- logged three is logged
GO
DELETE dbo.person WHERE id = 1
-- message: caught 8134: Divide by zero error encountered.
-- error: 3616 An error was raised during trigger execution. The batch has been aborted and the user transaction, if any, has been rolled back.
GO
INSERT dbo.person VALUES (0, 'zed')
DELETE dbo.person WHERE id = 0
-- message: caught 8134: Divide by zero error encountered.
-- error: 3930 The current transaction cannot be committed and cannot support operations that write to the log file. Roll back the transaction.
GO
SELECT id, name FROM dbo.person ORDER BY id
-- expect: id | name
-- 0 | ZED
-- 1 | Ann
GO
CREATE FUNCTION dbo.f_try() RETURNS int AS
BEGIN
    BEGIN TRY
        RETURN 1
    END TRY
    BEGIN CATCH
        RETURN 0
    END CATCH
    RETURN 2
END
-- error: 443 Invalid use of a side-effecting operator 'BEGIN TRY' within a function.
GO
DROP TABLE dbo.person, dbo.audit, dbo.emp, dbo.dept
GO

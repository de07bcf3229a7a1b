-- Message 3621, "The statement has been terminated." (class 0, state 0): SQL
-- Server sends it after the error that ends a data-modifying statement
-- (INSERT, UPDATE, DELETE, MERGE, SELECT … INTO), between the error and the
-- statement's DONE, and the batch goes on. It does not follow a SELECT's
-- error, a caught error, an error that ends the batch (conversion, XACT_ABORT
-- ON, a trigger's) or a compilation error.
CREATE TABLE dbo.p (id int CONSTRAINT PK_p PRIMARY KEY, code varchar(3) NOT NULL CONSTRAINT UQ_p UNIQUE, n tinyint NULL)
CREATE TABLE dbo.c (id int PRIMARY KEY, pid int CONSTRAINT FK_c_p REFERENCES dbo.p (id), q int CONSTRAINT CK_c_q CHECK (q > 0))
CREATE UNIQUE INDEX UX_p_n ON dbo.p (n) WHERE n IS NOT NULL
INSERT dbo.p VALUES (1, 'a', 1), (2, 'b', 2)
INSERT dbo.c VALUES (1, 1, 1)
GO
-- duplicate key, then the batch goes on
INSERT dbo.p VALUES (1, 'z', NULL)
PRINT 'after'
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_p'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (1).
-- message: The statement has been terminated.
-- message: after
GO
UPDATE dbo.p SET code = 'a' WHERE id = 2
-- error: 2627 Violation of UNIQUE KEY constraint 'UQ_p'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (a).
-- message: The statement has been terminated.
GO
INSERT dbo.p VALUES (3, 'c', 1)
-- error: 2601 Cannot insert duplicate key row in object 'dbo.p' with unique index 'UX_p_n'. The duplicate key value is (1).
-- message: The statement has been terminated.
GO
INSERT dbo.p (id, code) VALUES (3, NULL)
-- error: 515
-- message: The statement has been terminated.
GO
INSERT dbo.c VALUES (2, 9, 1)
-- error: 547
-- message: The statement has been terminated.
GO
DELETE dbo.p WHERE id = 1
-- error: 547
-- message: The statement has been terminated.
GO
UPDATE dbo.c SET q = 0
-- error: 547
-- message: The statement has been terminated.
GO
INSERT dbo.p VALUES (3, 'long', NULL)
-- error: 2628
-- message: The statement has been terminated.
GO
UPDATE dbo.p SET n = 300 WHERE id = 1
-- error: 220 Arithmetic overflow error for data type tinyint, value = 300.
-- message: The statement has been terminated.
GO
UPDATE dbo.c SET q = q / 0
-- error: 8134 Divide by zero error encountered.
-- message: The statement has been terminated.
GO
UPDATE dbo.c SET q = (SELECT id FROM dbo.p)
-- error: 512 Subquery returned more than 1 value. This is not permitted when the subquery follows =, !=, <, <= , >, >= or when the subquery is used as an expression.
-- message: The statement has been terminated.
GO
MERGE dbo.p AS t USING (VALUES (1, 'a')) AS s (id, code) ON t.id = s.id
WHEN NOT MATCHED THEN INSERT (id, code) VALUES (s.id, s.code)
WHEN MATCHED THEN UPDATE SET code = 'b';
-- error: 2627 Violation of UNIQUE KEY constraint 'UQ_p'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (b).
-- message: The statement has been terminated.
GO
SELECT id, 1 / 0 AS x INTO dbo.p2 FROM dbo.p
-- error: 8134 Divide by zero error encountered.
-- message: The statement has been terminated.
GO
-- in a procedure: the statement's error, then 3621, and the procedure goes on
CREATE PROCEDURE dbo.addp @id int AS
INSERT dbo.p VALUES (@id, 'x', NULL)
PRINT 'in proc'
GO
EXEC dbo.addp 1
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_p'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (1).
-- message: The statement has been terminated.
-- message: in proc
GO
-- dynamic SQL likewise
EXEC (N'INSERT dbo.p VALUES (1, ''y'', NULL)')
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_p'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (1).
-- message: The statement has been terminated.
GO
-- not after a SELECT's own error
SELECT 1 / 0 AS x
-- expect: x
-- error: 8134 Divide by zero error encountered.
GO
-- not after a caught error
BEGIN TRY
    INSERT dbo.p VALUES (1, 'z', NULL)
END TRY
BEGIN CATCH
    PRINT CONCAT('caught ', ERROR_NUMBER())
END CATCH
-- message: caught 2627
GO
-- not under XACT_ABORT ON: the error ends the batch and the transaction
SET XACT_ABORT ON
BEGIN TRAN
INSERT dbo.p VALUES (1, 'z', NULL)
PRINT 'not reached'
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_p'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (1).
GO
SET XACT_ABORT OFF
SELECT @@TRANCOUNT AS tc
-- expect: tc
-- 0
GO
-- not after a conversion error, which ends the batch
INSERT dbo.c VALUES (5, 1, 'abc')
PRINT 'not reached'
-- error: 245 Conversion failed when converting the varchar value 'abc' to data type int.
GO
-- not after a compilation error
INSERT dbo.p VALUES (7)
-- error: 213 Column name or number of supplied values does not match table definition.
GO
-- an error in a trigger ends the batch: no 3621
CREATE TRIGGER dbo.c_ins ON dbo.c AFTER INSERT AS
INSERT dbo.p VALUES (1, 'w', NULL)
GO
INSERT dbo.c VALUES (6, 1, 1)
PRINT 'not reached'
-- error: 2627 Violation of PRIMARY KEY constraint 'PK_p'. Cannot insert duplicate key in object 'dbo.p'. The duplicate key value is (1).
GO
DROP TRIGGER dbo.c_ins
SELECT COUNT(*) AS n FROM dbo.c
-- expect: n
-- 1
GO

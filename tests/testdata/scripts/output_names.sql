-- OUTPUT binds the modified table's columns only through inserted. and
-- deleted.: an unqualified column is 207 (bun's Returning("id") sends
-- OUTPUT id), deleted in an INSERT and inserted in a DELETE are 4104.
CREATE TABLE dbo.outn (id int IDENTITY PRIMARY KEY, name nvarchar(10))
GO
INSERT dbo.outn (name) OUTPUT id VALUES (N'a')
-- error: 207 Invalid column name 'id'.
GO
UPDATE dbo.outn SET name = N'b' OUTPUT name
-- error: 207 Invalid column name 'name'.
GO
DELETE dbo.outn OUTPUT id
-- error: 207 Invalid column name 'id'.
GO
INSERT dbo.outn (name) OUTPUT deleted.id VALUES (N'a')
-- error: 4104 The multi-part identifier "deleted.id" could not be bound.
GO
DELETE dbo.outn OUTPUT inserted.id
-- error: 4104 The multi-part identifier "inserted.id" could not be bound.
GO
INSERT dbo.outn (name) OUTPUT inserted.id, inserted.name VALUES (N'a')
-- expect: id | name
-- 1 | a
GO
UPDATE dbo.outn SET name = N'c' OUTPUT deleted.name AS old, inserted.name AS new
-- expect: old | new
-- a | c
GO

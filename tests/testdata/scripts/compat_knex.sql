-- What Knex's mssql client sends (tests/clients/node/knex.js). A nullable
-- unique column is a filtered unique index (WHERE col IS NOT NULL), and
-- renameColumn is sp_rename: the index's filter, like a CHECK constraint's
-- and a computed column's definition, follows the column to its new name.
CREATE TABLE [authors] ([id] int identity(1,1) not null primary key, [name] nvarchar(100) not null, [email] nvarchar(200),
  [score] int CONSTRAINT [authors_score_check] CHECK ([score] >= 0), [double_score] AS ([score] * 2))
CREATE UNIQUE INDEX [authors_email_unique] ON [authors] ([email]) WHERE [email] IS NOT NULL
GO
exec sp_rename N'authors.email', N'mail', 'COLUMN'
exec sp_rename N'authors.score', N'points', 'COLUMN'
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
-- message: Caution: Changing any part of an object name could break scripts and stored procedures.
GO
insert into [authors] ([mail], [name], [points]) output inserted.[id], inserted.[double_score] values (N'ada@example.org', N'Ada', 4)
-- expect: id | double_score
-- 1 | 8
GO
insert into [authors] ([mail], [name], [points]) values (N'ada@example.org', N'Ada again', 1)
-- error: 2601 Cannot insert duplicate key row in object 'dbo.authors' with unique index 'authors_email_unique'. The duplicate key value is (ada@example.org).
-- message: The statement has been terminated.
GO
insert into [authors] ([name], [points]) values (N'Bob', 1), (N'Cy', 2)
insert into [authors] ([name], [points]) values (N'Neg', -1)
-- error: 547
-- message: The statement has been terminated.
GO
SELECT name, filter_definition FROM sys.indexes WHERE object_id = OBJECT_ID('authors') AND has_filter = 1
SELECT name, definition FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID('authors')
SELECT name, definition FROM sys.computed_columns WHERE object_id = OBJECT_ID('authors')
-- expect: name | filter_definition
-- authors_email_unique | ([mail] IS NOT NULL)
-- expect: name | definition
-- authors_score_check | ([points]>=(0))
-- expect: name | definition
-- double_score | ([points]*(2))
GO

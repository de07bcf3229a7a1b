-- What Sequelize 6's mssql dialect sends (tests/clients/node/sequelize.js).
-- sync({alter}) changes each column with ALTER TABLE … ALTER COLUMN and its
-- CREATE TABLE definition, which may end in UNIQUE or DEFAULT: neither is in
-- ALTER COLUMN's grammar, so SQL Server refuses the batch with 156 and the
-- column keeps its constraints (sequelize/sequelize#9057, #17405).
CREATE TABLE dbo.Codes (id INT IDENTITY(1,1) PRIMARY KEY, code NVARCHAR(20) NULL UNIQUE, n INT DEFAULT 0, m INT)
GO
ALTER TABLE [Codes] ALTER COLUMN [code] NVARCHAR(20) NULL UNIQUE;
-- error: 156 Incorrect syntax near the keyword 'UNIQUE'.
GO
ALTER TABLE [Codes] ALTER COLUMN [n] INTEGER DEFAULT 0;
-- error: 156 Incorrect syntax near the keyword 'DEFAULT'.
GO
ALTER TABLE [Codes] ALTER COLUMN [n] INTEGER IDENTITY(1,1);
-- error: 156 Incorrect syntax near the keyword 'IDENTITY'.
GO
ALTER TABLE [Codes] ALTER COLUMN [n] INTEGER PRIMARY KEY;
-- error: 156 Incorrect syntax near the keyword 'PRIMARY'.
GO
ALTER TABLE [Codes] ALTER COLUMN [n] INTEGER CONSTRAINT ck CHECK (n > 0);
-- error: 156 Incorrect syntax near the keyword 'CONSTRAINT'.
GO
-- What ALTER COLUMN does allow: the type, COLLATE, NULL or NOT NULL.
ALTER TABLE [Codes] ALTER COLUMN [m] BIGINT NOT NULL;
SELECT c.name, TYPE_NAME(c.system_type_id) AS type, c.is_nullable
FROM sys.columns c WHERE c.object_id = OBJECT_ID('dbo.Codes') AND c.name = 'm'
-- expect: name | type | is_nullable
-- m | bigint | 0
GO
SELECT COUNT(*) AS uniques FROM sys.indexes WHERE object_id = OBJECT_ID('dbo.Codes') AND is_unique_constraint = 1
-- expect: uniques
-- 1
GO

DELETE FROM accounts WHERE email = N'seed@example.com';
ALTER TABLE accounts DROP CONSTRAINT df_accounts_status;
ALTER TABLE accounts DROP COLUMN status;

-- +goose Up
ALTER TABLE accounts ADD status varchar(10) NOT NULL CONSTRAINT df_accounts_status DEFAULT 'active';
INSERT INTO accounts (email) VALUES (N'seed@example.com');

-- +goose Down
DELETE FROM accounts WHERE email = N'seed@example.com';
ALTER TABLE accounts DROP CONSTRAINT df_accounts_status;
ALTER TABLE accounts DROP COLUMN status;

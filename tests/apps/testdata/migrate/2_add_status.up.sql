ALTER TABLE accounts ADD status varchar(10) NOT NULL CONSTRAINT df_accounts_status DEFAULT 'active';
INSERT INTO accounts (email) VALUES (N'seed@example.com');

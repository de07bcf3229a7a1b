-- +goose Up
CREATE TABLE accounts (
    id int IDENTITY(1,1) NOT NULL CONSTRAINT pk_accounts PRIMARY KEY,
    email nvarchar(255) NOT NULL CONSTRAINT uq_accounts_email UNIQUE,
    created_at datetime2 NOT NULL CONSTRAINT df_accounts_created DEFAULT SYSUTCDATETIME()
);
CREATE TABLE payments (
    id bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_payments PRIMARY KEY,
    account_id int NOT NULL CONSTRAINT fk_payments_accounts REFERENCES accounts (id) ON DELETE CASCADE,
    amount decimal(12,2) NOT NULL CONSTRAINT ck_payments_amount CHECK (amount > 0)
);
CREATE INDEX ix_payments_account ON payments (account_id) INCLUDE (amount);

-- +goose Down
DROP TABLE payments;
DROP TABLE accounts;

DROP VIEW dbo.account_balances;

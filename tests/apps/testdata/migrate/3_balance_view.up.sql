CREATE VIEW dbo.account_balances AS
SELECT a.id, a.email, COALESCE(SUM(p.amount), 0) AS balance
FROM dbo.accounts a LEFT JOIN dbo.payments p ON p.account_id = a.id
GROUP BY a.id, a.email;

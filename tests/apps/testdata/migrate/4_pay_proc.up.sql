CREATE PROCEDURE dbo.record_payment @email nvarchar(255), @amount decimal(12,2)
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.payments (account_id, amount)
    SELECT id, @amount FROM dbo.accounts WHERE email = @email;
    IF @@ROWCOUNT = 0
        THROW 50001, N'no such account', 1;
END

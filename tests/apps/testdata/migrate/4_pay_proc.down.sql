DROP PROCEDURE dbo.record_payment;

DROP TABLE payments;
DROP TABLE accounts;

-- Steps 6 and 7 on the principal: the mirror by an IPv6 address (example D,
-- in brackets) and the witness by an IPv4 address (example C).
ALTER DATABASE AdventureWorks SET PARTNER ='tcp://[::1]:$(MirrorPort)';  
GO
ALTER DATABASE AdventureWorks   
    SET WITNESS =   
    'TCP://127.0.0.1:$(WitnessPort)'  
GO  

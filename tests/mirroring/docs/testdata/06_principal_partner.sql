-- Steps 6 and 7, on the principal: the mirror is its partner, then the
-- witness.
ALTER DATABASE AdventureWorks   
    SET PARTNER = 'TCP://$(MirrorHost):$(MirrorPort)'  
GO  
ALTER DATABASE AdventureWorks   
    SET WITNESS =   
    'TCP://$(WitnessHost):$(WitnessPort)'  
GO  

-- FORMAT in .NET cultures: the culture argument, the session language's
-- culture when there is none (SET LANGUAGE), and 9818 for a culture .NET
-- does not know. Dates and numbers from the FORMAT reference's examples.
DECLARE @d date = '2016-07-31';
SELECT FORMAT(@d, 'd', 'en-US') AS us, FORMAT(@d, 'd', 'en-gb') AS gb,
    FORMAT(@d, 'd', 'de-de') AS de, FORMAT(@d, 'd', 'zh-cn') AS cn;
-- expect: us | gb | de | cn
-- 7/31/2016 | 31/07/2016 | 31.07.2016 | 2016/7/31
GO
DECLARE @d date = '2016-07-31';
SELECT FORMAT(@d, 'D', 'en-US') AS us, FORMAT(@d, 'D', 'en-gb') AS gb,
    FORMAT(@d, 'D', 'de-de') AS de, FORMAT(@d, 'D', 'zh-cn') AS cn;
-- expect: us | gb | de | cn
-- Sunday, July 31, 2016 | 31 July 2016 | Sonntag, 31. Juli 2016 | 2016年7月31日
GO
SELECT FORMAT(CAST('2024-03-05' AS date), 'dd MMMM yyyy', 'fr-FR') AS fr,
    FORMAT(1234.5, 'N', 'de-DE') AS n, FORMAT(1.5, 'C', 'de-de') AS c;
-- expect: fr | n | c
-- 05 mars 2024 | 1.234,50 | 1,50 €
GO
SET LANGUAGE Deutsch;
SELECT FORMAT(CAST('2024-03-05' AS date), 'D') AS d, FORMAT(1234.5, 'N1') AS n;
SET LANGUAGE us_english;
-- message: Changed language setting to Deutsch.
-- expect: d | n
-- Dienstag, 5. März 2024 | 1.234,5
-- message: Changed language setting to us_english.
GO
SELECT FORMAT(1, 'N', 'xx-XX');
-- expect: -
-- error: 9818 The culture parameter 'xx-XX' provided in the function call is not supported.
GO

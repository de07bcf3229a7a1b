-- SET LANGUAGE takes a name or an alias of sys.syslanguages, sets the
-- language's date order and first day of the week, makes @@LANGUAGE the
-- official name and says so (5703); any other name is 2740.
SET LANGUAGE german;
-- message: Changed language setting to Deutsch.
GO
SELECT @@LANGUAGE AS lang, @@DATEFIRST AS datefirst, DATEPART(weekday, '20240101') AS monday,
       CONVERT(date, '02/01/2024') AS dmy;
-- expect: lang | datefirst | monday | dmy
-- Deutsch | 1 | 1 | 2024-01-02
GO
SET LANGUAGE Klingon;
-- error: 2740 SET LANGUAGE failed because 'Klingon' is not an official language name or a language alias on this SQL Server.
GO
SELECT @@LANGUAGE AS lang;
-- expect: lang
-- Deutsch
GO
DECLARE @l sysname = N'us_english';
SET LANGUAGE @l;
-- message: Changed language setting to us_english.
GO
SELECT @@LANGUAGE AS lang, @@DATEFIRST AS datefirst, CONVERT(date, '02/01/2024') AS mdy;
-- expect: lang | datefirst | mdy
-- us_english | 7 | 2024-02-01
GO
SELECT langid, RTRIM(dateformat) AS dateformat, datefirst, name, alias, lcid, msglangid
FROM sys.syslanguages WHERE langid IN (0, 1, 23) ORDER BY langid;
-- expect: langid | dateformat | datefirst | name | alias | lcid | msglangid
-- 0 | mdy | 7 | us_english | English | 1033 | 1033
-- 1 | dmy | 1 | Deutsch | German | 1031 | 1031
-- 23 | dmy | 1 | British | British English | 2057 | 1033
GO
SELECT months, shortmonths, days FROM syslanguages WHERE name = 'us_english';
-- expect: months | shortmonths | days
-- January,February,March,April,May,June,July,August,September,October,November,December | Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec | Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday
GO
SELECT COUNT(*) AS n FROM sys.syslanguages;
-- expect: n
-- 34
GO
EXEC sp_helplanguage @language = N'French';
-- expect: langid | dateformat | datefirst | upgrade | name | alias | months | shortmonths | days | lcid | msglangid
-- 2 | dmy | 1 | 0 | Français | French | janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre | janv,févr,mars,avr,mai,juin,juil,août,sept,oct,nov,déc | lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche | 1036 | 1036
GO
EXEC sp_helplanguage 'Vulcan';
-- error: 15033 'Vulcan' is not a valid official language name.
GO

-- AT TIME ZONE (SQL Server 2016+) and sys.time_zone_info: Windows zone
-- names; a datetime2 is read as a wall clock in the zone, a
-- datetimeoffset is converted.
SELECT CAST('2024-01-15T12:00:00' AS datetime2(0)) AT TIME ZONE 'Pacific Standard Time' AS winter,
       CAST('2024-07-15T12:00:00' AS datetime2(0)) AT TIME ZONE 'Pacific Standard Time' AS summer
-- expect: winter | summer
-- 2024-01-15 12:00:00 -08:00 | 2024-07-15 12:00:00 -07:00
GO
SELECT CAST('2024-07-15T12:00:00 +00:00' AS datetimeoffset(0)) AT TIME ZONE 'Central European Standard Time' AS cest,
       CAST('2024-07-15T12:00:00 +02:00' AS datetimeoffset(0)) AT TIME ZONE 'UTC' AS utc
-- expect: cest | utc
-- 2024-07-15 14:00:00 +02:00 | 2024-07-15 10:00:00 +00:00
GO
-- The forward change in Central Europe on 2022-03-27 at 02:00: a wall
-- clock in the gap moves forward with the new offset.
SELECT CONVERT(datetime2(0), '2022-03-27T01:01:00', 126) AT TIME ZONE 'Central European Standard Time' AS before_gap,
       CONVERT(datetime2(0), '2022-03-27T02:01:00', 126) AT TIME ZONE 'Central European Standard Time' AS in_gap,
       CONVERT(datetime2(0), '2022-03-27T03:01:00', 126) AT TIME ZONE 'Central European Standard Time' AS after_gap
-- expect: before_gap | in_gap | after_gap
-- 2022-03-27 01:01:00 +01:00 | 2022-03-27 03:01:00 +02:00 | 2022-03-27 03:01:00 +02:00
GO
-- The backward change on 2022-10-30 at 03:00: a wall clock shown twice
-- keeps the offset before the change.
SELECT CONVERT(datetime2(0), '2022-10-30T01:01:00', 126) AT TIME ZONE 'Central European Standard Time' AS before_overlap,
       CONVERT(datetime2(0), '2022-10-30T02:01:00', 126) AT TIME ZONE 'Central European Standard Time' AS in_overlap,
       CONVERT(datetime2(0), '2022-10-30T03:01:00', 126) AT TIME ZONE 'Central European Standard Time' AS after_overlap
-- expect: before_overlap | in_overlap | after_overlap
-- 2022-10-30 01:01:00 +02:00 | 2022-10-30 02:01:00 +02:00 | 2022-10-30 03:01:00 +01:00
GO
-- Chained: a UTC wall clock seen in another zone; names match without
-- regard to case; datetime gives datetimeoffset(3).
SELECT CAST('2024-03-01T08:30:00' AS datetime2(0)) AT TIME ZONE 'UTC' AT TIME ZONE 'tokyo standard time' AS tokyo,
       CAST('2024-03-01T08:30:00.123' AS datetime) AT TIME ZONE 'India Standard Time' AS india
-- expect: tokyo | india
-- 2024-03-01 17:30:00 +09:00 | 2024-03-01 08:30:00.123 +05:30
GO
DECLARE @tz sysname = N'E. South America Standard Time', @d datetime2(0) = '2024-03-01T08:30:00';
SELECT @d AT TIME ZONE @tz AS brazil, CAST(NULL AS datetime2) AT TIME ZONE 'UTC' AS null_date, @d AT TIME ZONE NULL AS null_zone
-- expect: brazil | null_date | null_zone
-- 2024-03-01 08:30:00 -03:00 | NULL | NULL
GO
SELECT SYSDATETIMEOFFSET() AT TIME ZONE 'Mars Standard Time'
-- expect: -
-- error: 9820 The time zone parameter 'Mars Standard Time' provided to AT TIME ZONE clause is invalid.
GO
SELECT CAST('2024-01-01' AS date) AT TIME ZONE 'UTC'
-- error: 8116 Argument data type date is invalid for argument 1 of AT TIME ZONE function.
GO
SELECT name, current_utc_offset, is_currently_dst FROM sys.time_zone_info WHERE name IN (N'UTC', N'Tokyo Standard Time', N'India Standard Time') ORDER BY name
-- expect: name | current_utc_offset | is_currently_dst
-- India Standard Time | +05:30 | 0
-- Tokyo Standard Time | +09:00 | 0
-- UTC | +00:00 | 0
GO
SELECT COUNT(*) AS zones FROM sys.time_zone_info WHERE name LIKE N'%Standard Time%'
-- expect: zones
-- 129
GO

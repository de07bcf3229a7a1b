CAST(1 AS bit) AS c_bit
CAST(200 AS tinyint) AS c_tinyint
CAST(-32000 AS smallint) AS c_smallint
CAST(2147483647 AS int) AS c_int
CAST(-9223372036854775808 AS bigint) AS c_bigint
CAST(12345.678 AS decimal(10,3)) AS c_decimal
CAST(-0.5 AS numeric(38,10)) AS c_numeric
CAST(922337203685477.5807 AS money) AS c_money
CAST(-214748.3648 AS smallmoney) AS c_smallmoney
CAST(1.5 AS real) AS c_real
CAST(-2.25e100 AS float) AS c_float
CAST('ab' AS char(4)) AS c_char
CAST('hello' AS varchar(20)) AS c_varchar
CAST(N'hé' AS nchar(3)) AS c_nchar
CAST(N'привет' AS nvarchar(20)) AS c_nvarchar
CAST(REPLICATE(CAST('x' AS varchar(max)), 9000) AS varchar(max)) AS c_varcharmax
CAST(N'max é' AS nvarchar(max)) AS c_nvarcharmax
CAST(0x0102 AS binary(3)) AS c_binary
CAST(0xCAFE AS varbinary(10)) AS c_varbinary
CAST(0xDEADBEEF AS varbinary(max)) AS c_varbinarymax
CAST('2024-02-29' AS date) AS c_date
CAST('13:14:15.1234567' AS time) AS c_time
CAST('2024-02-29 13:14:15.997' AS datetime) AS c_datetime
CAST('2024-02-29 13:14:15.1234567' AS datetime2) AS c_datetime2
CAST('2024-02-29 13:14:29' AS smalldatetime) AS c_smalldatetime
CAST('2024-02-29 13:14:15.5 +05:30' AS datetimeoffset(3)) AS c_datetimeoffset
CAST('6F9619FF-8B86-D011-B42D-00C04FC964FF' AS uniqueidentifier) AS c_uniqueidentifier
CAST(NULL AS int) AS c_null_int
CAST(NULL AS nvarchar(5)) AS c_null_nvarchar

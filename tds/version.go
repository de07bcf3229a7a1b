package tds

// TDS protocol versions as LOGIN7 and LOGINACK carry them ([MS-TDS] 2.2.6.4
// TDSVersion, 2.2.7.14 LOGINACK TDSVersion). The high byte is the major/minor
// pair (0x71 = 7.1) for 7.1 and later; TDS 8.0 (strict encryption) is 0x08000000.
const (
	TDS71Rev1 uint32 = 0x71000001 // SQL Server 2000 SP1
	TDS72     uint32 = 0x72090002 // SQL Server 2005
	TDS73A    uint32 = 0x730A0003 // SQL Server 2008
	TDS73B    uint32 = 0x730B0003 // SQL Server 2008 R2
	TDS80     uint32 = 0x08000000 // TDS 8.0 (encrypt=strict)
)

// tdsAtLeast reports whether a client's TDSVersion v is at least the version
// whose high byte is major (0x72 for 7.2, 0x74 for 7.4). TDS 8.0 counts as
// newer than every 7.x; 7.0 and 7.1 clients may also spell their version with
// a high byte of 0x07 (0x07000000, 0x07010000), which is older than 7.2.
func tdsAtLeast(v uint32, major byte) bool {
	hi := byte(v >> 24)
	if hi == 0x08 {
		return true
	}
	return hi >= major
}

// ackVersion is the TDS version LOGINACK reports, and the version the
// connection's encodings follow. SQL Server answers a down-level client with the
// version it asked for: 7.2 → 0x72090002, 7.3 → 0x730A0003 or 0x730B0003, and
// anything older than 7.2 (7.1 as 0x71000001, 0x71000000 or 0x07010000) →
// 0x71000001 (7.0 clients are answered as 7.1: this server always sends
// collations). 7.4 and TDS 8 strict clients get 7.4 (go-mssqldb would encode
// time.Time parameters as DATETIME after a LOGINACK of 0x08000000,
// tds-clients.md §2.4), and so does any newer value.
//
// What changes below 7.4: DONE row counts are 4 bytes and UserType 2 bytes
// before TDS 7.2 ([MS-TDS] 2.2.7.6, 2.2.7.4), SQLBatch/RPC requests carry no
// ALL_HEADERS before 7.2 (2.2.5.3), and result types are translated (downlevel.go).
func ackVersion(client uint32) uint32 {
	switch byte(client >> 24) {
	case 0x72:
		return TDS72
	case 0x73:
		if client == TDS73A {
			return TDS73A
		}
		return TDS73B
	}
	if !tdsAtLeast(client, 0x72) {
		return TDS71Rev1
	}
	return TDS74
}

package exec

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// A catalog view's string columns are columns like any other: their
// collation is implicit, and it is the collation of the database whose
// metadata they show (sys.objects.name, sys.columns.name,
// INFORMATION_SCHEMA.TABLES.TABLE_NAME in a Latin1_General_CS_AS database
// are Latin1_General_CS_AS), so joining them with the database's own
// columns needs no COLLATE. The views of the server's state (sys.databases,
// sys.server_principals, the DMVs …) carry the server's collation in every
// database, as in SQL Server.

// serverViewPrefixes name the server-level views ("schema.name", lower
// case, by prefix).
var serverViewPrefixes = []string{
	"sys.dm_", "sys.server_", "sys.databases", "sys.sysdatabases", "sys.master_files", "sys.sysaltfiles",
	"sys.database_mirroring", "sys.database_recovery_status", "sys.endpoints", "sys.tcp_endpoints",
	"sys.http_endpoints", "sys.service_broker_endpoints", "sys.soap_endpoints", "sys.via_endpoints",
	"sys.configurations", "sys.sysconfigures", "sys.syscurconfigs", "sys.messages", "sys.sysmessages",
	"sys.syslanguages", "sys.servers", "sys.sysservers", "sys.linked_logins", "sys.remote_logins",
	"sys.credentials", "sys.backup_devices", "sys.sql_logins", "sys.syslogins", "sys.login_token",
	"sys.traces", "sys.trace_", "sys.resource_governor_", "sys.time_zone_info", "sys.sysprocesses",
	"sys.syslockinfo", "sys.sysperfinfo", "sys.syscacheobjects", "sys.availability_",
}

// viewCollation is the collation of the string columns of system view
// name ("schema.name", lower case) read in database db.
func viewCollation(s *Session, db Database, name string) types.Collation {
	for _, p := range serverViewPrefixes {
		if strings.HasPrefix(name, p) {
			return types.DefaultCollation
		}
	}
	if db == nil {
		return types.DefaultCollation
	}
	return s.catalogFor(db).Collation
}

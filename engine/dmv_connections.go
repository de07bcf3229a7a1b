package engine

import (
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sys.dm_exec_connections with SQL Server 2019's columns in its order (it
// had ten; sp_BlitzFirst reads most_recent_sql_handle, sp_WhoIsActive
// most_recent_session_id). One row per session: each connection carries one
// session here (no MARS). num_reads / num_writes are not counted (0);
// last_read / last_write are the last request's start and end
// (waiting_views.go lastRequest); client_tcp_port, local_tcp_port and the
// connection GUIDs are not kept (NULL).
func init() {
	handle := types.Type{ID: types.VarBinary, Length: 64}
	addr := types.VarCharType(48)
	exec.RegisterView("sys.dm_exec_connections", []exec.ViewColumn{col("session_id", tInt), col("most_recent_session_id", tInt),
		col("connect_time", tDateTime), col("net_transport", types.NVarCharType(40)), col("protocol_type", types.NVarCharType(40)),
		col("protocol_version", tInt), col("endpoint_id", tInt), col("encrypt_option", types.NVarCharType(40)),
		col("auth_scheme", types.NVarCharType(40)), col("node_affinity", tSmallInt), col("num_reads", tInt), col("num_writes", tInt),
		col("last_read", tDateTime), col("last_write", tDateTime), col("net_packet_size", tInt), col("client_net_address", addr),
		col("client_tcp_port", tInt), col("local_net_address", addr), col("local_tcp_port", tInt), col("connection_id", tGUID),
		col("parent_connection_id", tGUID), col("most_recent_sql_handle", handle)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			var out []exec.Row
			s.Publish() // this session's own row shows its state now
			for _, si := range s.Server().SessionList() {
				enc := "FALSE"
				if si.Encrypted {
					enc = "TRUE"
				}
				lastRead, lastWrite := lastRequest(si)
				out = append(out, exec.Row{in(int64(si.SPID)), in(int64(si.SPID)), dtv(si.LoginTime), nv("TCP"), nv("TSQL"),
					in(int64(int32(si.Protocol))), in(4), nv(enc), nv("SQL"), types.NewSmallInt(0), in(0), in(0),
					dtv(lastRead), dtv(lastWrite), in(4096), types.NewVarChar(si.ClientAddr), nullOf(tInt),
					types.NewVarChar(si.LocalAddr), nullOf(tInt), nullOf(tGUID), nullOf(tGUID),
					types.NewVarBinary(exec.SQLHandle(si.SPID, si.Request.ID))})
			}
			return out, nil
		})
}

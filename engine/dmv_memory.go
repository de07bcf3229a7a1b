package engine

import (
	"runtime/metrics"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sys.dm_os_memory_clerks and sys.dm_os_ring_buffers (sp_Blitz,
// sp_BlitzFirst and sp_BlitzCache read them; they were 208).
//
//   - dm_os_memory_clerks: the process's memory in SQL Server's clerk
//     vocabulary, from the Go runtime's own accounting (runtime/metrics, no
//     stop-the-world): MEMORYCLERK_SQLGENERAL is the heap's live objects,
//     MEMORYCLERK_SOSNODE the goroutine stacks. Other clerks SQL Server has
//     (USERSTORE_TOKENPERM, MEMORYCLERK_XTP, CACHESTORE_SQLCP …) have no
//     counterpart and are absent, so checks summing them find 0.
//   - dm_os_ring_buffers: no rows. SQL Server's scheduler monitor writes a
//     CPU record every minute; the server keeps no such history, and a
//     made-up record would send sp_BlitzFirst's CPU checks wrong.

func init() {
	bin8 := types.Type{ID: types.VarBinary, Length: 8}
	exec.RegisterView("sys.dm_os_memory_clerks", []exec.ViewColumn{col("memory_clerk_address", bin8), col("type", tDesc),
		col("name", types.NVarCharType(256)), col("memory_node_id", tSmallInt), col("pages_kb", tBigInt),
		col("virtual_memory_reserved_kb", tBigInt), col("virtual_memory_committed_kb", tBigInt), col("awe_allocated_kb", tBigInt),
		col("shared_memory_reserved_kb", tBigInt), col("shared_memory_committed_kb", tBigInt), col("page_size_in_bytes", tBigInt),
		col("page_allocator_address", bin8), col("host_address", bin8), col("parent_memory_broker_type", tDesc)},
		func(*exec.Session, exec.Database) ([]exec.Row, error) {
			samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"}}
			metrics.Read(samples)
			kb := func(i int) int64 {
				if samples[i].Value.Kind() != metrics.KindUint64 {
					return 0
				}
				return int64(samples[i].Value.Uint64() / 1024)
			}
			b := types.NewBigInt
			clerk := func(addr byte, typ, name string, pagesKB int64) exec.Row {
				a := types.NewVarBinary([]byte{0, 0, 0, 0, 0, 0, 0x10, addr})
				return exec.Row{a, nv(typ), nv(name), types.NewSmallInt(0), b(pagesKB), b(0), b(0), b(0), b(0), b(0), b(8192), a, a,
					nullOf(tDesc)}
			}
			return []exec.Row{clerk(1, "MEMORYCLERK_SQLGENERAL", "Default", kb(0)), clerk(2, "MEMORYCLERK_SOSNODE", "SOS_Node", kb(1))}, nil
		})
	exec.RegisterView("sys.dm_os_ring_buffers", []exec.ViewColumn{col("ring_buffer_address", bin8), col("ring_buffer_type", tDesc),
		col("timestamp", tBigInt), col("record", types.NVarCharType(3072))}, noRows)
}

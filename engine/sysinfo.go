package engine

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sys.dm_os_sys_info: the machine and the instance as monitoring scripts
// read them (uptime from sqlserver_start_time, cpu_count,
// physical_memory_kb, committed_kb for the memory the process holds).

// physicalMemoryKB is MemTotal from /proc/meminfo (0 where there is none).
func physicalMemoryKB() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

func init() {
	exec.RegisterView("sys.dm_os_sys_info", []exec.ViewColumn{col("cpu_ticks", tBigInt), col("ms_ticks", tBigInt), col("cpu_count", tInt),
		col("hyperthread_ratio", tInt), col("physical_memory_kb", tBigInt), col("virtual_memory_kb", tBigInt), col("committed_kb", tInt),
		col("committed_target_kb", tInt), col("max_workers_count", tInt), col("scheduler_count", tInt), col("scheduler_total_count", tInt),
		col("sqlserver_start_time_ms_ticks", tBigInt), col("sqlserver_start_time", tDateTime), col("affinity_type", tInt),
		col("affinity_type_desc", tDesc), col("virtual_machine_type", tInt), col("virtual_machine_type_desc", tDesc),
		// Read by Glenn Berry's hardware query: one socket of cpu_count
		// cores, one NUMA node, no soft-NUMA, no container.
		col("softnuma_configuration", tInt), col("softnuma_configuration_desc", tDesc), col("process_physical_affinity", types.NVarCharType(3072)),
		col("sql_memory_model", tInt), col("sql_memory_model_desc", types.NVarCharType(120)), col("socket_count", tInt),
		col("cores_per_socket", tInt), col("numa_node_count", tInt), col("container_type", tInt), col("container_type_desc", tDesc)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			inst := instanceOf(s)
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			// ms_ticks counts from the process start here (SQL Server: from
			// the machine's boot); the difference to the start tick is the
			// uptime either way.
			up := time.Since(inst.started).Milliseconds()
			cpus := int64(runtime.NumCPU())
			phys := physicalMemoryKB()
			committed := int64(ms.Sys / 1024)
			return []exec.Row{{types.NewBigInt(up * 1000), types.NewBigInt(up), in(cpus), in(1), types.NewBigInt(phys),
				types.NewBigInt(1 << 37), in(committed), in(max(phys, committed)), in(512), in(cpus), in(cpus),
				types.NewBigInt(0), dtv(inst.started), in(2), nv("AUTO"), in(0), nv("NONE"),
				in(0), nv("OFF"), nullOf(tName), in(1), nv("CONVENTIONAL"), in(1), in(cpus), in(1), in(0), nv("NONE")}}, nil
		})
}

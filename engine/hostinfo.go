package engine

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
)

// sys.dm_os_host_info: the operating system the instance runs on, as SQL
// Server on Linux reports it — scripts pick directory separators and
// commands by host_platform (Ola Hallengren's DatabaseBackup does).

// osRelease is /etc/os-release's PRETTY_NAME (or NAME), "" if unknown.
func osRelease() string {
	f, err := os.Open("/etc/os-release")
	if err != nil {
		return ""
	}
	defer f.Close()
	name := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		switch k {
		case "PRETTY_NAME":
			return v
		case "NAME":
			name = v
		}
	}
	return name
}

// kernelRelease is uname -r.
func kernelRelease() string {
	var u syscall.Utsname
	if err := syscall.Uname(&u); err != nil {
		return ""
	}
	var b strings.Builder
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		b.WriteByte(byte(c))
	}
	return b.String()
}

func init() {
	s256 := types.NVarCharType(256)
	exec.RegisterView("sys.dm_os_host_info", []exec.ViewColumn{col("host_platform", s256), col("host_distribution", s256),
		col("host_release", s256), col("host_service_pack_level", s256), col("host_sku", tInt), col("os_language_version", tInt),
		col("host_architecture", s256)},
		func(*exec.Session, exec.Database) ([]exec.Row, error) {
			platform := "Linux"
			if runtime.GOOS != "linux" {
				platform = strings.ToUpper(runtime.GOOS[:1]) + runtime.GOOS[1:]
			}
			arch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
			if arch == "" {
				arch = strings.ToUpper(runtime.GOARCH)
			}
			return []exec.Row{{nv(platform), nv(osRelease()), nv(kernelRelease()), nv(""), types.Null(types.Int), in(0), nv(arch)}}, nil
		})
	// sys.dm_os_server_diagnostics_log_configurations: where scripts put
	// log files next to the server's (Agent job output files). The error
	// log is kept in memory and written to the process's standard error,
	// so the path is the instance's data directory.
	exec.RegisterView("sys.dm_os_server_diagnostics_log_configurations", []exec.ViewColumn{col("is_enabled", tBit),
		col("path", types.NVarCharType(260)), col("max_size", tInt), col("max_files", tInt)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			dir, err := filepath.Abs(instanceOf(s).cfg.DataDir)
			if err != nil {
				dir = instanceOf(s).cfg.DataDir
			}
			return []exec.Row{{bt(true), nv(dir + string(filepath.Separator)), in(100), in(10)}}, nil
		})
}

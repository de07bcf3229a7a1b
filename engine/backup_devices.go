package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Logical backup devices: sp_addumpdevice 'disk', 'name', 'path' names a
// backup file, sys.backup_devices lists the names, BACKUP … TO name and
// RESTORE … FROM name use the file, sp_dropdevice 'name' [, 'delfile']
// forgets it (and deletes the file). The names are instance-wide and kept
// in master (catalog.Server.BackupDevices), as SQL Server keeps them in
// master.dbo.sysdevices.

// backupDeviceTypes are sp_addumpdevice's device types and their
// sys.backup_devices type codes.
var backupDeviceTypes = map[string]uint8{"DISK": 2, "TAPE": 5}

func init() {
	exec.RegisterProc("sp_addumpdevice", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		if inst == nil {
			return 1, exec.ErrNotSupported.New("sp_addumpdevice outside an instance")
		}
		if s.TranCount() > 0 {
			return 1, errProcInTransaction("sp_addumpdevice")
		}
		typ := exec.ArgString(args, 0, "@devtype")
		name, physical := exec.ArgString(args, 1, "@logicalname"), exec.ArgString(args, 2, "@physicalname")
		if _, ok := backupDeviceTypes[strings.ToUpper(typ)]; !ok {
			return 1, &exec.Error{Number: 15044, Severity: 16, State: 1, Message: "The type \"" + typ + "\" is an unknown backup device type. Use the type \"disk\" or \"tape\"."}
		}
		if name == "" {
			return 1, &exec.Error{Number: 15045, Severity: 16, State: 1, Message: "The logical name cannot be NULL."}
		}
		if physical == "" {
			return 1, &exec.Error{Number: 15046, Severity: 16, State: 1, Message: "The physical name cannot be NULL."}
		}
		err := inst.UpdateServer(func(srv *catalog.Server) error {
			for _, d := range srv.BackupDevices {
				if strings.EqualFold(d.Name, name) {
					return &exec.Error{Number: 15026, Severity: 16, State: 1, Message: "Logical device '" + name + "' already exists."}
				}
				if strings.EqualFold(d.Physical, physical) {
					return &exec.Error{Number: 15061, Severity: 16, State: 1, Message: "The add device request was denied. A physical device named \"" + physical + "\" already exists. Only one backup device may refer to any physical device name."}
				}
			}
			srv.BackupDevices = append(srv.BackupDevices, catalog.BackupDevice{Name: name, Type: strings.ToUpper(typ), Physical: physical})
			return nil
		})
		if err != nil {
			return 1, err
		}
		return 0, nil
	})
	exec.RegisterProc("sp_dropdevice", func(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
		inst := instanceOf(s)
		if inst == nil {
			return 1, exec.ErrNotSupported.New("sp_dropdevice outside an instance")
		}
		if s.TranCount() > 0 {
			return 1, errProcInTransaction("sp_dropdevice")
		}
		name, delfile := exec.ArgString(args, 0, "@logicalname"), exec.ArgString(args, 1, "@delfile")
		var dropped catalog.BackupDevice
		err := inst.UpdateServer(func(srv *catalog.Server) error {
			for i, d := range srv.BackupDevices {
				if strings.EqualFold(d.Name, name) {
					dropped = d
					srv.BackupDevices = append(srv.BackupDevices[:i:i], srv.BackupDevices[i+1:]...)
					return nil
				}
			}
			return &exec.Error{Number: 15012, Severity: 16, State: 1, Message: "The device '" + name + "' does not exist. Use sys.backup_devices to show available devices."}
		})
		if err != nil {
			return 1, err
		}
		if strings.EqualFold(delfile, "DELFILE") && dropped.Type == "DISK" {
			path, err := inst.defaultDirPath(dropped.Physical)
			if err == nil {
				err = os.Remove(path)
			}
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				inst.logger.Warn("sp_dropdevice: backup file not deleted", "device", dropped.Name, "path", path, "err", err)
			}
		}
		return 0, nil
	})
	exec.RegisterView("sys.backup_devices", []exec.ViewColumn{col("name", tName), col("type", tTinyInt), col("type_desc", tDesc),
		col("physical_name", types.NVarCharType(260))}, func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
		var rows []exec.Row
		for _, d := range instanceOf(s).Server().BackupDevices {
			rows = append(rows, exec.Row{nv(d.Name), ti(int64(backupDeviceTypes[d.Type])), nv(d.Type), nv(d.Physical)})
		}
		return rows, nil
	})
}

// logicalDevice resolves BACKUP … TO name / RESTORE … FROM name (or a
// variable holding the name) to the device's physical name: 3206 when no
// device has the name, as SQL Server's sysdevices lookup says.
func logicalDevice(s *exec.Session, d *ast.Device) (name, physical string, err error) {
	name = backupDatabaseName(s, d.Path) // a ColumnRef's name, a variable's value
	for _, dev := range instanceOf(s).Server().BackupDevices {
		if !strings.EqualFold(dev.Name, name) {
			continue
		}
		if dev.Type != "DISK" {
			return "", "", exec.ErrNotSupported.New("Backup devices other than DISK")
		}
		return dev.Name, dev.Physical, nil
	}
	return "", "", &exec.Error{Number: 3206, Severity: 16, State: 1, Message: "No entry in sysdevices for backup device '" + name + "'. Update sysdevices and rerun statement."}
}

// defaultDirPath is where a file name given to BACKUP, RESTORE … WITH MOVE or
// sp_addumpdevice points: a relative one is in the instance's default
// backup or data directory, as SQL Server places it (on Linux both are
// /var/opt/mssql/data): here the data directory, never the server process's
// working directory. msdb, the catalog views and the messages show the
// full path.
func (inst *Instance) defaultDirPath(path string) (string, error) {
	if path == "" || filepath.IsAbs(path) {
		return path, nil
	}
	dir, err := filepath.Abs(inst.cfg.DataDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, path), nil
}

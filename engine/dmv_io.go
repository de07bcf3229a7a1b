package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/engine/txlog"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// The log and file views of DBAs' maintenance scripts: virtual log files
// (DBCC LOGINFO, sys.dm_db_log_info), file I/O (sys.dm_io_virtual_file_stats),
// file space (sys.dm_db_file_space_usage), sp_helpfile, and the per-database
// transactions (sys.dm_tran_database_transactions).
//
// A database's log is a directory of segment files (engine/txlog): each
// segment is shown as one virtual log file. Segments that hold log from the
// truncation point (RetainedFrom) to the end of the log are active (status
// 2: still needed, by the checkpoint, a log backup or the mirror — see
// log_reuse_wait_desc); the segment prepared ahead of the end is inactive
// (status 0). Truncation removes whole segments, so inactive VLFs before the
// active ones do not occur here as they do in SQL Server's circular file.

// vlf is one virtual log file: a log segment.
type vlf struct {
	seq    uint64 // 1-based segment number (the file name)
	begin  uint64 // stream offset of its first byte
	size   int64
	active bool
	first  txlog.LSN // first LSN in it (0 when nothing was written there yet)
}

// vlfs lists db's log segments in order.
func (db *Database) vlfs() ([]vlf, error) {
	dir := filepath.Join(db.dir, "log")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list log segments: %w", err)
	}
	retained, end := db.log.RetainedFrom(), db.log.DurableEnd()
	var out []vlf
	for _, e := range ents {
		// Segment files are "%08X.log" of the 1-based segment number
		// (txlog/segment.go); anything else in the directory is not log.
		hex, ok := strings.CutSuffix(e.Name(), ".log")
		if !ok || len(hex) != 8 {
			continue
		}
		n, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || n == 0 {
			continue
		}
		size := int64(LogSegmentSize)
		if fi, err := e.Info(); err == nil {
			size = fi.Size()
		}
		begin := (n - 1) * LogSegmentSize
		v := vlf{seq: n, begin: begin, size: size}
		if begin+uint64(size) > retained && begin < end {
			v.active = true
			v.first = txlog.MakeLSN(max(begin, retained), 1)
		}
		out = append(out, v)
	}
	return out, nil
}

// vlfParity is SQL Server's parity byte: 64 or 128 alternating with each
// reuse of the file, 0 for a VLF never written.
func vlfParity(v vlf) int64 {
	if !v.active {
		return 0
	}
	return 64 + 64*int64(v.seq%2)
}

// dbccLogInfo is DBCC LOGINFO [(db)]: one row per VLF of the database.
func (inst *Instance) dbccLogInfo(ctx context.Context, s *exec.Session, st *ast.DbccStmt, out exec.Output) error {
	d, err := inst.dbccTarget(ctx, s, st) // dbcc_sessions.go
	if err != nil {
		return err
	}
	vs, err := d.vlfs()
	if err != nil {
		return err
	}
	var rows []exec.Row
	for _, v := range vs {
		status := int64(0)
		if v.active {
			status = 2
		}
		rows = append(rows, exec.Row{in(0), in(2), types.NewBigInt(v.size), types.NewBigInt(int64(v.begin)), in(int64(v.seq)),
			in(status), ti(vlfParity(v)), lsnValue(0)})
	}
	return exec.SendRows(s, out, []exec.ResultColumn{rc("RecoveryUnitId", tInt), rc("FileId", tInt), rc("FileSize", tBigInt),
		rc("StartOffset", tBigInt), rc("FSeqNo", tInt), rc("Status", tInt), rc("Parity", tTinyInt), rc("CreateLSN", tNumeric)}, rows)
}

// databaseArg resolves a DMV's database_id argument: NULL or 0 is the
// current database (all is nil, true when the function lists every one).
func (inst *Instance) databaseArg(s *exec.Session, v types.Value, nullMeansAll bool) (dbs []*Database) {
	id, ok := exec.ArgInt32(v)
	if !ok && nullMeansAll && v.IsNull() {
		return inst.Databases()
	}
	if !ok || id == 0 {
		if d := inst.Database(s.Database().Name()); d != nil {
			return []*Database{d}
		}
		return nil
	}
	for _, d := range inst.Databases() {
		if d.id == id {
			return []*Database{d}
		}
	}
	return nil
}

// helpFileRows sends db's files as sp_helpfile and sp_helpdb @dbname show
// them (the data file in filegroup PRIMARY, the log in none); want, when
// set, keeps only the file with that logical name.
func helpFileRows(s *exec.Session, db *Database, want string, out exec.Output) error {
	var rows []exec.Row
	for _, f := range db.files() {
		if want != "" && !strings.EqualFold(want, f.name) {
			continue
		}
		group, usage := nv("PRIMARY"), "data only"
		if f.kind == 1 {
			group, usage = nullOf(tName), "log only"
		}
		rows = append(rows, exec.Row{types.NewString(types.NChar, f.name), types.NewSmallInt(int16(f.id)),
			types.NewString(types.NChar, f.physical), group, types.NewVarChar(fmt.Sprintf("%d KB", f.pages*8)),
			types.NewVarChar("Unlimited"), types.NewVarChar("65536 KB"), types.NewVarChar(usage)})
	}
	return exec.SendRows(s, out, []exec.ResultColumn{rc("name", types.Type{ID: types.NChar, Length: 128}), rc("fileid", tSmallInt),
		rc("filename", types.Type{ID: types.NChar, Length: 260}), rc("filegroup", tName), rc("size", types.VarCharType(18)),
		rc("maxsize", types.VarCharType(18)), rc("growth", types.VarCharType(18)), rc("usage", types.VarCharType(9))}, rows)
}

// spHelpFile is sp_helpfile [@filename]: the current database's files.
func spHelpFile(ctx context.Context, s *exec.Session, args []*exec.ProcArg, out exec.Output) (int32, error) {
	d := instanceOf(s).filesDatabase(s.Database().Name())
	if d == nil {
		return 1, fmt.Errorf("sp_helpfile: database %s is not open", s.Database().Name())
	}
	return 0, helpFileRows(s, d, exec.ArgString(args, 0, "@filename"), out)
}

func init() {
	exec.RegisterTableFunc(exec.TableFunc{Name: "dm_db_log_info", MinArgs: 1, MaxArgs: 1,
		Cols: []exec.ViewColumn{col("database_id", tInt), col("file_id", tInt), col("vlf_begin_offset", tBigInt),
			col("vlf_size_mb", types.TypeFloat), col("vlf_sequence_number", tBigInt), col("vlf_active", tBit), col("vlf_status", tInt),
			col("vlf_parity", tTinyInt), col("vlf_first_lsn", types.NVarCharType(48)), col("vlf_create_lsn", types.NVarCharType(48)),
			col("vlf_encryptor_thumbprint", types.Type{ID: types.VarBinary, Length: 20})},
		Rows: func(s *exec.Session, args []types.Value) ([]exec.Row, error) {
			var out []exec.Row
			for _, d := range instanceOf(s).databaseArg(s, args[0], false) {
				vs, err := d.vlfs()
				if err != nil {
					return nil, err
				}
				for _, v := range vs {
					status := int64(0)
					if v.active {
						status = 2
					}
					out = append(out, exec.Row{in(int64(d.id)), in(2), types.NewBigInt(int64(v.begin)), types.NewFloat(float64(v.size) / (1 << 20)),
						types.NewBigInt(int64(v.seq)), bt(v.active), in(status), ti(vlfParity(v)), nv(v.first.String()),
						nv(txlog.LSN(0).String()), types.Null(types.VarBinary)})
				}
			}
			return out, nil
		}})

	// sys.dm_io_virtual_file_stats: the log file's writes are the log's
	// flush rounds (one write and one fdatasync each, txlog.Stats), and
	// io_stall_write_ms the time they took (Stats.WriteNanos); io_stall is
	// the sum of the read and write stalls. Reads of the log and the data
	// file's I/O go through badger and the page cache and are not counted
	// (0).
	exec.RegisterTableFunc(exec.TableFunc{Name: "dm_io_virtual_file_stats", MinArgs: 2, MaxArgs: 2,
		Cols: []exec.ViewColumn{col("database_id", tSmallInt), col("file_id", tSmallInt), col("sample_ms", tBigInt),
			col("num_of_reads", tBigInt), col("num_of_bytes_read", tBigInt), col("io_stall_read_ms", tBigInt),
			col("io_stall_queued_read_ms", tBigInt), col("num_of_writes", tBigInt), col("num_of_bytes_written", tBigInt),
			col("io_stall_write_ms", tBigInt), col("io_stall_queued_write_ms", tBigInt), col("io_stall", tBigInt),
			col("size_on_disk_bytes", tBigInt), col("file_handle", types.Type{ID: types.VarBinary, Length: 8})},
		Rows: func(s *exec.Session, args []types.Value) ([]exec.Row, error) {
			inst := instanceOf(s)
			fileID, oneFile := exec.ArgInt32(args[1])
			sample := time.Since(inst.started).Milliseconds()
			var out []exec.Row
			for _, d := range inst.databaseArg(s, args[0], true) {
				st := d.log.Stats()
				for _, f := range d.files() {
					if oneFile && int32(f.id) != fileID {
						continue
					}
					var writes, written, stall int64
					if f.kind == 1 {
						writes, written = int64(st.Flushes), int64(st.FlushedBytes)
						stall = int64(time.Duration(st.WriteNanos) / time.Millisecond)
					}
					z := types.NewBigInt(0)
					out = append(out, exec.Row{types.NewSmallInt(int16(d.id)), types.NewSmallInt(int16(f.id)), types.NewBigInt(sample),
						z, z, z, z, types.NewBigInt(writes), types.NewBigInt(written), types.NewBigInt(stall), z, types.NewBigInt(stall),
						types.NewBigInt(dirBytes(f.dir)), types.NewVarBinary(make([]byte, 8))})
				}
			}
			return out, nil
		}})

	// sys.dm_db_file_space_usage: the current database's data file, its
	// pages all allocated (badger allocates its tables whole; there is no
	// free space inside the file to report).
	exec.RegisterView("sys.dm_db_file_space_usage", []exec.ViewColumn{col("database_id", tSmallInt), col("file_id", tSmallInt),
		col("filegroup_id", tSmallInt), col("total_page_count", tBigInt), col("allocated_extent_page_count", tBigInt),
		col("unallocated_extent_page_count", tBigInt), col("version_store_reserved_page_count", tBigInt),
		col("user_object_reserved_page_count", tBigInt), col("internal_object_reserved_page_count", tBigInt),
		col("mixed_extent_page_count", tBigInt), col("modified_extent_page_count", tBigInt)},
		func(s *exec.Session, db exec.Database) ([]exec.Row, error) {
			d := instanceOf(s).Database(db.Name())
			if d == nil {
				return nil, nil
			}
			f := d.files()[0]
			z := types.NewBigInt(0)
			return []exec.Row{{types.NewSmallInt(int16(d.id)), types.NewSmallInt(int16(f.id)), types.NewSmallInt(1),
				types.NewBigInt(f.pages), types.NewBigInt(f.pages), z, z, types.NewBigInt(f.pages), z, z, z}}, nil
		})

	// sys.dm_tran_database_transactions: one row per open transaction and
	// database it has written in (OpenTran.Databases), with the
	// transaction_id sys.dm_tran_active_transactions shows. Log bytes are
	// not tracked per transaction (0).
	exec.RegisterView("sys.dm_tran_database_transactions", []exec.ViewColumn{col("transaction_id", tBigInt), col("database_id", tInt),
		col("database_transaction_begin_time", tDateTime), col("database_transaction_type", tInt), col("database_transaction_state", tInt),
		col("database_transaction_log_record_count", tBigInt), col("database_transaction_log_bytes_used", tBigInt),
		col("database_transaction_log_bytes_reserved", tBigInt), col("database_transaction_begin_lsn", tNumeric),
		col("database_transaction_last_lsn", tNumeric)},
		func(s *exec.Session, _ exec.Database) ([]exec.Row, error) {
			s.Publish()
			var out []exec.Row
			for _, si := range s.Server().SessionList() {
				if si.OpenTrans == 0 {
					continue
				}
				for _, id := range si.Tran.Databases {
					z := types.NewBigInt(0)
					out = append(out, exec.Row{types.NewBigInt(int64(si.SPID)), in(int64(id)), dtv(si.Tran.Began), in(1), in(4),
						z, z, z, nullOf(tNumeric), nullOf(tNumeric)})
				}
			}
			return out, nil
		})
	exec.RegisterProc("sp_helpfile", spHelpFile)
}

package engine

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"

	"github.com/google/uuid"

	"github.com/mirrorsql/mirrorsql/catalog/types"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A backup file is a media set as SQL Server's BACKUP sees one: its first
// set stands for the media header (the media name and description, and
// whether the media holds compressed backups), which INIT keeps and only
// FORMAT writes anew. The rules BACKUP checks against it, from Microsoft's
// BACKUP page and KB 2297053:
//
//   - NOINIT appends; INIT overwrites the backup sets but keeps the header;
//     FORMAT (which implies SKIP and INIT) writes a new media set.
//   - MEDIANAME must match the media's name unless SKIP or FORMAT (4037).
//   - INIT does not overwrite a set that has not expired unless SKIP or
//     FORMAT (4030; backup_expiry.go).
//   - Compressed and uncompressed backups cannot share a media set: an
//     explicit COMPRESSION or NO_COMPRESSION that differs from the media is
//     refused (3098); a BACKUP that names neither takes the media's setting
//     instead of "backup compression default".

// backupMedia is what BACKUP learned of the media set at its device.
type backupMedia struct {
	// header is the media's first set, nil for new media (no file, an
	// empty one, or FORMAT).
	header *backupHeader
	// position is the FILE number the new set gets.
	position int
}

// openMedia reads the media set a BACKUP writes to at path and checks st's
// options against it, filling h's media fields and its compression. When the
// set is appended its position is the number of sets there + 1, counted by
// crossing their headers and frame lengths (mediaHeaders); INIT reads the
// first set's header alone.
func openMedia(st *ast.BackupStmt, h *backupHeader, path string, compressionDefault int64) (*backupMedia, error) {
	format := hasOption(st.Options, "FORMAT")
	init := format || hasOption(st.Options, "INIT")
	m := &backupMedia{position: 1}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		// A directory is no backup file: the open would fail; its entries
		// are not media to read (that was 3266, "incorrectly formatted").
		return nil, backupDeviceError(path, syscall.EISDIR)
	}
	if !format && fileHasData(path) {
		var err error
		skip := hasOption(st.Options, "SKIP")
		if init {
			m.header, err = readMediaHeader(path)
			if err == nil && !skip {
				// Every set's expiration date, from the headers
				// alone; media whose later sets cannot be crossed
				// is judged by its first.
				sets := []backupHeader{*m.header}
				if hs, err := mediaHeaders(path); err == nil {
					sets = hs
				}
				if err := checkExpired(sets, path, h.Start); err != nil {
					return nil, err
				}
			}
		} else {
			var hs []backupHeader
			if hs, err = mediaHeaders(path); err == nil { // backup_locate.go
				m.header, m.position = &hs[0], len(hs)+1
			}
		}
		switch {
		case err == nil:
		case !errors.Is(err, errBackupCorrupt):
			return nil, backupDeviceError(path, err)
		case !init:
			return nil, &exec.Error{Number: 3266, Severity: 16, State: 1, Message: "The backup data at the end of \"" + path + "\" is incorrectly formatted. Backup sets on the media might be damaged and unusable. To determine the backup sets on the media, use RESTORE HEADERONLY. To determine the usability of the backup sets, run RESTORE VERIFYONLY. If all of the backup sets are incomplete, reformat the media using BACKUP WITH FORMAT, which destroys all the backup sets."}
		}
		// INIT over a file whose header cannot be read overwrites it: the
		// media is new.
	}
	name, described := optionText(st.Options, "MEDIANAME"), optionText(st.Options, "MEDIADESCRIPTION")
	h.Compressed = backupDefault(st.Options, "COMPRESSION", compressionDefault)
	if m.header == nil {
		h.MediaName, h.MediaDescription, h.MediaSetID = name, described, uuid.NewString()
		return m, nil
	}
	media := m.header
	h.MediaName, h.MediaDescription, h.MediaSetID = media.MediaName, media.MediaDescription, media.MediaSetID
	h.MirrorCount = media.MirrorCount
	if !hasOption(st.Options, "SKIP") {
		if err := checkMediaName(st.Options, media, path); err != nil {
			return nil, err
		}
	}
	mediaCompressed := media.Compression != ""
	switch {
	case hasOption(st.Options, "COMPRESSION") && !mediaCompressed:
		return nil, errMediaStructure("COMPRESSION", "NO_COMPRESSION")
	case hasOption(st.Options, "NO_COMPRESSION") && mediaCompressed:
		return nil, errMediaStructure("NO_COMPRESSION", "COMPRESSION")
	}
	h.Compressed = mediaCompressed
	return m, nil
}

// checkMediaName is 4037 when opts name a MEDIANAME other than media's
// (BACKUP without SKIP and RESTORE check it).
func checkMediaName(opts []*ast.Option, media *backupHeader, path string) error {
	name := optionText(opts, "MEDIANAME")
	if name == "" || name == media.MediaName {
		return nil
	}
	return &exec.Error{Number: 4037, Severity: 16, State: 1, Message: fmt.Sprintf("The user-specified MEDIANAME \"%s\" does not match the MEDIANAME \"%s\" of the device \"%s\".", name, media.MediaName, path)}
}

// sendLabel answers RESTORE LABELONLY: the media header, which is the
// first set's media fields here (one family, one volume; every mirror's
// label is the same, and counts the mirrors).
func sendLabel(s *exec.Session, out exec.Output, media *backupHeader) error {
	setID := types.Null(types.UniqueIdentifier)
	if u, err := uuid.Parse(media.MediaSetID); err == nil {
		setID = types.NewUUID(u)
	}
	date, _ := types.FromTime(media.Start, types.TypeDateTime)
	compressed := types.NewBit(media.Compression != "")
	one := types.NewInt(1)
	cols := []exec.ResultColumn{{Name: "MediaName", Type: types.NVarCharType(128)}, {Name: "MediaSetId", Type: types.Type{ID: types.UniqueIdentifier}},
		{Name: "FamilyCount", Type: types.TypeInt}, {Name: "FamilySequenceNumber", Type: types.TypeInt}, {Name: "MediaFamilyId", Type: types.Type{ID: types.UniqueIdentifier}},
		{Name: "MediaSequenceNumber", Type: types.TypeInt}, {Name: "MediaLabelPresent", Type: types.TypeTinyInt}, {Name: "MediaDescription", Type: types.NVarCharType(255)},
		{Name: "SoftwareName", Type: types.NVarCharType(128)}, {Name: "SoftwareVendorId", Type: types.TypeInt}, {Name: "MediaDate", Type: types.TypeDateTime},
		{Name: "Mirror_Count", Type: types.TypeInt}, {Name: "IsCompressed", Type: types.TypeBit}}
	text := func(s string) types.Value {
		if s == "" {
			return types.Null(types.NVarChar)
		}
		return types.NewNVarChar(s)
	}
	return exec.SendRows(s, out, cols, []exec.Row{{text(media.MediaName), setID, one, one, setID, one, types.NewTinyInt(0),
		text(media.MediaDescription), types.NewNVarChar("Microsoft SQL Server"), types.NewInt(4608), date, types.NewInt(int32(max(media.MirrorCount, 1))), compressed}})
}

// errMediaStructure is 3098: option asked for what the media set was not
// formatted for.
func errMediaStructure(option, instead string) error {
	return &exec.Error{Number: 3098, Severity: 16, State: 2, Message: "The backup cannot be performed because '" + option + "' was requested after the media was formatted with an incompatible structure. To append to this media set, either omit '" + option + "' or specify '" + instead + "'. Alternatively, you can create a new media set by using WITH FORMAT in your BACKUP statement. If you use WITH FORMAT on an existing media set, all its backup sets will be overwritten."}
}

// logicalFiles are the logical names of the data and log files h's database
// had: those it recorded, or the defaults of a set written before it did.
func (h *backupHeader) logicalFiles() (data, log string) {
	if len(h.Files) == 2 {
		return h.Files[0], h.Files[1]
	}
	return h.Database, h.Database + "_log"
}

// processedFile is one database file BACKUP or RESTORE processed: its
// logical name and the 8-KB pages of it that were written or read.
type processedFile struct {
	name  string
	bytes int64
}

// pages counts bytes in 8-KB pages, a partly filled one included.
func pages(bytes int64) int64 { return (bytes + 8191) / 8192 }

// sendStats sends the progress messages of a BACKUP or RESTORE … WITH
// STATS [= percentage] (every 10 percent by default): "n percent
// processed." (3211) at each multiple of the percentage, then at 100, as
// SQL Server prints them before the 4035 lines. The work is done when they
// are sent: they are what scripts and job logs show, not a live meter.
func sendStats(out exec.Output, opts []*ast.Option) error {
	if !hasOption(opts, "STATS") {
		return nil
	}
	step := intOption(opts, "STATS", 10)
	if step <= 0 {
		return nil
	}
	for p := step; ; p += step {
		p = min(p, 100)
		if err := out.Message(&exec.Error{Number: 3211, Severity: 10, State: 1, Message: fmt.Sprintf("%d percent processed.", p)}); err != nil {
			return err
		}
		if p == 100 {
			return nil
		}
	}
}

// sendProcessed ends a successful BACKUP or RESTORE as SQL Server does: one
// 4035 per file it processed, then 3014 with their total and the rate (what
// DBA scripts and maintenance jobs log). position is the set's FILE number.
func sendProcessed(out exec.Output, what, database string, position int, files []processedFile, elapsed time.Duration) error {
	var total int64
	for _, f := range files {
		n := pages(f.bytes)
		total += n
		if err := out.Message(&exec.Error{Number: 4035, Severity: 10, State: 1, Message: fmt.Sprintf("Processed %d pages for database '%s', file '%s' on file %d.", n, database, f.name, position)}); err != nil {
			return err
		}
	}
	secs := max(elapsed.Seconds(), 0.001)
	return out.Message(&exec.Error{Number: 3014, Severity: 10, State: 1, Message: fmt.Sprintf("%s successfully processed %d pages in %.3f seconds (%.3f MB/sec).", what, total, secs, float64(total*8192)/(1<<20)/secs)})
}

package engine

import (
	"fmt"
	"io"
	"os"

	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// Mirrored media sets: BACKUP … TO DISK = 'a' MIRROR TO DISK = 'b' [MIRROR
// TO …] WITH FORMAT writes the same backup to every mirror, so a restore
// can use any of them ("Mirrored Backup Media Sets"). A mirrored media set
// is made new WITH FORMAT; without it a backup appends to (NOINIT) or
// overwrites the sets of (INIT) an existing one named whole, every mirror
// in it (otherwise 3215). It has at most three mirrors besides
// the TO list (3214), and each mirror has as many devices as the TO list
// (3212). Here each list is one DISK file (devicePath).

// maxBackupMirrors is how many MIRROR TO clauses one BACKUP may have.
const maxBackupMirrors = 3

// backupMirrors splits st's devices into the TO list and the media family
// (file, logical device) of each MIRROR TO clause.
func backupMirrors(s *exec.Session, st *ast.BackupStmt) (primary []*ast.Device, mirrors []mediaFamily, err error) {
	var clauses [][]*ast.Device
	for _, d := range st.Devices {
		if d.Mirror == 0 {
			primary = append(primary, d)
			continue
		}
		for len(clauses) < d.Mirror {
			clauses = append(clauses, nil)
		}
		clauses[d.Mirror-1] = append(clauses[d.Mirror-1], d)
	}
	if len(clauses) == 0 {
		return primary, nil, nil
	}
	if len(clauses) > maxBackupMirrors {
		return nil, nil, &exec.Error{Number: 3214, Severity: 16, State: 1, Message: fmt.Sprintf("Too many backup mirrors are specified. Only %d are allowed.", maxBackupMirrors)}
	}
	for _, c := range clauses {
		if len(c) != len(primary) {
			return nil, nil, &exec.Error{Number: 3212, Severity: 16, State: 1, Message: fmt.Sprintf("The mirror device \"%s\" and the mirror device \"%s\" have different device specifications.", deviceText(primary[0]), deviceText(c[0]))}
		}
	}
	for _, c := range clauses {
		f, err := deviceFamily(s, c)
		if err != nil {
			return nil, nil, err
		}
		mirrors = append(mirrors, f)
	}
	if !hasOption(st.Options, "FORMAT") {
		main, err := deviceFamily(s, primary)
		if err != nil {
			return nil, nil, err
		}
		if !mirroredMedia(main.Path, mirrors) {
			return nil, nil, &exec.Error{Number: 3215, Severity: 16, State: 1, Message: "Use WITH FORMAT to create a new mirrored backup set."}
		}
	}
	return primary, mirrors, nil
}

// mirroredMedia reports whether path and mirrors hold one existing
// mirrored media set, these being all of its mirrors: BACKUP's example G
// appends to such a set (WITH NOINIT) without FORMAT. Each mirror is a
// copy of the whole file (writeMirrors), so their first sets — the media
// header — name the same media set.
func mirroredMedia(path string, mirrors []mediaFamily) bool {
	media, err := readMediaHeader(path)
	if err != nil || media.MediaSetID == "" || media.MirrorCount != len(mirrors)+1 {
		return false
	}
	for _, m := range mirrors {
		h, err := readMediaHeader(m.Path)
		if err != nil || h.MediaSetID != media.MediaSetID {
			return false
		}
	}
	return true
}

// deviceText names a device as its statement gave it, for messages.
func deviceText(d *ast.Device) string {
	if l, ok := d.Path.(*ast.Literal); ok {
		return l.Value
	}
	return ast.Format(d.Path)
}

// mirrorAppendFrom is where the set about to be written starts in the TO
// file at path: its size when the BACKUP appends (no INIT or FORMAT: flags
// without O_TRUNC), else 0 (the file is written anew).
func mirrorAppendFrom(path string, flags int) int64 {
	if flags&os.O_TRUNC != 0 {
		return 0
	}
	if fi, err := os.Stat(path); err == nil {
		return fi.Size()
	}
	return 0
}

// writeMirrors brings each mirror to a copy of the backup file at path and
// makes it durable (file and directory entry, backup_durable.go): a mirror
// that cannot be written fails the BACKUP (3201, 3202), as every mirror must
// hold it. Appending (from > 0, where the new set starts in path), a mirror
// as long as the TO file was gets the new set's bytes alone: the sets it
// holds are not rewritten from the TO file, which would pass damage in the
// TO file to every mirror — the redundancy a mirrored media set is for
// ("Mirrored Backup Media Sets") — and leave a mirror truncated by a failure
// mid-copy. A mirror of another length is rewritten whole.
func writeMirrors(path string, mirrors []mediaFamily, from int64) error {
	for _, m := range mirrors {
		if err := copyBackupFile(path, m.Path, from); err != nil {
			return err
		}
	}
	return nil
}

func copyBackupFile(from, to string, at int64) error {
	src, err := os.Open(from)
	if err != nil {
		return backupDeviceError(from, err)
	}
	defer src.Close()
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if at > 0 {
		if fi, err := os.Stat(to); err == nil && fi.Size() == at {
			flags = os.O_WRONLY // openBackupFile writes at its end
			if _, err := src.Seek(at, io.SeekStart); err != nil {
				return backupDeviceError(from, err)
			}
		}
	}
	dst, err := openBackupFile(to, flags)
	if err != nil {
		return err
	}
	defer dst.Close()
	if _, err := io.Copy(dst, src); err != nil {
		return backupWriteError(to, err)
	}
	return syncBackupFile(dst, to)
}

package engine

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/engine/exec"
	"github.com/mirrorsql/mirrorsql/tsql/ast"
)

// A database's two files' logical names and size settings (files.go shows
// them): what CREATE DATABASE … ON (NAME = …, SIZE = …) LOG ON (…) asked
// for, changed by ALTER DATABASE … MODIFY FILE — the statement setup
// scripts use to size a log or set its growth. The rows live in one store
// and the log in one segmented log that grows by itself, so the settings
// are kept and shown rather than applied: a file is shown at least as
// large as its SIZE. ADD FILE, ADD LOG FILE and REMOVE FILE have no files
// to act on and are refused.

// defaultFiles are the settings of a database nobody sized: 8 MB, growth
// 64 MB (the log's segment), unlimited.
func defaultFiles(name string) []catalog.FileSetting {
	return []catalog.FileSetting{
		{FileID: 1, Name: name, MaxSizePages: -1, Growth: 8192},
		{FileID: 2, Name: name + "_log", MaxSizePages: -1, Growth: 8192},
	}
}

// fileSettings are e's two files' settings, defaults where none was given.
func fileSettings(e *catalog.DatabaseEntry) []catalog.FileSetting {
	fs := defaultFiles(e.Name)
	for _, f := range e.Files {
		if f.FileID >= 1 && f.FileID <= 2 {
			fs[f.FileID-1] = f
		}
	}
	return fs
}

// sizeOption converts a file spec's SIZE, MAXSIZE or FILEGROWTH value to
// 8-KB pages: a number with KB, MB (the default), GB or TB, or n% (percent)
// or UNLIMITED (-1 pages).
func sizeOption(o *ast.Option) (pages int64, percent bool, err error) {
	text := strings.ToUpper(strings.TrimSpace(o.Word))
	if o.Value != nil {
		text = strings.Trim(o.Value.SQL(), "'N ")
	}
	bad := errFileSpec(o)
	if text == "UNLIMITED" {
		return -1, false, nil
	}
	unit := int64(1024) // KB per unit: MB by default
	switch {
	case strings.HasSuffix(text, "%"):
		n, e := strconv.ParseInt(strings.TrimSuffix(text, "%"), 10, 64)
		if tooLarge(e) || n > maxFilePages {
			return 0, false, errFileTooLarge
		}
		if e != nil || n < 0 {
			return 0, false, bad
		}
		return n, true, nil
	case strings.HasSuffix(text, "KB"):
		unit, text = 1, strings.TrimSuffix(text, "KB")
	case strings.HasSuffix(text, "MB"):
		text = strings.TrimSuffix(text, "MB")
	case strings.HasSuffix(text, "GB"):
		unit, text = 1024*1024, strings.TrimSuffix(text, "GB")
	case strings.HasSuffix(text, "TB"):
		unit, text = 1024*1024*1024, strings.TrimSuffix(text, "TB")
	}
	n, e := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
	if tooLarge(e) || n > maxFilePages*8/unit {
		return 0, false, errFileTooLarge // n*unit would wrap (SIZE = 9000000000 TB was -8 pages)
	}
	if e != nil || n < 0 {
		return 0, false, bad
	}
	return (n*unit + 7) / 8, false, nil
}

// maxFilePages is the most pages SQL Server's SIZE, MAXSIZE and FILEGROWTH
// take (an int of 8-KB pages: 16 TB); FILEGROWTH's percent has the same limit.
const maxFilePages = math.MaxInt32

// errFileTooLarge is SQL Server's error for a size, max size or growth past
// maxFilePages.
var errFileTooLarge = &exec.Error{Number: 1842, Severity: 16, State: 1, Message: "The file size, max size cannot be greater than 2147483647 in units of a page size. The file growth cannot be greater than 2147483647 in units of both page size and percentage."}

// tooLarge reports a number too large for ParseInt.
func tooLarge(err error) bool {
	var ne *strconv.NumError
	return errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange)
}

// applyFileSpec sets f from a file spec's options (NAME is matched by the
// caller; NEWNAME renames). current is the file's size now, in pages.
func applyFileSpec(f *catalog.FileSetting, spec *ast.FileSpec, current int64, modify bool) error {
	for _, o := range spec.Options {
		switch strings.ToUpper(o.Name) {
		case "NAME":
		case "NEWNAME":
			f.Name = fileOptionText(o)
		case "SIZE":
			n, pct, err := sizeOption(o)
			if err != nil {
				return err
			}
			if pct || n < 0 {
				return errFileSpec(o)
			}
			if modify && n <= max(current, f.SizePages) {
				return &exec.Error{Number: 5039, Severity: 16, State: 1, Message: "MODIFY FILE failed. Specified size is less than or equal to current size."}
			}
			f.SizePages = n
		case "MAXSIZE":
			n, pct, err := sizeOption(o)
			if err != nil {
				return err
			}
			if pct {
				return errFileSpec(o)
			}
			f.MaxSizePages = n
		case "FILEGROWTH":
			n, pct, err := sizeOption(o)
			if err != nil {
				return err
			}
			if n < 0 {
				return errFileSpec(o)
			}
			f.Growth, f.PercentGrowth = n, pct
		case "FILENAME":
			if modify {
				return exec.ErrNotSupported.New("ALTER DATABASE … MODIFY FILE (FILENAME = …) (a database's files are directories under the data directory)")
			}
		default:
			return errFileSpec(o)
		}
	}
	if f.MaxSizePages >= 0 && f.SizePages > f.MaxSizePages {
		return &exec.Error{Number: 5040, Severity: 16, State: 1, Message: "MODIFY FILE failed. Size is greater than MAXSIZE."}
	}
	return nil
}

func errFileSpec(o *ast.Option) error {
	return &exec.Error{Number: 153, Severity: 15, State: 1, Message: "Invalid usage of the option " + strings.ToLower(o.Name) + " in the ALTER DATABASE statement."}
}

// fileOptionText is an option value that is an identifier or a string: a
// file spec's NAME/NEWNAME, BACKUP ENCRYPTION's ALGORITHM and certificate.
func fileOptionText(o *ast.Option) string {
	if o.Value != nil {
		if l, ok := o.Value.(*ast.Literal); ok {
			return l.Value
		}
		if c, ok := o.Value.(*ast.ColumnRef); ok {
			return c.Name.Last()
		}
		return o.Value.SQL()
	}
	return o.Word
}

// specName is a file spec's NAME, "" if none.
func specName(spec *ast.FileSpec) string {
	for _, o := range spec.Options {
		if strings.EqualFold(o.Name, "NAME") {
			return fileOptionText(o)
		}
	}
	return ""
}

// createFileSettings are the settings CREATE DATABASE's first data file
// and first log file specs give name's files.
func createFileSettings(name string, st *ast.CreateDatabaseStmt) ([]catalog.FileSetting, error) {
	if len(st.Files) == 0 && len(st.LogFiles) == 0 {
		return nil, nil
	}
	fs := defaultFiles(name)
	for i, specs := range [][]*ast.FileSpec{st.Files, st.LogFiles} {
		if len(specs) == 0 {
			continue
		}
		if n := specName(specs[0]); n != "" {
			fs[i].Name = n
		}
		if err := applyFileSpec(&fs[i], specs[0], 0, false); err != nil {
			return nil, err
		}
	}
	if strings.EqualFold(fs[0].Name, fs[1].Name) {
		return nil, &exec.Error{Number: 1828, Severity: 16, State: 3, Message: "The logical file name \"" + fs[1].Name + "\" is already in use. Choose a different name."}
	}
	return fs, nil
}

// modifyFile is ALTER DATABASE … MODIFY FILE on e.
func (inst *Instance) modifyFile(e *catalog.DatabaseEntry, o *ast.ModifyFile) error {
	name := specName(o.File)
	fs := fileSettings(e)
	i := -1
	for k, f := range fs {
		if strings.EqualFold(f.Name, name) {
			i = k
		}
	}
	if i < 0 {
		return &exec.Error{Number: 5041, Severity: 16, State: 1, Message: "MODIFY FILE failed. File '" + name + "' does not exist."}
	}
	var current int64
	if d := inst.Database(e.Name); d != nil {
		for _, f := range d.files() {
			if f.id == fs[i].FileID {
				current = f.pages
			}
		}
	}
	f := fs[i]
	if err := applyFileSpec(&f, o.File, current, true); err != nil {
		return err
	}
	if other := fs[1-i]; strings.EqualFold(other.Name, f.Name) {
		return &exec.Error{Number: 1828, Severity: 16, State: 3, Message: "The logical file name \"" + f.Name + "\" is already in use. Choose a different name."}
	}
	fs[i] = f
	return inst.UpdateServer(func(s *catalog.Server) error {
		if x := s.Database(e.Name); x != nil {
			x.Files = fs
		}
		return nil
	})
}

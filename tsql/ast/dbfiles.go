package ast

// ModifyFile is ALTER DATABASE … MODIFY FILE (NAME = …, SIZE = …, …).
type ModifyFile struct {
	Span
	File *FileSpec
}

// AddFile is ALTER DATABASE … ADD [LOG] FILE (…) [, (…)] [TO FILEGROUP fg],
// or, with Remove set, REMOVE FILE name.
type AddFile struct {
	Span
	Log       bool
	Files     []*FileSpec
	Filegroup string
	Remove    *Ident
}

func (*ModifyFile) databaseOption() {}
func (*AddFile) databaseOption()    {}

// SQL renders the node as T-SQL.
func (x *ModifyFile) SQL() string { return Format(x) }

// SQL renders the node as T-SQL.
func (x *AddFile) SQL() string { return Format(x) }

func (p *printer) dbFiles(n Node) bool {
	switch n := n.(type) {
	case *ModifyFile:
		p.w("MODIFY FILE ")
		p.node(n.File)
	case *AddFile:
		if n.Remove != nil {
			p.w("REMOVE FILE ")
			p.ident(n.Remove)
			return true
		}
		p.w("ADD ")
		if n.Log {
			p.w("LOG ")
		}
		p.w("FILE ")
		for i, f := range n.Files {
			if i > 0 {
				p.w(", ")
			}
			p.node(f)
		}
		if n.Filegroup != "" {
			p.w(" TO FILEGROUP ", QuoteIdent(n.Filegroup))
		}
	default:
		return false
	}
	return true
}

package ast

import "strings"

func (p *printer) server(n Node) bool {
	switch n := n.(type) {
	case *CreateEndpointStmt:
		p.endpoint(n)
	case *GrantStmt:
		p.grant(n)
	case *CreateLoginStmt:
		if n.Alter {
			p.w("ALTER LOGIN ")
		} else {
			p.w("CREATE LOGIN ")
		}
		p.ident(n.Name)
		switch {
		case n.Enable:
			p.w(" ENABLE")
		case n.Disable:
			p.w(" DISABLE")
		case n.FromCertificate != nil:
			p.w(" FROM CERTIFICATE ")
			p.ident(n.FromCertificate)
		case n.FromWindows:
			p.w(" FROM WINDOWS")
		}
		if n.Password != nil || n.Options != nil {
			p.w(" WITH ")
			if n.Password != nil {
				p.w("PASSWORD = ")
				p.node(n.Password)
				if n.Hashed {
					p.w(" HASHED")
				}
				if n.OldPassword != nil {
					p.w(" OLD_PASSWORD = ")
					p.node(n.OldPassword)
				}
				if n.MustChange {
					p.w(" MUST_CHANGE")
				}
				if n.Unlock {
					p.w(" UNLOCK")
				}
				if n.Options != nil {
					p.w(", ")
				}
			}
			p.options(n.Options)
		}
	case *CreateUserStmt:
		if n.Alter {
			p.w("ALTER USER ")
		} else {
			p.w("CREATE USER ")
		}
		p.ident(n.Name)
		switch {
		case n.Login != nil:
			p.w(" FOR LOGIN ")
			p.ident(n.Login)
		case n.FromCertificate != nil:
			p.w(" FROM CERTIFICATE ")
			p.ident(n.FromCertificate)
		case n.WithoutLogin:
			p.w(" WITHOUT LOGIN")
		}
		if n.Options != nil {
			p.w(" WITH ")
			p.options(n.Options)
		}
	case *AlterIndexStmt:
		p.w("ALTER INDEX ")
		if n.Index != nil {
			p.ident(n.Index)
		} else {
			p.w("ALL")
		}
		p.w(" ON ")
		p.node(n.Table)
		p.w(" " + n.Action)
		switch {
		case n.PartitionAll:
			p.w(" PARTITION = ALL")
		case n.Partition != nil:
			p.w(" PARTITION = ")
			p.node(n.Partition)
		}
		if n.Options != nil {
			if n.Action != "SET" {
				p.w(" WITH")
			}
			p.w(" (")
			p.options(n.Options)
			p.w(")")
		}
	case *CreateRoleStmt:
		p.w("CREATE ROLE ")
		p.ident(n.Name)
		if n.Authorization != nil {
			p.w(" AUTHORIZATION ")
			p.ident(n.Authorization)
		}
	case *AlterRoleStmt:
		p.w("ALTER ")
		if n.Server {
			p.w("SERVER ")
		}
		p.w("ROLE ")
		p.ident(n.Name)
		switch {
		case n.AddMember != nil:
			p.w(" ADD MEMBER ")
			p.ident(n.AddMember)
		case n.DropMember != nil:
			p.w(" DROP MEMBER ")
			p.ident(n.DropMember)
		case n.NewName != nil:
			p.w(" WITH NAME = ")
			p.ident(n.NewName)
		}
	case *CreateMasterKeyStmt:
		p.w("CREATE MASTER KEY ENCRYPTION BY PASSWORD = ")
		p.node(n.Password)
	case *CreateCertificateStmt:
		p.certificate(n)
	case *BackupCertificateStmt:
		p.w("BACKUP CERTIFICATE ")
		p.ident(n.Name)
		p.w(" TO FILE = ")
		p.node(n.File)
		p.privateKey(n.PrivateKeyFile, n.EncryptionPassword, n.DecryptionPassword)
	case *Device:
		if n.Kind != "" {
			p.w(n.Kind, " = ")
		}
		p.node(n.Path)
	case *CreateStatisticsStmt:
		p.w("CREATE STATISTICS ")
		p.ident(n.Name)
		p.w(" ON ")
		p.node(n.Table)
		p.w(" (")
		for i, c := range n.Columns {
			if i > 0 {
				p.w(", ")
			}
			p.ident(c)
		}
		p.w(")")
		if n.Where != nil {
			p.w(" WHERE ")
			p.node(n.Where)
		}
		if n.Options != nil {
			p.w(" WITH ")
			p.statsOptions(n.Options) // SAMPLE 0 ROWS, as UPDATE STATISTICS
		}
	case *DropStatisticsStmt:
		p.w("DROP STATISTICS ")
		for i, nm := range n.Names {
			if i > 0 {
				p.w(", ")
			}
			p.node(nm)
		}
	case *BulkInsertStmt:
		p.w("BULK INSERT ")
		p.node(n.Table)
		p.w(" FROM ")
		p.node(n.File)
		if n.Options != nil {
			p.w(" WITH (")
			p.options(n.Options)
			p.w(")")
		}
	case *BackupStmt:
		if n.Log {
			p.w("BACKUP LOG ")
		} else {
			p.w("BACKUP DATABASE ")
		}
		p.node(n.Database)
		p.w(" TO ")
		p.devices(n.Devices)
		p.withOptions(n.Options, nil)
	case *Move:
		p.w("MOVE ")
		p.node(n.Logical)
		p.w(" TO ")
		p.node(n.Physical)
	case *RestoreStmt:
		p.w("RESTORE ", n.Kind.String())
		if n.Database != nil {
			p.w(" ")
			p.node(n.Database)
		}
		if n.Devices != nil {
			p.w(" FROM ")
			p.devices(n.Devices)
		}
		p.withOptions(n.Options, n.Moves)
	case *CheckpointStmt:
		p.w("CHECKPOINT")
		if n.Duration != nil {
			p.w(" ")
			p.node(n.Duration)
		}
	case *DbccStmt:
		p.w("DBCC ", n.Command)
		if n.Paren {
			p.w("(")
			p.exprs(n.Args)
			p.w(")")
		}
		if n.Options != nil {
			p.w(" WITH ")
			p.options(n.Options)
		}
	case *KillStmt:
		p.w("KILL ")
		p.node(n.Target)
	case *ShutdownStmt:
		p.w("SHUTDOWN")
		if n.NoWait {
			p.w(" WITH NOWAIT")
		}
	case *ReconfigureStmt:
		p.w("RECONFIGURE")
		if n.WithOverride {
			p.w(" WITH OVERRIDE")
		}
	case *ExecuteAsStmt:
		p.w("EXECUTE AS ", n.Kind)
		if n.Name != nil {
			p.w(" = ")
			p.node(n.Name)
		}
		if n.NoRevert {
			p.w(" WITH NO REVERT")
		}
		if n.Cookie != "" {
			p.w(" WITH COOKIE INTO ", n.Cookie)
		}
	case *RevertStmt:
		p.w("REVERT")
		if n.Cookie != "" {
			p.w(" WITH COOKIE = ", n.Cookie)
		}
	case *UpdateStatisticsStmt:
		p.w("UPDATE STATISTICS ")
		p.name(n.Table)
		if n.Statistics != nil {
			p.w(" ")
			p.parenIdents(n.Statistics)
		}
		if n.Options != nil {
			p.w(" WITH ")
			p.statsOptions(n.Options)
		}
	default:
		return false
	}
	return true
}

// statsOptions prints the WITH list of UPDATE and CREATE STATISTICS:
// SAMPLE n PERCENT | ROWS as written, other valued options (INCREMENTAL =
// ON, STATS_STREAM = …, MAXDOP = n) with "=", which they need to parse.
func (p *printer) statsOptions(opts []*Option) {
	for i, o := range opts {
		if i > 0 {
			p.w(", ")
		}
		p.w(o.Name)
		switch {
		case o.Name == "SAMPLE" && o.Word != "":
			p.w(" ", o.Word)
		case o.Value != nil:
			p.w(" = ")
			p.node(o.Value)
		case o.Word != "":
			p.w(" = ", o.Word)
		}
	}
}

func (p *printer) devices(ds []*Device) {
	for i, d := range ds {
		switch {
		case i > 0 && d.Mirror != ds[i-1].Mirror:
			p.w(" MIRROR TO ")
		case i > 0:
			p.w(", ")
		}
		p.node(d)
	}
}

func (p *printer) withOptions(opts []*Option, moves []*Move) {
	if opts == nil && moves == nil {
		return
	}
	p.w(" WITH ")
	p.options(opts)
	for i, m := range moves {
		if i > 0 || opts != nil {
			p.w(", ")
		}
		p.node(m)
	}
}

func (p *printer) privateKey(file, enc, dec Expr) {
	if file == nil && enc == nil && dec == nil {
		return
	}
	p.w(" WITH PRIVATE KEY (")
	sep := ""
	if file != nil {
		p.w("FILE = ")
		p.node(file)
		sep = ", "
	}
	if dec != nil {
		p.w(sep, "DECRYPTION BY PASSWORD = ")
		p.node(dec)
		sep = ", "
	}
	if enc != nil {
		p.w(sep, "ENCRYPTION BY PASSWORD = ")
		p.node(enc)
	}
	p.w(")")
}

func (p *printer) certificate(n *CreateCertificateStmt) {
	p.w("CREATE CERTIFICATE ")
	p.ident(n.Name)
	if n.Authorization != nil {
		p.w(" AUTHORIZATION ")
		p.ident(n.Authorization)
	}
	if n.FromFile != nil {
		p.w(" FROM FILE = ")
		p.node(n.FromFile)
		p.privateKey(n.PrivateKeyFile, n.EncryptionPassword, n.DecryptionPassword)
	} else {
		if n.EncryptionPassword != nil {
			p.w(" ENCRYPTION BY PASSWORD = ")
			p.node(n.EncryptionPassword)
		}
		if n.Options != nil {
			p.w(" WITH ")
			p.options(n.Options)
		}
	}
	if n.ActiveForDialog != "" {
		p.w(" ACTIVE FOR BEGIN_DIALOG = ", n.ActiveForDialog)
	}
}

func (p *printer) endpoint(n *CreateEndpointStmt) {
	if n.Alter {
		p.w("ALTER ENDPOINT ")
	} else {
		p.w("CREATE ENDPOINT ")
	}
	p.ident(n.Name)
	if n.Authorization != nil {
		p.w(" AUTHORIZATION ")
		p.ident(n.Authorization)
	}
	if n.State != "" {
		p.w(" STATE = ", n.State)
	}
	if n.Protocol != "" {
		p.w(" AS ", n.Protocol, " (")
		sep := ""
		if n.ListenerPort != 0 {
			p.w("LISTENER_PORT = ", itoa(n.ListenerPort))
			sep = ", "
		}
		switch n.ListenerIP {
		case "":
		case "ALL":
			p.w(sep, "LISTENER_IP = ALL")
		default:
			ip := n.ListenerIP
			if !IsIPv4(ip) {
				ip = QuoteString(ip, false) // IPv6 addresses are quoted
			}
			p.w(sep, "LISTENER_IP = (", ip, ")")
		}
		p.w(")")
	}
	if n.Payload != "" {
		p.w(" FOR ", n.Payload, " (")
		var parts []string
		if n.Authentication != "" {
			a := "AUTHENTICATION = " + n.Authentication
			if n.Certificate != nil {
				a = strings.Replace(a, "CERTIFICATE", "CERTIFICATE "+QuoteIdent(n.Certificate.Name), 1)
			}
			parts = append(parts, a)
		}
		if n.Encryption != "" {
			e := "ENCRYPTION = " + n.Encryption
			if n.Algorithm != "" {
				e += " ALGORITHM " + n.Algorithm
			}
			parts = append(parts, e)
		}
		if n.Role != "" {
			parts = append(parts, "ROLE = "+n.Role)
		}
		p.w(strings.Join(parts, ", "), ")")
	}
}

func (p *printer) grant(n *GrantStmt) {
	switch n.Kind {
	case Grant:
		p.w("GRANT ")
	case Revoke:
		p.w("REVOKE ")
		if n.GrantOptionFor {
			p.w("GRANT OPTION FOR ")
		}
	case Deny:
		p.w("DENY ")
	}
	for i, perm := range n.Permissions {
		if i > 0 {
			p.w(", ")
		}
		p.w(perm)
		if i < len(n.PermColumns) && n.PermColumns[i] != nil {
			p.w(" ")
			p.parenIdents(n.PermColumns[i])
		}
	}
	if n.On != nil {
		p.w(" ON ")
		if n.Class != "" {
			p.w(n.Class, "::")
		}
		p.name(n.On)
		if n.Columns != nil {
			p.w(" ")
			p.parenIdents(n.Columns)
		}
	}
	if n.Kind == Revoke {
		p.w(" FROM ")
	} else {
		p.w(" TO ")
	}
	p.idents(n.Principals)
	if n.WithGrantOption {
		p.w(" WITH GRANT OPTION")
	}
	if n.Cascade {
		p.w(" CASCADE")
	}
	if n.As != nil {
		p.w(" AS ")
		p.ident(n.As)
	}
}

// IsIPv4 reports whether s is a dotted-quad address (digits and dots, four
// parts), the form LISTENER_IP accepts without quotes.
func IsIPv4(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, part := range parts {
		if part == "" || len(part) > 3 || strings.Trim(part, "0123456789") != "" {
			return false
		}
	}
	return true
}

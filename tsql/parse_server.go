package tsql

import (
	"strings"

	"github.com/mirrorsql/mirrorsql/tsql/ast"
	"github.com/mirrorsql/mirrorsql/tsql/token"
)

// createEndpoint parses CREATE|ALTER ENDPOINT (mirroring reference §2.4).
func (p *parser) createEndpoint(from token.Pos, alter bool) ast.Statement {
	p.expectWord("ENDPOINT")
	s := &ast.CreateEndpointStmt{Alter: alter, Name: p.ident()}
	if p.got(token.AUTHORIZATION) {
		s.Authorization = p.ident()
	}
	if p.isWord("STATE") {
		p.next()
		p.expect(token.EQ)
		s.State = p.anyWord("STARTED, STOPPED or DISABLED")
	}
	if p.got(token.AS) {
		s.Protocol = p.anyWord("TCP")
		if s.Protocol != "TCP" {
			if s.Protocol != "HTTP" || !alter {
				p.fail("TCP") // HTTP endpoints are gone since SQL Server 2012
			}
			// ALTER to another transport gives 7860 (engine): the options
			// of one that is not served are read past, not kept.
			p.skipParenthesized()
		}
	}
	if s.Protocol == "TCP" {
		p.expect(token.LPAREN)
		for !p.is(token.RPAREN) {
			switch w := p.anyWord("LISTENER_PORT or LISTENER_IP"); w {
			case "LISTENER_PORT":
				p.expect(token.EQ)
				s.ListenerPort = p.typeNumber()
			case "LISTENER_IP":
				p.expect(token.EQ)
				if p.got(token.ALL) {
					s.ListenerIP = "ALL"
				} else {
					s.ListenerIP = p.listenerIP()
				}
			default:
				p.fail("LISTENER_PORT or LISTENER_IP")
			}
			p.got(token.COMMA)
		}
		p.expect(token.RPAREN)
	}
	if p.got(token.FOR) {
		s.Payload = p.anyWord("DATABASE_MIRRORING")
		if s.Payload != "DATABASE_MIRRORING" {
			if !otherEndpointPayloads[s.Payload] {
				p.fail("DATABASE_MIRRORING")
			}
			// As HTTP above: SQL Server's syntax for a payload that is not
			// served (FOR SERVICE_BROKER (…), FOR TSQL ()) parses, and the
			// engine answers what it cannot do instead of error 102.
			p.skipParenthesized()
			s.Span = p.span(from)
			return s
		}
		p.expect(token.LPAREN)
		for !p.is(token.RPAREN) {
			p.endpointOption(s)
			p.got(token.COMMA)
		}
		p.expect(token.RPAREN)
	}
	s.Span = p.span(from)
	return s
}

// otherEndpointPayloads are SQL Server's endpoint payloads besides
// DATABASE_MIRRORING.
var otherEndpointPayloads = map[string]bool{"TSQL": true, "SERVICE_BROKER": true, "SOAP": true}

// skipParenthesized reads past a parenthesized list, nested ones included.
func (p *parser) skipParenthesized() {
	p.expect(token.LPAREN)
	for depth := 1; depth > 0; p.next() {
		switch p.tok.Kind {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
		case token.EOF:
			p.fail("')'")
		}
	}
}

var windowsAuth = map[string]bool{"NTLM": true, "KERBEROS": true, "NEGOTIATE": true}

func (p *parser) endpointOption(s *ast.CreateEndpointStmt) {
	switch w := p.anyWord("AUTHENTICATION, ENCRYPTION or ROLE"); w {
	case "AUTHENTICATION":
		p.expect(token.EQ)
		var parts []string
		for len(parts) < 4 {
			if p.gotWord("WINDOWS") {
				parts = append(parts, "WINDOWS")
				if windowsAuth[p.word()] {
					parts = append(parts, p.anyWord(""))
				}
			} else if p.gotWord("CERTIFICATE") {
				parts = append(parts, "CERTIFICATE")
				s.Certificate = p.ident()
			} else {
				break
			}
		}
		if parts == nil {
			p.fail("WINDOWS or CERTIFICATE")
		}
		s.Authentication = strings.Join(parts, " ")
	case "ENCRYPTION":
		p.expect(token.EQ)
		s.Encryption = p.anyWord("DISABLED, SUPPORTED or REQUIRED")
		if p.gotWord("ALGORITHM") {
			a := p.anyWord("AES or RC4")
			if p.isWord("AES") || p.isWord("RC4") {
				a += " " + p.anyWord("")
			}
			s.Algorithm = a
		}
	case "ROLE":
		p.expect(token.EQ)
		if p.got(token.ALL) {
			s.Role = "ALL"
		} else {
			s.Role = p.anyWord("PARTNER, WITNESS or ALL")
		}
	default:
		p.i--
		p.tok = p.toks[p.i]
		p.fail("AUTHENTICATION, ENCRYPTION or ROLE")
	}
}

// grantStmt parses GRANT, REVOKE and DENY.
func (p *parser) grantStmt() ast.Statement {
	from := p.tok.Pos
	s := &ast.GrantStmt{}
	switch p.tok.Kind {
	case token.GRANT:
		s.Kind = ast.Grant
	case token.REVOKE:
		s.Kind = ast.Revoke
	default:
		s.Kind = ast.Deny
	}
	p.next()
	if s.Kind == ast.Revoke && p.got(token.GRANT) {
		p.expect(token.OPTION)
		p.expect(token.FOR)
		s.GrantOptionFor = true
	}
	for {
		var words []string
		for !p.is(token.COMMA) && !p.is(token.ON) && !p.is(token.TO) && !p.is(token.FROM) && !p.is(token.LPAREN) && !p.is(token.EOF) {
			words = append(words, p.anyWord("permission"))
		}
		if words == nil {
			p.fail("permission")
		}
		perm := strings.Join(words, " ")
		if perm == "ALL PRIVILEGES" {
			perm = "ALL"
		}
		var cols []*ast.Ident
		if p.is(token.LPAREN) {
			cols = p.parenIdentList()
			if s.PermColumns == nil {
				s.PermColumns = make([][]*ast.Ident, len(s.Permissions))
			}
		}
		s.Permissions = append(s.Permissions, perm)
		if s.PermColumns != nil {
			s.PermColumns = append(s.PermColumns, cols)
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	if p.got(token.ON) {
		if p.peek(1).Kind == token.COLONCOLON {
			s.Class = p.anyWord("securable class")
			p.next()
		}
		s.On = p.name()
		if p.is(token.LPAREN) {
			s.Columns = p.parenIdentList()
		}
	}
	if s.Kind == ast.Revoke {
		if !p.got(token.FROM) {
			p.expect(token.TO)
		}
	} else {
		p.expect(token.TO)
	}
	for {
		s.Principals = append(s.Principals, p.identOrKeyword())
		if !p.got(token.COMMA) {
			break
		}
	}
	if s.Kind == ast.Grant && p.is(token.WITH) {
		p.next()
		p.expect(token.GRANT)
		p.expect(token.OPTION)
		s.WithGrantOption = true
	}
	if s.Kind != ast.Grant && p.got(token.CASCADE) {
		s.Cascade = true
	}
	if p.got(token.AS) {
		s.As = p.identOrKeyword()
	}
	s.Span = p.span(from)
	return s
}

// createLogin parses CREATE LOGIN and ALTER LOGIN.
func (p *parser) createLogin(from token.Pos, alter bool) ast.Statement {
	p.expectWord("LOGIN")
	s := &ast.CreateLoginStmt{Alter: alter, Name: p.ident()}
	switch {
	case alter && p.gotWord("ENABLE"):
		s.Enable = true
	case alter && p.gotWord("DISABLE"):
		s.Disable = true
	case p.got(token.FROM):
		if p.gotWord("WINDOWS") {
			s.FromWindows = true
		} else {
			p.expectWord("CERTIFICATE")
			s.FromCertificate = p.ident()
		}
	}
	if p.got(token.WITH) {
		for {
			if p.isWord("PASSWORD") && p.peek(1).Kind == token.EQ && s.Password == nil {
				p.next()
				p.next()
				s.Password = p.expr()
				p.passwordOptions(s)
			} else {
				s.Options = append(s.Options, p.option(false))
			}
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	if !s.Enable && !s.Disable && !s.FromWindows && s.FromCertificate == nil && s.Password == nil && s.Options == nil {
		p.fail("WITH or FROM")
	}
	s.Span = p.span(from)
	return s
}

// passwordOptions parses what may follow a login's PASSWORD = value:
// HASHED, OLD_PASSWORD = '…', MUST_CHANGE, UNLOCK.
func (p *parser) passwordOptions(s *ast.CreateLoginStmt) {
	for {
		switch {
		case p.gotWord("HASHED"):
			s.Hashed = true
		case p.gotWord("MUST_CHANGE"):
			s.MustChange = true
		case p.gotWord("UNLOCK"):
			s.Unlock = true
		case p.isWord("OLD_PASSWORD") && p.peek(1).Kind == token.EQ:
			p.next()
			p.next()
			s.OldPassword = p.expr()
		default:
			return
		}
	}
}

// createUser parses CREATE USER and ALTER USER.
func (p *parser) createUser(from token.Pos, alter bool) ast.Statement {
	p.next()
	s := &ast.CreateUserStmt{Alter: alter, Name: p.ident()}
	switch {
	case alter:
		if !p.is(token.WITH) { // ALTER USER has options only
			p.fail("WITH")
		}
	case p.is(token.FOR) || p.is(token.FROM):
		p.next()
		if p.gotWord("LOGIN") {
			s.Login = p.ident()
		} else {
			p.expectWord("CERTIFICATE")
			s.FromCertificate = p.ident()
		}
	case p.gotWord("WITHOUT"):
		p.expectWord("LOGIN")
		s.WithoutLogin = true
	}
	if p.got(token.WITH) {
		for {
			s.Options = append(s.Options, p.option(false))
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	s.Span = p.span(from)
	return s
}

// encryptionByPassword parses [ENCRYPTION|DECRYPTION] BY PASSWORD = expr
// after the first word was consumed.
func (p *parser) byPassword() ast.Expr {
	p.expect(token.BY)
	p.expectWord("PASSWORD")
	p.expect(token.EQ)
	return p.expr()
}

func (p *parser) createMasterKey(from token.Pos) ast.Statement {
	p.expectWord("MASTER")
	p.expect(token.KEY)
	p.expectWord("ENCRYPTION")
	return &ast.CreateMasterKeyStmt{Password: p.byPassword(), Span: p.span(from)}
}

// privateKey parses PRIVATE KEY (FILE = …, DECRYPTION BY PASSWORD = …,
// ENCRYPTION BY PASSWORD = …) after WITH.
func (p *parser) privateKey() (file, enc, dec ast.Expr) {
	p.expectWord("PRIVATE")
	p.expect(token.KEY)
	p.expect(token.LPAREN)
	for {
		switch {
		case p.got(token.FILE):
			p.expect(token.EQ)
			file = p.expr()
		case p.gotWord("ENCRYPTION"):
			enc = p.byPassword()
		case p.gotWord("DECRYPTION"):
			dec = p.byPassword()
		default:
			p.fail("FILE, ENCRYPTION or DECRYPTION")
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	p.expect(token.RPAREN)
	return
}

func (p *parser) createCertificate(from token.Pos) ast.Statement {
	p.expectWord("CERTIFICATE")
	s := &ast.CreateCertificateStmt{Name: p.ident()}
	if p.got(token.AUTHORIZATION) {
		s.Authorization = p.ident()
	}
	if p.got(token.FROM) {
		p.expect(token.FILE)
		p.expect(token.EQ)
		s.FromFile = p.expr()
		if p.is(token.WITH) && isWordTok(p.peek(1), "PRIVATE") {
			p.next()
			s.PrivateKeyFile, s.EncryptionPassword, s.DecryptionPassword = p.privateKey()
		}
	} else {
		if p.gotWord("ENCRYPTION") {
			s.EncryptionPassword = p.byPassword()
		}
		p.expect(token.WITH)
		for {
			s.Options = append(s.Options, p.option(false))
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	if p.gotWord("ACTIVE") {
		p.expect(token.FOR)
		p.expectWord("BEGIN_DIALOG")
		p.expect(token.EQ)
		s.ActiveForDialog = p.anyWord("ON or OFF")
	}
	s.Span = p.span(from)
	return s
}

// backupStmt parses BACKUP DATABASE|LOG and BACKUP CERTIFICATE.
func (p *parser) backupStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.BACKUP)
	if p.gotWord("CERTIFICATE") {
		s := &ast.BackupCertificateStmt{Name: p.ident()}
		p.expect(token.TO)
		p.expect(token.FILE)
		p.expect(token.EQ)
		s.File = p.expr()
		if p.is(token.WITH) && isWordTok(p.peek(1), "PRIVATE") {
			p.next()
			s.PrivateKeyFile, s.EncryptionPassword, s.DecryptionPassword = p.privateKey()
		}
		s.Span = p.span(from)
		return s
	}
	s := &ast.BackupStmt{}
	if p.gotWord("LOG") {
		s.Log = true
	} else {
		p.expect(token.DATABASE)
	}
	s.Database = p.databaseRef()
	if p.is(token.WITH) {
		// BACKUP LOG db WITH TRUNCATE_ONLY (or NO_LOG), the form SQL Server
		// 2005 took without TO: 2008+ names the removed option (155).
		at := p.i
		p.next()
		opts, _ := p.backupOptions(false)
		p.checkBackupOptions(opts)
		p.i, p.tok = at, p.toks[at]
	}
	p.expect(token.TO)
	s.Devices = p.devices()
	for n := 1; p.isWord("MIRROR") && p.peek(1).Kind == token.TO; n++ {
		p.next()
		p.next()
		for _, d := range p.devices() {
			d.Mirror = n
			s.Devices = append(s.Devices, d)
		}
	}
	if p.got(token.WITH) {
		s.Options, _ = p.backupOptions(false)
		p.checkBackupOptions(s.Options)
	}
	s.Span = p.span(from)
	return s
}

// backupOptionNames are the WITH options SQL Server's BACKUP documents;
// those the server does not implement are accepted and have no effect.
var backupOptionNames = map[string]bool{
	"DIFFERENTIAL": true, "COPY_ONLY": true, "COMPRESSION": true, "NO_COMPRESSION": true,
	"ENCRYPTION": true, "NO_ENCRYPTION": true, "FILE_SNAPSHOT": true, "METADATA_ONLY": true,
	"DESCRIPTION": true, "NAME": true, "CREDENTIAL": true, "EXPIREDATE": true, "RETAINDAYS": true,
	"INIT": true, "NOINIT": true, "SKIP": true, "NOSKIP": true, "FORMAT": true, "NOFORMAT": true,
	"MEDIADESCRIPTION": true, "MEDIANAME": true, "MEDIAPASSWORD": true, "PASSWORD": true,
	"BLOCKSIZE": true, "BUFFERCOUNT": true, "MAXTRANSFERSIZE": true, "CHECKSUM": true,
	"NO_CHECKSUM": true, "STOP_ON_ERROR": true, "CONTINUE_AFTER_ERROR": true, "STATS": true,
	"REWIND": true, "NOREWIND": true, "UNLOAD": true, "NOUNLOAD": true, "NORECOVERY": true,
	"STANDBY": true, "NO_TRUNCATE": true, "RESTART": true, "BACKUP_OPTIONS": true,
}

// checkBackupOptions refuses a WITH option BACKUP does not know — among them
// TRUNCATE_ONLY and NO_LOG, removed in SQL Server 2008 — with SQL Server's
// 155, rather than ignoring it and taking an ordinary backup.
func (p *parser) checkBackupOptions(opts []*ast.Option) {
	for _, o := range opts {
		if !backupOptionNames[o.Name] {
			panic(bailout{newError(p.fileOf(), o.Span.From, ErrUnknownOption,
				"'"+o.Name+"' is not a recognized BACKUP option.", "unknown BACKUP option "+o.Name)})
		}
	}
}

// databaseRef parses a database name or a variable holding one.
func (p *parser) databaseRef() ast.Expr {
	if p.is(token.VARIABLE) {
		v := &ast.Variable{Span: ast.Span{From: p.tok.Pos, To: p.tok.End}, Name: p.tok.Text}
		p.next()
		return v
	}
	id := p.ident()
	n := &ast.Name{Span: id.Span, Parts: []*ast.Ident{id}}
	return &ast.ColumnRef{Span: n.Span, Name: n}
}

func (p *parser) devices() []*ast.Device {
	var ds []*ast.Device
	for {
		from := p.tok.Pos
		d := &ast.Device{}
		if p.got(token.DISK) {
			d.Kind = "DISK"
		} else if p.gotWord("URL") {
			d.Kind = "URL"
		} else if p.gotWord("TAPE") {
			d.Kind = "TAPE"
		} else if p.gotWord("DATABASE_SNAPSHOT") { // RESTORE DATABASE … FROM DATABASE_SNAPSHOT = 'snap'
			d.Kind = "DATABASE_SNAPSHOT"
		} else if p.is(token.VARIABLE) || p.is(token.IDENT) && p.peek(1).Kind != token.EQ {
			// A logical backup device (sp_addumpdevice): its name, or a
			// variable holding it; Kind stays "".
			d.Path = p.databaseRef()
			d.Span = p.span(from)
			ds = append(ds, d)
			if !p.got(token.COMMA) {
				return ds
			}
			continue
		} else {
			p.fail("DISK")
		}
		p.expect(token.EQ)
		d.Path = p.expr()
		d.Span = p.span(from)
		ds = append(ds, d)
		if !p.got(token.COMMA) {
			return ds
		}
	}
}

// backupOptions parses the WITH list of BACKUP/RESTORE, optionally in
// parentheses; MOVE items are returned separately when moves is set.
func (p *parser) backupOptions(moves bool) ([]*ast.Option, []*ast.Move) {
	paren := p.got(token.LPAREN)
	var opts []*ast.Option
	var ms []*ast.Move
	for {
		if moves && p.isWord("MOVE") {
			from := p.tok.Pos
			p.next()
			m := &ast.Move{Logical: p.expr()}
			p.expect(token.TO)
			m.Physical = p.expr()
			m.Span = p.span(from)
			ms = append(ms, m)
		} else {
			from := p.tok.Pos
			o := &ast.Option{Name: p.anyWord("option")}
			if (o.Name == "COMPRESSION" || o.Name == "ENCRYPTION") && p.got(token.LPAREN) {
				// COMPRESSION (ALGORITHM = MS_XPRESS | QAT_DEFLATE), SQL Server
				// 2022; ENCRYPTION (ALGORITHM = AES_256, SERVER CERTIFICATE =
				// name | SERVER ASYMMETRIC KEY = name): a sub-option's name may
				// be several words, kept joined by one space.
				for {
					sf := p.tok.Pos
					so := &ast.Option{Name: p.anyWord("option")}
					for !p.is(token.EQ) && p.tok.Kind != token.EOF {
						so.Name += " " + p.anyWord("=")
					}
					p.expect(token.EQ)
					p.optionValue(so)
					so.Span = p.span(sf)
					o.Sub = append(o.Sub, so)
					if !p.got(token.COMMA) {
						break
					}
				}
				p.expect(token.RPAREN)
			}
			if p.got(token.EQ) {
				p.optionValue(o)
			}
			if (o.Name == "STOPATMARK" || o.Name == "STOPBEFOREMARK") && o.Value != nil && p.gotWord("AFTER") {
				o.After = p.expr()
			}
			o.Span = p.span(from)
			opts = append(opts, o)
		}
		if !p.got(token.COMMA) {
			break
		}
	}
	if paren {
		p.expect(token.RPAREN)
	}
	return opts, ms
}

var restoreOnly = map[string]ast.RestoreKind{
	"HEADERONLY": ast.RestoreHeaderOnly, "FILELISTONLY": ast.RestoreFileListOnly,
	"VERIFYONLY": ast.RestoreVerifyOnly, "LABELONLY": ast.RestoreLabelOnly,
}

func (p *parser) restoreStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.RESTORE)
	s := &ast.RestoreStmt{}
	switch {
	case p.got(token.DATABASE):
		s.Kind = ast.RestoreDatabase
		s.Database = p.databaseRef()
	case p.gotWord("LOG"):
		s.Kind = ast.RestoreLog
		s.Database = p.databaseRef()
	default:
		k, ok := restoreOnly[p.word()]
		if !ok || p.tok.Kind != token.IDENT {
			p.fail("DATABASE, LOG, HEADERONLY, FILELISTONLY or VERIFYONLY")
		}
		p.next()
		s.Kind = k
		p.expect(token.FROM)
		s.Devices = p.devices()
	}
	if s.Devices == nil && p.got(token.FROM) {
		s.Devices = p.devices()
	}
	if p.got(token.WITH) {
		s.Options, s.Moves = p.backupOptions(true)
	}
	s.Span = p.span(from)
	return s
}

func (p *parser) dbccStmt() ast.Statement {
	from := p.tok.Pos
	p.expect(token.DBCC)
	s := &ast.DbccStmt{Command: p.anyWord("DBCC command")}
	if p.got(token.LPAREN) {
		s.Paren = true
		if !p.is(token.RPAREN) {
			s.Args = p.exprList()
		}
		p.expect(token.RPAREN)
	}
	if p.got(token.WITH) {
		for {
			s.Options = append(s.Options, p.option(false))
			if !p.got(token.COMMA) {
				break
			}
		}
	}
	s.Span = p.span(from)
	return s
}

// listenerIP parses ( 4-part-ip ) or ( 'ip_address_v6' ) (mirroring
// reference §2.4).
func (p *parser) listenerIP() string {
	p.expect(token.LPAREN)
	var ip string
	if p.is(token.STRING) || p.is(token.NSTRING) {
		ip = p.stringValue()
	} else {
		from := p.tok.Pos
		if !p.is(token.INT) && !p.is(token.DECIMAL) {
			p.fail("IP address") // nothing consumed: prevEnd would precede from
		}
		for p.is(token.INT) || p.is(token.DECIMAL) || p.is(token.DOT) {
			p.next()
		}
		ip = p.src[from.Offset():p.prevEnd().Offset()]
		if !ast.IsIPv4(ip) {
			p.fail("IP address")
		}
	}
	p.expect(token.RPAREN)
	return ip
}

// roleStmt parses CREATE ROLE and ALTER [SERVER] ROLE from the word ROLE.
func (p *parser) roleStmt(from token.Pos, alter, server bool) ast.Statement {
	p.next() // ROLE
	name := p.ident()
	if !alter {
		s := &ast.CreateRoleStmt{Name: name}
		if p.got(token.AUTHORIZATION) {
			s.Authorization = p.ident()
		}
		s.Span = p.span(from)
		return s
	}
	s := &ast.AlterRoleStmt{Server: server, Name: name}
	switch {
	case p.got(token.ADD):
		p.expectWord("MEMBER")
		s.AddMember = p.ident()
	case p.got(token.DROP):
		p.expectWord("MEMBER")
		s.DropMember = p.ident()
	case p.got(token.WITH):
		p.expectWord("NAME")
		p.expect(token.EQ)
		s.NewName = p.ident()
	default:
		p.fail("ADD MEMBER, DROP MEMBER or WITH NAME")
	}
	s.Span = p.span(from)
	return s
}

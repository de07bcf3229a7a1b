package main

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// sqlcmdOptions are the parsed command-line options of `mirrorsql sqlcmd`. They
// follow Microsoft sqlcmd (and go-sqlcmd, its Go rewrite): single-letter flags
// whose values are separate arguments (`-S host,port`) or attached (`-Shost`).
type sqlcmdOptions struct {
	Server       string            // -S: host, host,port, tcp:host,port, host\instance (SQLCMDSERVER)
	User         string            // -U (SQLCMDUSER)
	Password     string            // -P (SQLCMDPASSWORD)
	Database     string            // -d (SQLCMDDBNAME)
	Query        string            // -q: run, then read standard input
	ExitQuery    string            // -Q: run and exit
	InputFiles   []string          // -i file[,file] (repeatable)
	OutputFile   string            // -o
	Vars         map[string]string // -v name=value … (names upper-cased)
	VarOrder     []string          // -v names in command-line order
	ExitOnError  bool              // -b
	Headers      int               // -h: 0 once per result set, n every n rows, -1 none
	ColSep       string            // -s (default one space)
	TrimSpaces   bool              // -W
	TrustCert    bool              // -C
	Encrypt      string            // -N: "" (not given), disable, false, true, strict
	LoginTimeout int               // -l seconds (0 = driver default)
	QueryTimeout int               // -t seconds (0 = none)
	PacketSize   int               // -a
	Echo         bool              // -e
	Redirect     int               // -r: -1 off; 0 errors of severity > 10 to stderr; 1 all messages to stderr
	Help         bool              // -? or --help
}

// sqlcmdUsage is printed for -? and on argument errors: every flag, and the
// environment variable that gives its default where sqlcmd has one.
const sqlcmdUsage = `usage: mirrorsql sqlcmd [-S server] [-U user] [-P password] [-d db]
  [-Q "query" | -q "query"] [-i file[,file]] [-o file] [-v var=value ...]
  [-b] [-h headers] [-s col_separator] [-W] [-C] [-N disable|false|true|strict]
  [-l login_timeout] [-t query_timeout] [-a packet_size] [-e] [-r[0|1]] [-I]

  -S server         host, host,port, tcp:host,port or host\instance [$SQLCMDSERVER]
  -U user           SQL Server login [$SQLCMDUSER]
  -P password       its password [$SQLCMDPASSWORD]
  -d db             database to use after the login [$SQLCMDDBNAME]
  -Q "query"        run the query and exit
  -q "query"        run the query, then read standard input
  -i file[,file]    run the scripts, in order
  -o file           write the output to file
  -v var=value ...  scripting variables, $(var) in scripts (the environment's too)
  -b                exit with code 1 when a batch gets an error of severity > 10
  -h headers        rows between column headers; -1 for none
  -s col_separator  one character between columns (default a space)
  -W                remove trailing spaces from columns
  -C                trust the server certificate
  -N mode           encryption: disable, false, true or strict
  -l seconds        login timeout
  -t seconds        query timeout (default none)
  -a packet_size    TDS packet size, 512 to 32767
  -e                echo each batch before running it
  -r[0|1]           errors (-r1: all messages) to standard error
  -I                quoted identifiers on (always, as in go-sqlcmd)

Script commands: GO [n], :setvar name "value", :r file, :connect server
[-l seconds] [-U user [-P password]] (without -U, this -U/-P), :on error
exit|ignore, :reset, :listvar, :exit[(query)], :quit.
`

// sqlcmdValueFlags are the flags that take a value; sqlcmdBoolFlags take none.
var (
	sqlcmdValueFlags = "SUPdQqiovhsNlta"
	sqlcmdBoolFlags  = "bWCeI"
)

// parseSqlcmdArgs parses sqlcmd's arguments (everything after the sub-command).
// getenv supplies SQLCMDSERVER, SQLCMDUSER, SQLCMDPASSWORD and SQLCMDDBNAME
// defaults. Errors are usage errors, phrased as sqlcmd phrases them.
func parseSqlcmdArgs(args []string, getenv func(string) string) (*sqlcmdOptions, error) {
	o := &sqlcmdOptions{
		Server:   getenv("SQLCMDSERVER"),
		User:     getenv("SQLCMDUSER"),
		Password: getenv("SQLCMDPASSWORD"),
		Database: getenv("SQLCMDDBNAME"),
		ColSep:   " ",
		Vars:     map[string]string{},
		Redirect: -1,
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-?" || a == "--help" || a == "-help" {
			o.Help = true
			continue
		}
		if len(a) < 2 || a[0] != '-' {
			return nil, fmt.Errorf("Sqlcmd: '%s': Unexpected argument. Enter '-?' for help.", a)
		}
		flag := a[1]
		if flag == 'r' { // -r, -r0, -r1, -r 0, -r 1
			switch {
			case a == "-r" && i+1 < len(args) && (args[i+1] == "0" || args[i+1] == "1"):
				i++
				o.Redirect = int(args[i][0] - '0')
			case a == "-r" || a == "-r0":
				o.Redirect = 0
			case a == "-r1":
				o.Redirect = 1
			default:
				return nil, fmt.Errorf("Sqlcmd: '%s': Unexpected argument. Argument value has to be one of [0 1].", a)
			}
			continue
		}
		switch {
		case strings.IndexByte(sqlcmdBoolFlags, flag) >= 0:
			if len(a) != 2 {
				return nil, fmt.Errorf("Sqlcmd: '%s': Unknown Option. Enter '-?' for help.", a)
			}
			switch flag {
			case 'b':
				o.ExitOnError = true
			case 'W':
				o.TrimSpaces = true
			case 'C':
				o.TrustCert = true
			case 'e':
				o.Echo = true
			case 'I':
				// go-sqlcmd accepts -I "for backward compatibility": its
				// sessions always run under QUOTED_IDENTIFIER ON, since
				// go-mssqldb's login asks for the ODBC defaults. ODBC
				// sqlcmd ran under OFF unless -I was given; a script
				// that needs OFF says SET QUOTED_IDENTIFIER OFF.
			}
			continue
		case strings.IndexByte(sqlcmdValueFlags, flag) < 0:
			return nil, fmt.Errorf("Sqlcmd: '%s': Unknown Option. Enter '-?' for help.", a)
		}
		var val string
		if len(a) > 2 {
			val = a[2:]
		} else {
			if i+1 >= len(args) {
				return nil, fmt.Errorf("Sqlcmd: '-%c': Missing argument. Enter '-?' for help.", flag)
			}
			i++
			val = args[i]
		}
		if err := o.set(flag, val); err != nil {
			return nil, err
		}
		if flag == 'v' { // -v takes every following name=value until the next flag
			for i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") && strings.Contains(args[i+1], "=") {
				i++
				if err := o.set('v', args[i]); err != nil {
					return nil, err
				}
			}
		}
	}
	if o.Query != "" && o.ExitQuery != "" {
		return nil, errors.New("Sqlcmd: The -Q and the -q options are mutually exclusive.")
	}
	if len(o.InputFiles) > 0 && (o.Query != "" || o.ExitQuery != "") {
		return nil, errors.New("Sqlcmd: The -i and the -Q/-q options are mutually exclusive.")
	}
	return o, nil
}

// set stores the value of one value flag.
func (o *sqlcmdOptions) set(flag byte, val string) error {
	atoi := func(min, max int) (int, error) {
		n, err := strconv.Atoi(val)
		if err != nil || n < min || n > max {
			return 0, fmt.Errorf("Sqlcmd: '-%c %s': value must be greater than or equal to %d and less than or equal to %d.", flag, val, min, max)
		}
		return n, nil
	}
	var err error
	switch flag {
	case 'S':
		o.Server = val
	case 'U':
		o.User = val
	case 'P':
		o.Password = val
	case 'd':
		o.Database = val
	case 'q':
		o.Query = val
	case 'Q':
		o.ExitQuery = val
	case 'i':
		for _, f := range strings.Split(val, ",") {
			if f = strings.TrimSpace(f); f != "" {
				o.InputFiles = append(o.InputFiles, f)
			}
		}
	case 'o':
		o.OutputFile = val
	case 'v':
		name, value, ok := strings.Cut(val, "=")
		if !ok || !validVarName(name) {
			return fmt.Errorf("Sqlcmd: '-v %s': Invalid argument. Enter '-?' for help.", val)
		}
		value = unquote(value)
		key := strings.ToUpper(name)
		if _, dup := o.Vars[key]; !dup {
			o.VarOrder = append(o.VarOrder, key)
		}
		o.Vars[key] = value
	case 'h':
		o.Headers, err = atoi(-1, 2147483647)
	case 's':
		if len(val) != 1 {
			return fmt.Errorf("Sqlcmd: '-s %s': Invalid argument. Enter '-?' for help.", val)
		}
		o.ColSep = val
	case 'N':
		o.Encrypt, err = encryptSetting(val)
	case 'l':
		o.LoginTimeout, err = atoi(0, 65534)
	case 't':
		o.QueryTimeout, err = atoi(0, 65534)
	case 'a':
		o.PacketSize, err = atoi(512, 32767)
	}
	return err
}

// encryptSetting maps sqlcmd's -N spellings to go-mssqldb's encrypt values.
func encryptSetting(v string) (string, error) {
	switch strings.ToLower(v) {
	case "disable":
		return "disable", nil
	case "false", "no", "0", "f", "optional", "o":
		return "false", nil
	case "true", "yes", "1", "t", "mandatory", "m":
		return "true", nil
	case "strict", "s":
		return "strict", nil
	}
	return "", fmt.Errorf("Sqlcmd: '-N %s': Unexpected argument. Argument value has to be one of [disable false true strict].", v)
}

// connString builds the go-mssqldb URL for the options. -S accepts host,
// host,port, tcp:host,port and host\instance; "." and "(local)" mean localhost.
// Without -N no encrypt key is sent (login-only TLS) and the certificate is
// trusted, as go-sqlcmd does.
func (o *sqlcmdOptions) connString() (string, error) {
	server := strings.TrimSpace(o.Server)
	if len(server) > 4 && strings.EqualFold(server[:4], "tcp:") {
		server = server[4:]
	}
	host, port, hasPort := strings.Cut(server, ",")
	host, instance, _ := strings.Cut(host, `\`)
	host = strings.TrimSpace(host)
	switch strings.ToLower(host) {
	case "", ".", "(local)", "localhost":
		host = "localhost"
	}
	u := &url.URL{Scheme: "sqlserver", Host: host}
	if hasPort {
		p, err := strconv.Atoi(strings.TrimSpace(port))
		if err != nil || p <= 0 || p > 65535 {
			return "", fmt.Errorf("invalid port in server name %q", o.Server)
		}
		u.Host = fmt.Sprintf("%s:%d", host, p)
	}
	if instance != "" {
		u.Path = instance
	}
	if o.User != "" {
		u.User = url.UserPassword(o.User, o.Password)
	}
	q := url.Values{}
	q.Set("app name", "sqlcmd")
	if o.Database != "" {
		q.Set("database", o.Database)
	}
	if o.Encrypt != "" {
		q.Set("encrypt", o.Encrypt)
	}
	q.Set("trustservercertificate", strconv.FormatBool(o.TrustCert || o.Encrypt == ""))
	if o.LoginTimeout > 0 {
		q.Set("dial timeout", strconv.Itoa(o.LoginTimeout))
	}
	if o.PacketSize > 0 {
		q.Set("packet size", strconv.Itoa(o.PacketSize))
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

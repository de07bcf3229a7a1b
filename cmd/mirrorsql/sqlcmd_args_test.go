package main

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func noEnv(string) string { return "" }

func TestParseSqlcmdArgs(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want func(o *sqlcmdOptions) // edits the defaults into the expected options
	}{
		{"defaults", nil, nil, func(o *sqlcmdOptions) {}},
		{"separate values", []string{"-S", "127.0.0.1,1500", "-U", "sa", "-P", "pw", "-d", "db1", "-Q", "select 1"}, nil,
			func(o *sqlcmdOptions) {
				o.Server, o.User, o.Password, o.Database, o.ExitQuery = "127.0.0.1,1500", "sa", "pw", "db1", "select 1"
			}},
		{"attached values", []string{"-Shost", "-Usa", "-Ppw", "-h-1", "-s,"}, nil,
			func(o *sqlcmdOptions) {
				o.Server, o.User, o.Password, o.Headers, o.ColSep = "host", "sa", "pw", -1, ","
			}},
		{"environment", nil, map[string]string{"SQLCMDSERVER": "envhost", "SQLCMDUSER": "u", "SQLCMDPASSWORD": "p", "SQLCMDDBNAME": "d"},
			func(o *sqlcmdOptions) { o.Server, o.User, o.Password, o.Database = "envhost", "u", "p", "d" }},
		{"flags override environment", []string{"-S", "flaghost"}, map[string]string{"SQLCMDSERVER": "envhost"},
			func(o *sqlcmdOptions) { o.Server = "flaghost" }},
		{"-I is accepted: go-sqlcmd's sessions always run under QUOTED_IDENTIFIER ON", []string{"-I"}, nil, func(o *sqlcmdOptions) {}},
		{"booleans", []string{"-b", "-W", "-C", "-e"}, nil,
			func(o *sqlcmdOptions) { o.ExitOnError, o.TrimSpaces, o.TrustCert, o.Echo = true, true, true, true }},
		{"input files", []string{"-i", "a.sql,b.sql", "-i", "c.sql", "-o", "out.txt"}, nil,
			func(o *sqlcmdOptions) { o.InputFiles, o.OutputFile = []string{"a.sql", "b.sql", "c.sql"}, "out.txt" }},
		{"variables", []string{"-v", "a=1", "B=two words", `c="q"`, "-b"}, nil,
			func(o *sqlcmdOptions) {
				o.Vars = map[string]string{"A": "1", "B": "two words", "C": "q"}
				o.VarOrder = []string{"A", "B", "C"}
				o.ExitOnError = true
			}},
		{"encrypt and timeouts", []string{"-N", "s", "-l", "5", "-t", "30", "-a", "4096", "-q", "select 2"}, nil,
			func(o *sqlcmdOptions) {
				o.Encrypt, o.LoginTimeout, o.QueryTimeout, o.PacketSize, o.Query = "strict", 5, 30, 4096, "select 2"
			}},
		{"help", []string{"-?"}, nil, func(o *sqlcmdOptions) { o.Help = true }},
		{"redirect errors", []string{"-r"}, nil, func(o *sqlcmdOptions) { o.Redirect = 0 }},
		{"redirect errors attached 0", []string{"-r0", "-b"}, nil, func(o *sqlcmdOptions) { o.Redirect, o.ExitOnError = 0, true }},
		{"redirect all attached", []string{"-r1"}, nil, func(o *sqlcmdOptions) { o.Redirect = 1 }},
		{"redirect all separate", []string{"-r", "1", "-W"}, nil, func(o *sqlcmdOptions) { o.Redirect, o.TrimSpaces = 1, true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			got, err := parseSqlcmdArgs(tt.args, getenv)
			if err != nil {
				t.Fatalf("parseSqlcmdArgs(%q): %v", tt.args, err)
			}
			want, _ := parseSqlcmdArgs(nil, getenv)
			tt.want(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("parseSqlcmdArgs(%q)\n got %+v\nwant %+v", tt.args, got, want)
			}
		})
	}
}

func TestParseSqlcmdArgsErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-Z"}, "Sqlcmd: '-Z': Unknown Option. Enter '-?' for help."},
		{[]string{"-bx"}, "Sqlcmd: '-bx': Unknown Option. Enter '-?' for help."},
		{[]string{"-r2"}, "Sqlcmd: '-r2': Unexpected argument. Argument value has to be one of [0 1]."},
		{[]string{"-S"}, "Sqlcmd: '-S': Missing argument. Enter '-?' for help."},
		{[]string{"select"}, "Sqlcmd: 'select': Unexpected argument. Enter '-?' for help."},
		{[]string{"-h", "x"}, "Sqlcmd: '-h x': value must be greater than or equal to -1 and less than or equal to 2147483647."},
		{[]string{"-N", "maybe"}, "Sqlcmd: '-N maybe': Unexpected argument. Argument value has to be one of [disable false true strict]."},
		{[]string{"-v", "novalue"}, "Sqlcmd: '-v novalue': Invalid argument. Enter '-?' for help."},
		{[]string{"-s", "ab"}, "Sqlcmd: '-s ab': Invalid argument. Enter '-?' for help."},
		{[]string{"-Q", "a", "-q", "b"}, "Sqlcmd: The -Q and the -q options are mutually exclusive."},
		{[]string{"-i", "f", "-Q", "b"}, "Sqlcmd: The -i and the -Q/-q options are mutually exclusive."},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := parseSqlcmdArgs(tt.args, noEnv)
			if err == nil || err.Error() != tt.want {
				t.Errorf("parseSqlcmdArgs(%q) error = %v, want %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestConnString(t *testing.T) {
	tests := []struct {
		name      string
		o         sqlcmdOptions
		wantHost  string
		wantPath  string
		wantQuery map[string]string
	}{
		{"host,port", sqlcmdOptions{Server: "127.0.0.1,1500", User: "sa", Password: "p@ss"}, "127.0.0.1:1500", "",
			map[string]string{"app name": "sqlcmd", "trustservercertificate": "true"}},
		{"tcp prefix and database", sqlcmdOptions{Server: "tcp:db.example,1433", Database: "d1"}, "db.example:1433", "",
			map[string]string{"database": "d1", "app name": "sqlcmd", "trustservercertificate": "true"}},
		{"instance", sqlcmdOptions{Server: `srv\INST`}, "srv", "/INST",
			map[string]string{"app name": "sqlcmd", "trustservercertificate": "true"}},
		{"default host", sqlcmdOptions{}, "localhost", "",
			map[string]string{"app name": "sqlcmd", "trustservercertificate": "true"}},
		{"encrypt true without -C", sqlcmdOptions{Server: "h", Encrypt: "true"}, "h", "",
			map[string]string{"app name": "sqlcmd", "encrypt": "true", "trustservercertificate": "false"}},
		{"encrypt with -C and timeouts", sqlcmdOptions{Server: "h", Encrypt: "false", TrustCert: true, LoginTimeout: 3, PacketSize: 4096}, "h", "",
			map[string]string{"app name": "sqlcmd", "encrypt": "false", "trustservercertificate": "true", "dial timeout": "3", "packet size": "4096"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.o.connString()
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(s)
			if err != nil {
				t.Fatal(err)
			}
			if u.Host != tt.wantHost || u.Path != tt.wantPath {
				t.Errorf("host, path = %q, %q, want %q, %q", u.Host, u.Path, tt.wantHost, tt.wantPath)
			}
			got := map[string]string{}
			for k, v := range u.Query() {
				got[k] = v[0]
			}
			if !reflect.DeepEqual(got, tt.wantQuery) {
				t.Errorf("query = %v, want %v", got, tt.wantQuery)
			}
			if tt.o.User != "" {
				if pw, _ := u.User.Password(); u.User.Username() != tt.o.User || pw != tt.o.Password {
					t.Errorf("user info = %v", u.User)
				}
			}
		})
	}
	if _, err := (&sqlcmdOptions{Server: "h,notaport"}).connString(); err == nil {
		t.Error("connString accepted a bad port")
	}
}

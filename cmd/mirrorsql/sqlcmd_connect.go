package main

import (
	"strconv"
	"strings"
)

// connectArgs are the arguments of sqlcmd's :CONNECT command. An empty User
// keeps the user and password the connection had (from -U/-P or SQLCMDUSER/
// SQLCMDPASSWORD): sqlcmd would use Windows authentication, which mirrorsql
// has not.
type connectArgs struct {
	Server   string
	User     string
	Password string
	Timeout  int // -l seconds; 0 keeps the command line's
}

// parseConnectArgs parses what follows :CONNECT (variables already
// substituted): the server, then -l, -U and -P in any order, each value a
// word or a double-quoted string.
func parseConnectArgs(rest string) (connectArgs, bool) {
	words, ok := splitCommandWords(rest)
	if !ok || len(words) == 0 || strings.HasPrefix(words[0], "-") {
		return connectArgs{}, false
	}
	a := connectArgs{Server: words[0]}
	for i := 1; i < len(words); i += 2 {
		if i+1 >= len(words) {
			return connectArgs{}, false
		}
		v := words[i+1]
		switch strings.ToUpper(words[i]) {
		case "-L":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 65534 {
				return connectArgs{}, false
			}
			a.Timeout = n
		case "-U":
			a.User = v
		case "-P":
			a.Password = v
		default:
			return connectArgs{}, false
		}
	}
	if a.Password != "" && a.User == "" {
		return connectArgs{}, false
	}
	return a, true
}

// splitCommandWords splits a command's arguments at blanks; a double-quoted
// word may hold blanks, and "" inside it is one ".
func splitCommandWords(s string) ([]string, bool) {
	var words []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] != '"' {
			end := strings.IndexAny(s, " \t")
			if end < 0 {
				end = len(s)
			}
			words = append(words, s[:end])
			s = s[end:]
			continue
		}
		var w strings.Builder
		i := 1
		for ; i < len(s); i++ {
			if s[i] == '"' {
				if i+1 < len(s) && s[i+1] == '"' {
					w.WriteByte('"')
					i++
					continue
				}
				break
			}
			w.WriteByte(s[i])
		}
		if i >= len(s) {
			return nil, false // unterminated quote
		}
		words = append(words, w.String())
		s = s[i+1:]
	}
	return words, true
}

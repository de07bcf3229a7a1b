package exec

import (
	"context"
	"slices"
	"strings"

	"github.com/mirrorsql/mirrorsql/catalog"
	"github.com/mirrorsql/mirrorsql/catalog/types"
)

// User-defined messages: sp_addmessage / sp_dropmessage keep them in the
// server catalog (instance-wide, as in SQL Server — a mirror needs its own),
// RAISERROR(n, …) and FORMATMESSAGE(n, …) raise and format them, and
// sys.messages lists them with the system messages mirrorsql raises by
// number (raiserror_messages.go).

// usEnglish is sys.messages.language_id of us_english, the only language.
const usEnglish = 1033

// lookupMessage finds message n: a user-defined one, else a known system one.
func (s *Session) lookupMessage(n int32) (systemMessage, bool) {
	for _, m := range s.srv.ServerCatalog().Messages {
		if m.ID == n {
			return systemMessage{severity: m.Severity, text: m.Text}, true
		}
	}
	sm, ok := systemMessages[n]
	return sm, ok
}

// mayManageMessages: sysadmin or serveradmin (ALTER SETTINGS).
func (s *Session) mayManageMessages() error {
	if s.Sysadmin() || s.HasServerPermission("ALTER SETTINGS") {
		return nil
	}
	return &Error{Number: 15247, Severity: 16, State: 1, Message: "User does not have permission to perform this action."}
}

func spAddMessage(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
	if err := s.mayManageMessages(); err != nil {
		return 1, err
	}
	num, ok := ArgInt(args, 0, "@msgnum")
	if !ok || num <= 50000 || num > 2147483647 {
		return 1, &Error{Number: 15040, Severity: 16, State: 1, Message: "User-defined error messages must have an ID greater than 50000."}
	}
	sev, ok := ArgInt(args, 1, "@severity")
	if !ok || sev < 1 || sev > 25 {
		return 1, &Error{Number: 15041, Severity: 16, State: 1, Message: "User-defined error messages must have a severity level between 1 and 25."}
	}
	text := ArgString(args, 2, "@msgtext")
	if lang := ArgString(args, 3, "@lang"); lang != "" && !strings.EqualFold(lang, "us_english") && !strings.EqualFold(lang, "english") {
		return 1, &Error{Number: 15033, Severity: 16, State: 1, Message: "'" + lang + "' is not a valid official language name."}
	}
	logged := strings.EqualFold(strings.TrimSpace(ArgString(args, 4, "@with_log")), "TRUE")
	replace := strings.EqualFold(strings.TrimSpace(ArgString(args, 5, "@replace")), "REPLACE")
	return 0, s.srv.UpdateServer(func(srv *catalog.Server) error {
		i := slices.IndexFunc(srv.Messages, func(m *catalog.Message) bool { return m.ID == int32(num) })
		m := &catalog.Message{ID: int32(num), Language: usEnglish, Severity: uint8(sev), Logged: logged, Text: text}
		switch {
		case i >= 0 && !replace:
			return &Error{Number: 15043, Severity: 16, State: 1, Message: "You must specify 'REPLACE' to overwrite an existing message."}
		case i >= 0:
			srv.Messages[i] = m
		default:
			srv.Messages = append(srv.Messages, m)
		}
		return nil
	})
}

func spDropMessage(ctx context.Context, s *Session, args []*ProcArg, out Output) (int32, error) {
	if err := s.mayManageMessages(); err != nil {
		return 1, err
	}
	num, _ := ArgInt(args, 0, "@msgnum")
	return 0, s.srv.UpdateServer(func(srv *catalog.Server) error {
		i := slices.IndexFunc(srv.Messages, func(m *catalog.Message) bool { return m.ID == int32(num) })
		if i < 0 {
			return &Error{Number: 15179, Severity: 16, State: 1, Message: "Message number " + itoa(int(num)) + " does not exist."}
		}
		srv.Messages = slices.Delete(srv.Messages, i, i+1)
		return nil
	})
}

func init() {
	RegisterProc("sp_addmessage", spAddMessage)
	RegisterProc("sp_dropmessage", spDropMessage)
	systemViews["sys.messages"] = &virtualTable{cols: []vcol{{"message_id", vInt}, {"language_id", types.TypeSmallInt},
		{"severity", vTinyInt}, {"is_event_logged", vBit}, {"text", types.NVarCharType(2048)}},
		rows: func(s *Session, _ Database) ([]Row, error) {
			var out []Row
			for id, m := range systemMessages {
				out = append(out, Row{i32(id), types.NewSmallInt(usEnglish), types.NewTinyInt(m.severity), bit(false), types.NewNVarChar(m.text)})
			}
			for _, m := range s.srv.ServerCatalog().Messages {
				out = append(out, Row{i32(m.ID), types.NewSmallInt(int16(m.Language)), types.NewTinyInt(m.Severity), bit(m.Logged), types.NewNVarChar(m.Text)})
			}
			slices.SortFunc(out, func(a, b Row) int { return int(a[0].Int64() - b[0].Int64()) })
			return out, nil
		}}
}

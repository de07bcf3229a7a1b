package tds

import (
	"encoding/binary"
	"errors"
)

// MessageToken is an ERROR or INFO token ([MS-TDS] 2.2.7.10, 2.2.7.13).
type MessageToken struct {
	Number     int32
	State      uint8
	Class      uint8
	Text       string
	ServerName string
	ProcName   string
	Line       int32
}

// appendMessage appends an ERROR (tok 0xAA) or INFO (0xAB) token.
func appendMessage(b []byte, tok byte, m MessageToken) []byte {
	b = append(b, tok, 0, 0)
	at := len(b)
	b = binary.LittleEndian.AppendUint32(b, uint32(m.Number))
	b = append(b, m.State, m.Class)
	b = appendUSVarchar(b, m.Text)
	b = appendBVarchar(b, m.ServerName)
	b = appendBVarchar(b, m.ProcName)
	b = binary.LittleEndian.AppendUint32(b, uint32(m.Line))
	binary.LittleEndian.PutUint16(b[at-2:], uint16(len(b)-at))
	return b
}

func readMessage(r *rd) MessageToken {
	body := r.take(int(r.u16()))
	br := &rd{b: body}
	m := MessageToken{Number: int32(br.u32()), State: br.u8(), Class: br.u8()}
	m.Text = br.usVarchar()
	m.ServerName = br.bVarchar()
	m.ProcName = br.bVarchar()
	m.Line = int32(br.u32())
	if br.err != nil {
		r.fail(br.err)
	}
	return m
}

// sqlServerError is the structural contract of docs/conventions.md.
type sqlServerError interface {
	error
	SQLServerError() (number int32, severity uint8, state uint8)
}

// Generic values for errors that carry no SQL Server identity (RAISERROR's
// default number 50000, severity 16, state 1).
const (
	genericErrorNumber = 50000
	genericErrorClass  = 16
)

// ErrorMessage converts err into an ERROR token's fields. If err (or an error it
// wraps) implements SQLServerError() (number, severity, state), those are used
// with its Error() text, plus SQLServerLine() int32 and SQLServerProc() string
// when implemented; otherwise number 50000, class 16, state 1 and err.Error().
func ErrorMessage(err error, serverName string) MessageToken {
	m := MessageToken{Number: genericErrorNumber, Class: genericErrorClass, State: 1, Text: err.Error(), ServerName: serverName}
	var se sqlServerError
	if errors.As(err, &se) {
		m.Number, m.Class, m.State = se.SQLServerError()
		m.Text = se.Error()
		if l, ok := se.(interface{ SQLServerLine() int32 }); ok {
			m.Line = l.SQLServerLine()
		}
		if p, ok := se.(interface{ SQLServerProc() string }); ok {
			m.ProcName = p.SQLServerProc()
		}
	}
	return m
}

// ServerError is a ready-made error with SQL Server's identity, for handlers and
// tests that have no richer error type.
type ServerError struct {
	Number int32
	Class  uint8
	State  uint8
	Text   string
	Line   int32
	Proc   string
}

func (e *ServerError) Error() string { return e.Text }

// SQLServerError implements the conventions.md contract.
func (e *ServerError) SQLServerError() (int32, uint8, uint8) { return e.Number, e.Class, e.State }

// SQLServerLine returns the 1-based batch line (0 if unknown).
func (e *ServerError) SQLServerLine() int32 { return e.Line }

// SQLServerProc returns the procedure name ("" if none).
func (e *ServerError) SQLServerProc() string { return e.Proc }

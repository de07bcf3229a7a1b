package session

import (
	"context"
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

// wireToken is one token of a reply, as far as TestStatementTerminatedToken
// reads it: its type, and for ERROR and INFO the message fields.
type wireToken struct {
	typ          byte
	number       int32
	state, class byte
	text, proc   string
	line         int32
	status       uint16 // DONE*
}

// readTokens splits a reply (packets with their 8-byte headers) into tokens;
// it knows the tokens a failed INSERT's reply carries.
func readTokens(t *testing.T, b []byte) []wireToken {
	t.Helper()
	var data []byte
	for len(b) >= 8 {
		n := int(binary.BigEndian.Uint16(b[2:4]))
		if n < 8 || n > len(b) {
			t.Fatalf("bad packet length %d of %d", n, len(b))
		}
		data = append(data, b[8:n]...)
		b = b[n:]
	}
	bvarchar := func(p []byte, chars int) string {
		u := make([]uint16, chars)
		for i := range u {
			u[i] = binary.LittleEndian.Uint16(p[2*i:])
		}
		return string(utf16.Decode(u))
	}
	var toks []wireToken
	for len(data) > 0 {
		tok := wireToken{typ: data[0]}
		switch data[0] {
		case 0xAA, 0xAB: // ERROR, INFO
			n := int(binary.LittleEndian.Uint16(data[1:3]))
			p := data[3 : 3+n]
			tok.number = int32(binary.LittleEndian.Uint32(p))
			tok.state, tok.class = p[4], p[5]
			p = p[6:]
			c := int(binary.LittleEndian.Uint16(p))
			tok.text = bvarchar(p[2:], c)
			p = p[2+2*c:]
			p = p[1+2*int(p[0]):] // ServerName
			c = int(p[0])
			tok.proc = bvarchar(p[1:], c)
			p = p[1+2*c:]
			tok.line = int32(binary.LittleEndian.Uint32(p))
			data = data[3+n:]
		case 0xFD, 0xFE, 0xFF: // DONE, DONEPROC, DONEINPROC
			tok.status = binary.LittleEndian.Uint16(data[1:3])
			data = data[13:]
		case 0x79: // RETURNSTATUS
			data = data[5:]
		case 0xE3: // ENVCHANGE
			data = data[3+int(binary.LittleEndian.Uint16(data[1:3])):]
		default:
			t.Fatalf("unexpected token 0x%02x", data[0])
		}
		toks = append(toks, tok)
	}
	return toks
}

// TestStatementTerminatedToken pins the tail SQL Server sends after a
// data-modifying statement's error: ERROR 2627, then an INFO token (0xAB,
// not ERROR) number 3621, class 0, state 0, "The statement has been
// terminated.", with the statement's line and, in a procedure, its name,
// then the failed statement's DONE with DONE_ERROR. A SELECT's error is
// (here a SET's) is followed by no INFO. Before 3621 was sent the INFO token was missing.
func TestStatementTerminatedToken(t *testing.T) {
	d := &recordingDialer{}
	db := openWireDB(t, d)
	ctx := context.Background()
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, q := range []string{
		"CREATE TABLE dbo.t (id int PRIMARY KEY); INSERT dbo.t VALUES (1)",
		"CREATE PROCEDURE dbo.p AS\nSET NOCOUNT ON\nINSERT dbo.t VALUES (1)",
	} {
		if _, err := c.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	tests := []struct {
		name, batch string
		wantInfo    bool
		line        int32
		proc        string
	}{
		{"insert", "SET NOCOUNT ON\nINSERT dbo.t VALUES (1)", true, 2, ""},
		{"procedure", "EXEC dbo.p", true, 3, "p"},
		{"set", "SET NOCOUNT ON\nDECLARE @x int\nSET @x = 1 / 0", false, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d.take()
			_, _ = c.ExecContext(ctx, tc.batch) // fails: the tokens are what is checked
			toks := readTokens(t, d.take())
			var errAt = -1
			for i, tok := range toks {
				if tok.typ == 0xAA {
					errAt = i
					break
				}
			}
			if errAt < 0 || errAt+1 >= len(toks) {
				t.Fatalf("no ERROR token followed by another: %+v", toks)
			}
			next := toks[errAt+1]
			if !tc.wantInfo {
				if next.typ == 0xAB {
					t.Fatalf("INFO after a SET's error: %+v", next)
				}
				return
			}
			want := wireToken{typ: 0xAB, number: 3621, state: 0, class: 0, text: "The statement has been terminated.", proc: tc.proc, line: tc.line}
			if next != want {
				t.Fatalf("after ERROR %d:\n got %+v\nwant %+v", toks[errAt].number, next, want)
			}
			if errAt+2 >= len(toks) || toks[errAt+2].typ < 0xFD || toks[errAt+2].status&0x2 == 0 {
				t.Fatalf("3621 not followed by the statement's DONE with DONE_ERROR: %+v", toks[errAt+2:])
			}
		})
	}
}

package proto

import (
	"errors"
	"fmt"
)

// ErrFrameTooLarge is wrapped by a *FrameError whose frame announces a payload larger
// than the reader's maximum frame size.
var ErrFrameTooLarge = errors.New("frame too large")

// FrameError reports a malformed frame header or payload checksum. The stream is out
// of sync after one; the caller closes the connection.
type FrameError struct {
	Reason string // what was wrong, e.g. "bad magic"
	Err    error  // optional cause (ErrFrameTooLarge)
}

func (e *FrameError) Error() string {
	if e.Err != nil {
		return "mirroring frame: " + e.Reason + ": " + e.Err.Error()
	}
	return "mirroring frame: " + e.Reason
}

func (e *FrameError) Unwrap() error { return e.Err }

// UnknownTypeError reports a frame whose message type this version does not know.
type UnknownTypeError struct {
	Type MsgType
}

func (e *UnknownTypeError) Error() string {
	return fmt.Sprintf("mirroring frame: unknown message type %d", uint8(e.Type))
}

// VersionError reports a frame whose protocol version this package does not
// speak, or, on a connection that agreed one, a frame at another version.
type VersionError struct {
	Got  uint8
	Want uint8 // the connection's version; 0 before the Hello exchange
}

func (e *VersionError) Error() string {
	if e.Want != 0 {
		return fmt.Sprintf("mirroring frame: protocol version %d on a connection that speaks %d", e.Got, e.Want)
	}
	return fmt.Sprintf("mirroring frame: unsupported protocol version %d (this endpoint speaks %d to %d)", e.Got, MinVersion, Version)
}

// DecodeError reports a payload that does not decode as its message type.
type DecodeError struct {
	Type   MsgType
	Field  string // the field being decoded
	Reason string // e.g. "truncated", "trailing bytes"
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("mirroring message %s: field %s: %s", e.Type, e.Field, e.Reason)
}

// RemoteError is a SQL Server error carried in a HelloReject or SessionReject (e.g.
// 1418, 1434, 1416). It implements the project's SQLServerError contract
// (docs/conventions.md) so that a rejection can surface to the client as is.
type RemoteError struct {
	Number   int32
	Severity uint8
	State    uint8
	Message  string // exactly SQL Server's text, already formatted
}

func (e *RemoteError) Error() string { return e.Message }

// SQLServerError reports the error's SQL Server number, severity and state.
func (e *RemoteError) SQLServerError() (number int32, severity uint8, state uint8) {
	return e.Number, e.Severity, e.State
}

package tds

// Headers is the decoded ALL_HEADERS prefix of SQLBatch, RPC and TM requests
// ([MS-TDS] 2.2.5.3): the transaction descriptor header (type 2) is required; the
// query-notification (1) and trace-activity (3) headers are kept raw.
type Headers struct {
	TransactionDescriptor uint64
	OutstandingRequests   uint32
	Notification          []byte
	TraceActivity         []byte
}

// readAllHeaders decodes ALL_HEADERS: TotalLength DWORD (itself included), then
// headers of HeaderLength DWORD (itself included), HeaderType USHORT and data.
func readAllHeaders(r *rd) (Headers, error) {
	var h Headers
	total := int64(r.u32())
	if r.err != nil || total < 4 || total-4 > int64(r.remaining()) {
		return h, errorf("ALL_HEADERS length %d does not fit the request", total)
	}
	hr := &rd{b: r.take(int(total - 4))}
	seen := false
	for hr.remaining() > 0 {
		n := int64(hr.u32())
		if n < 6 || n-4 > int64(hr.remaining()) {
			return h, errorf("ALL_HEADERS header of %d bytes", n)
		}
		typ := hr.u16()
		data := hr.take(int(n - 6))
		switch typ {
		case 1:
			h.Notification = data
		case 2:
			dr := &rd{b: data}
			h.TransactionDescriptor, h.OutstandingRequests = dr.u64(), dr.u32()
			if dr.err != nil {
				return h, errorf("transaction descriptor header of %d bytes", len(data))
			}
			seen = true
		case 3:
			h.TraceActivity = data
		default:
			return h, errorf("ALL_HEADERS header type %d", typ)
		}
	}
	if !seen {
		return h, errorf("ALL_HEADERS without a transaction descriptor")
	}
	return h, hr.err
}

// BatchRequest is a decoded SQLBatch message ([MS-TDS] 2.2.6.7).
type BatchRequest struct {
	Headers
	// Reset is the RESETCONNECTION status bit (0x08): reset the session before
	// executing; ResetSkipTran is RESETCONNECTIONSKIPTRAN (0x10).
	Reset, ResetSkipTran bool
	Text                 string
}

// DecodeBatch decodes a SQLBatch payload of a TDS 7.2+ client; status is the
// first packet's status.
func DecodeBatch(p []byte, status byte) (*BatchRequest, error) { return decodeBatch(p, status, true) }

// decodeBatch decodes a SQLBatch payload; ALL_HEADERS is required when
// withHeaders (TDS 7.2 and later) and absent otherwise ([MS-TDS] 2.2.6.7).
func decodeBatch(p []byte, status byte, withHeaders bool) (*BatchRequest, error) {
	req := new(BatchRequest)
	if err := decodeBatchInto(req, p, status, withHeaders, ""); err != nil {
		return nil, err
	}
	return req, nil
}

// decodeBatchInto is decodeBatch into req, which it overwrites. When the
// text is prev (a connection's previous batch: applications send the same
// statements again and again), req.Text is prev itself, so a repeated batch
// costs no allocation or decoding for its text. The raw ALL_HEADERS in
// req.Headers point into p.
func decodeBatchInto(req *BatchRequest, p []byte, status byte, withHeaders bool, prev string) error {
	r := rd{b: p}
	var h Headers
	if withHeaders {
		var err error
		if h, err = readAllHeaders(&r); err != nil {
			return err
		}
	}
	if r.remaining()%2 != 0 {
		return errorf("SQLBatch text of %d bytes is not UTF-16", r.remaining())
	}
	b := r.take(r.remaining())
	text := prev
	if !asciiUCS2Equal(b, prev) {
		text = ucs2(b)
	}
	*req = BatchRequest{
		Headers: h, Text: text,
		Reset: status&StatusResetConnection != 0, ResetSkipTran: status&StatusResetConnectionNoTran != 0,
	}
	return nil
}

// asciiUCS2Equal reports whether the UTF-16LE bytes b spell s, an ASCII
// string (a string with any other character never matches, so the caller
// decodes it).
func asciiUCS2Equal(b []byte, s string) bool {
	if len(b) != 2*len(s) || len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || b[2*i] != c || b[2*i+1] != 0 {
			return false
		}
	}
	return true
}

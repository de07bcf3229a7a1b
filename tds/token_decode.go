package tds

// Token stream decoding: the counterpart of every encoder, used by round-trip
// tests and the fuzz targets. A server never needs to read tokens.

// decodedToken is one decoded token; exactly one field is set.
type decodedToken struct {
	ColMetadata  []Column
	Row          []any
	NBC          bool
	Done         *DoneToken
	Error, Info  *MessageToken
	Env          *EnvChange
	LoginAck     *loginAckToken
	FeatureAck   map[byte][]byte
	ReturnStatus *int32
	ReturnValue  *ReturnValue
	ColInfo      []byte // COLINFO's per-column triples
}

// decodeTokens decodes a response payload. Rows are decoded with the most recent
// COLMETADATA.
func decodeTokens(p []byte) ([]decodedToken, error) {
	r := &rd{b: p}
	var out []decodedToken
	var cols []Column
	for r.remaining() > 0 {
		tok := r.u8()
		var d decodedToken
		switch tok {
		case tokenColMetadata:
			c, err := readColMetadata(r)
			if err != nil {
				return out, err
			}
			if c != nil { // nil: NoMetaData, the rows keep the last columns
				cols = c
			}
			d.ColMetadata = c
		case tokenColInfo:
			n := int(r.u16())
			d.ColInfo = r.take(n)
		case tokenRow, tokenNBCRow:
			v, err := readRow(r, cols, tok == tokenNBCRow)
			if err != nil {
				return out, err
			}
			d.Row, d.NBC = v, tok == tokenNBCRow
		case tokenDone, tokenDoneProc, tokenDoneInProc:
			dt := readDone(r, tok)
			d.Done = &dt
		case tokenError, tokenInfo:
			m := readMessage(r)
			if tok == tokenError {
				d.Error = &m
			} else {
				d.Info = &m
			}
		case tokenEnvChange:
			e := readEnvChange(r)
			d.Env = &e
		case tokenLoginAck:
			a := readLoginAck(r)
			d.LoginAck = &a
		case tokenFeatureExtAck:
			d.FeatureAck = readFeatureExtAck(r)
		case tokenReturnStatus:
			s := int32(r.u32())
			d.ReturnStatus = &s
		case tokenReturnValue:
			rv, err := readReturnValue(r)
			if err != nil {
				return out, err
			}
			d.ReturnValue = &rv
		default:
			return out, errorf("unknown token %#x", tok)
		}
		if r.err != nil {
			return out, r.err
		}
		out = append(out, d)
	}
	return out, nil
}

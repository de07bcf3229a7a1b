package exec

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// The overflow document of FOR XML EXPLICIT's xmltext directive: its root
// element's attributes and content are copied into the result as they are
// written (attribute values keep their entities and only change their
// quotes to '"'; the content keeps its spacing), so they are cut out of
// the text at the offsets encoding/xml reports rather than re-serialized.

var errExplicitXMLTextDoc = errorKind{6834, 16, 1, "XMLTEXT field '%s' contains an invalid XML document. Check the root tag and its attributes.", AbortStatement}

// xmlTextDoc is an overflow document's root element, as written.
type xmlTextDoc struct {
	attrs   []xmlTextAttr
	content string
}

type xmlTextAttr struct {
	name, raw string // raw: the value between its quotes
}

// parseXMLText reads the first element of s; field names the column's
// attribute name in error 6834 (state 1: no element; state 2: not
// well-formed).
func parseXMLText(s, field string) (xmlTextDoc, error) {
	bad := func(state uint8) error {
		e := errExplicitXMLTextDoc.New(field)
		e.State = state
		return e
	}
	d := xml.NewDecoder(strings.NewReader(s))
	var doc xmlTextDoc
	for {
		from := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			return doc, bad(1)
		}
		if err != nil {
			return doc, bad(2)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if strings.TrimSpace(string(t)) != "" {
				return doc, bad(1)
			}
			continue
		case xml.StartElement:
			start := d.InputOffset()
			doc.attrs = rawAttrs(s[from:start])
			end, err := elementEnd(d, start)
			if err != nil {
				return doc, bad(2)
			}
			doc.content = s[start:end]
			return doc, nil
		case xml.EndElement:
			return doc, bad(2)
		}
	}
}

// elementEnd reads up to the end tag of the element whose start tag ends
// at start and returns the offset where that end tag begins (start for
// an empty-element tag).
func elementEnd(d *xml.Decoder, start int64) (int, error) {
	depth := 1
	for {
		from := d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				return 0, errors.New("unexpected end of document")
			}
			return 0, err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
			if depth == 0 {
				if from < start {
					from = start
				}
				return int(from), nil
			}
		}
	}
}

// rawAttrs splits a start tag the decoder has accepted into its
// attributes, values as written between their quotes.
func rawAttrs(tag string) []xmlTextAttr {
	var out []xmlTextAttr
	i := strings.IndexAny(tag, " \t\r\n")
	if i < 0 {
		return nil
	}
	for i < len(tag) {
		for i < len(tag) && strings.IndexByte(" \t\r\n", tag[i]) >= 0 {
			i++
		}
		eq := strings.IndexByte(tag[i:], '=')
		if eq < 0 {
			return out
		}
		name := strings.TrimSpace(tag[i : i+eq])
		i += eq + 1
		for i < len(tag) && strings.IndexByte(" \t\r\n", tag[i]) >= 0 {
			i++
		}
		if i >= len(tag) || (tag[i] != '"' && tag[i] != '\'') {
			return out
		}
		q := tag[i]
		end := strings.IndexByte(tag[i+1:], q)
		if end < 0 {
			return out
		}
		out = append(out, xmlTextAttr{name: name, raw: tag[i+1 : i+1+end]})
		i += end + 2
	}
	return out
}

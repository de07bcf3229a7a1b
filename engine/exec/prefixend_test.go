package exec

import (
	"bytes"
	"testing"
)

// TestPrefixEndIn: the end of a key range built after the key in the key's
// own buffer (seekRange) is prefixEnd's, leaves the key as it was, and is
// capped so that appending to it cannot write over anything.
func TestPrefixEndIn(t *testing.T) {
	tests := []struct {
		key, want []byte
	}{
		{[]byte{}, nil},
		{[]byte{0x01}, []byte{0x02}},
		{[]byte{0x01, 0x02, 0x03}, []byte{0x01, 0x02, 0x04}},
		{[]byte{0x01, 0xFF}, []byte{0x02}},
		{[]byte{0xFF, 0xFF}, nil},
	}
	for _, tc := range tests {
		for _, spare := range []int{0, 1, len(tc.key), 2 * len(tc.key)} {
			buf := append(make([]byte, 0, len(tc.key)+spare), tc.key...)
			end := prefixEndIn(buf[len(buf):len(buf):cap(buf)], buf)
			if !bytes.Equal(end, tc.want) || !bytes.Equal(end, prefixEnd(tc.key)) {
				t.Errorf("key %x, spare %d: end %x, want %x", tc.key, spare, end, tc.want)
			}
			if !bytes.Equal(buf, tc.key) {
				t.Errorf("key %x, spare %d: key changed to %x", tc.key, spare, buf)
			}
			if cap(end) != len(end) {
				t.Errorf("key %x, spare %d: end has room to append (cap %d, len %d)", tc.key, spare, cap(end), len(end))
			}
		}
	}
}

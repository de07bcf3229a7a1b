package proto

import (
	"net"
	"reflect"
	"testing"
)

// TestConnPipe runs a writer and a reader on the two ends of a synchronous pipe,
// so frames arrive in arbitrary pieces.
func TestConnPipe(t *testing.T) {
	c1, c2 := net.Pipe()
	defer c1.Close()
	defer c2.Close()
	w, r := NewConn(c1, 0), NewConn(c2, 0)
	msgs := sampleMessages()
	errc := make(chan error, 1)
	go func() {
		for _, m := range msgs {
			if err := w.WriteMessage(m); err != nil {
				errc <- err
				return
			}
		}
		errc <- w.Flush()
	}()
	for i, want := range msgs {
		got, err := r.ReadMessage()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("message %d: got %#v want %#v", i, got, want)
		}
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

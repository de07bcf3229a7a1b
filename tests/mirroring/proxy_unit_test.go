package mirroring_test

import (
	"bufio"
	"fmt"
	"net"
	"testing"
	"time"
)

// TestProxyCutHeal: the fault proxy forwards bytes, Cut closes the open
// connections of a source and refuses new ones, Heal lets them through
// again. The test process is not a child of itself, so its source is "?".
func TestProxyCutHeal(t *testing.T) {
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					fmt.Fprint(c, line)
				}
			}()
		}
	}()
	p := newProxy(t, echo.Addr().String(), func(int) string { return "" })
	roundTrip := func(c net.Conn) error {
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := fmt.Fprint(c, "ping\n"); err != nil {
			return err
		}
		line, err := bufio.NewReader(c).ReadString('\n')
		if err == nil && line != "ping\n" {
			return fmt.Errorf("echo %q", line)
		}
		return err
	}
	dial := func() net.Conn {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", p.Port()))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	open := dial()
	defer open.Close()
	if err := roundTrip(open); err != nil {
		t.Fatalf("through the proxy: %v", err)
	}
	p.Cut("other") // another source's cut does not touch this link
	if err := roundTrip(open); err != nil {
		t.Fatalf("after cutting another source: %v", err)
	}
	p.Cut("?")
	if err := roundTrip(open); err == nil {
		t.Fatal("open connection still forwards after Cut")
	}
	refused := dial()
	defer refused.Close()
	if err := roundTrip(refused); err == nil {
		t.Fatal("new connection forwards while cut")
	}
	p.Heal("?")
	healed := dial()
	defer healed.Close()
	if err := roundTrip(healed); err != nil {
		t.Fatalf("after Heal: %v", err)
	}
}

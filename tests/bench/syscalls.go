package main

import (
	"context"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// fdatasyncLoop measures the disk's durable-write floor: a 4 KiB pwrite at
// offset 0 followed by fdatasync, in a loop for b.dur, in dir (the same file
// system as the servers' data).
func (b *bench) fdatasyncLoop(ctx context.Context, dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, "fdatasync.probe"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	buf := make([]byte, 4096)
	r, err := runLoad(ctx, 1, b.dur, func(ctx context.Context, w int, seq int64) error {
		buf[0] = byte(seq)
		if _, err := f.WriteAt(buf, 0); err != nil {
			return err
		}
		return syscall.Fdatasync(int(f.Fd()))
	})
	if err != nil {
		return err
	}
	b.res.add("0. Floors", "4 KiB write+fdatasync", "disk", 1, "ops/s", r.perSec())
	b.res.add("0. Floors", "4 KiB write+fdatasync p50", "disk", 1, "ms", ms(r.quantile(0.5)))
	b.res.add("0. Floors", "4 KiB write+fdatasync p99", "disk", 1, "ms", ms(r.quantile(0.99)))
	log.Printf("  fdatasync: %.0f/s p50 %.3f ms", r.perSec(), ms(r.quantile(0.5)))
	return nil
}

// loopbackRTT measures a 1-byte TCP ping-pong over 127.0.0.1.
func (b *bench) loopbackRTT(ctx context.Context) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_, _ = io.Copy(c, c)
	}()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		return err
	}
	defer c.Close()
	one := []byte{1}
	dur := b.dur
	if dur > 2*time.Second {
		dur = 2 * time.Second
	}
	r, err := runLoad(ctx, 1, dur, func(ctx context.Context, w int, seq int64) error {
		if _, err := c.Write(one); err != nil {
			return err
		}
		_, err := io.ReadFull(c, one)
		return err
	})
	if err != nil {
		return err
	}
	b.res.add("0. Floors", "loopback TCP round trip p50", "kernel", 1, "ms", ms(r.quantile(0.5)))
	log.Printf("  loopback RTT p50 %.3f ms", ms(r.quantile(0.5)))
	return nil
}

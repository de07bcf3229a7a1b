package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// fdatasyncPair measures the floor of two partners hardening on one disk, as
// the mirroring suites' principal and mirror do on this machine: each op
// writes 4 KiB at offset 0 of each of two files in dir and fdatasyncs them,
// both at once from two goroutines, and ends when both are durable. Against
// the single fdatasync it shows whether the disk serializes the two (ratio
// near 2) or merges their flushes (near 1).
func (b *bench) fdatasyncPair(ctx context.Context, dir string) error {
	var fs [2]*os.File
	for i := range fs {
		f, err := os.OpenFile(filepath.Join(dir, fmt.Sprintf("fdatasync-pair%d.probe", i)), os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return err
		}
		defer os.Remove(f.Name())
		defer f.Close()
		fs[i] = f
	}
	bufs := [2][]byte{make([]byte, 4096), make([]byte, 4096)}
	sync := func(i int, seq int64) error {
		bufs[i][0] = byte(seq)
		if _, err := fs[i].WriteAt(bufs[i], 0); err != nil {
			return err
		}
		return syscall.Fdatasync(int(fs[i].Fd()))
	}
	r, err := runLoad(ctx, 1, b.dur, func(ctx context.Context, w int, seq int64) error {
		other := make(chan error, 1)
		go func() { other <- sync(1, seq) }()
		err := sync(0, seq)
		if err2 := <-other; err == nil {
			err = err2
		}
		return err
	})
	if err != nil {
		return err
	}
	b.res.add(secFloors, "2 × 4 KiB write+fdatasync at once, both done, p50", "disk", 1, "ms", ms(r.quantile(0.5)))
	log.Printf("  two fdatasyncs at once: p50 %.3f ms", ms(r.quantile(0.5)))
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
	return b.pingPong(ctx, c, "loopback TCP round trip p50", "loopback RTT")
}

// pingPong measures 1-byte round trips on c, whose far end echoes, for b.dur
// (at most 2 s), and records the p50 as the floor named measurement.
func (b *bench) pingPong(ctx context.Context, c net.Conn, measurement, logName string) error {
	one := []byte{1}
	r, err := runLoad(ctx, 1, min(b.dur, 2*time.Second), func(ctx context.Context, w int, seq int64) error {
		if _, err := c.Write(one); err != nil {
			return err
		}
		_, err := io.ReadFull(c, one)
		return err
	})
	if err != nil {
		return err
	}
	b.res.add(secFloors, measurement, "kernel", 1, "ms", ms(r.quantile(0.5)))
	log.Printf("  %s p50 %.3f ms", logName, ms(r.quantile(0.5)))
	return nil
}

// echoEnv makes the bench binary an echo server (runEchoChild): the far end of
// loopbackRTTProcess.
const echoEnv = "MIRRORSQL_BENCH_ECHO"

// runEchoChild is main's when echoEnv is set: listen on loopback, print the
// address, echo every byte of one connection until it ends.
func runEchoChild() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Addr().String())
	c, err := l.Accept()
	if err != nil {
		log.Fatal(err)
	}
	_, _ = io.Copy(c, c)
}

// loopbackRTTProcess measures the 1-byte TCP ping-pong of loopbackRTT with
// the echo in another process (this binary, re-run as runEchoChild), as the
// principal and its mirror are: each direction then wakes a thread of an idle
// process sleeping in epoll, where in one process the writer's own thread
// usually finds the reply ready without a wake-up. It is the floor of the two
// cross-process wake-ups of a SAFETY FULL commit (frame and ack).
func (b *bench) loopbackRTTProcess(ctx context.Context) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, self)
	cmd.Env = append(os.Environ(), echoEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return fmt.Errorf("echo process: %w", err)
	}
	c, err := net.Dial("tcp", strings.TrimSpace(addr))
	if err != nil {
		return err
	}
	defer c.Close()
	return b.pingPong(ctx, c, "loopback TCP round trip between two processes p50", "loopback RTT between processes")
}

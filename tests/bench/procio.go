package main

import (
	"bytes"
	"os"
	"strconv"
)

// Syscalls per commit (mirrorab). /proc/PID/io's syscr and syscw count the
// process's read- and write-family system calls (read, readv, pread64 …;
// write, writev, pwrite64 …), sockets included: per commit they give the
// frames each partner reads and writes (a frame read that finds nothing
// and returns EAGAIN counts too, which is the point: it is a trip into the
// kernel) and the log writes. fdatasync is neither; the log flush counters
// (flushes.go) count it.

// ioCounts is one reading of a process's read and write syscalls.
type ioCounts struct{ reads, writes uint64 }

// procIO returns process pid's syscr and syscw, or zeros when /proc/PID/io
// cannot be read (the figures are then left out).
func procIO(pid int) ioCounts {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/io")
	if err != nil {
		return ioCounts{}
	}
	return parseIO(b)
}

// parseIO parses the syscr and syscw lines of a /proc/PID/io file.
func parseIO(b []byte) ioCounts {
	var c ioCounts
	for _, line := range bytes.Split(b, []byte("\n")) {
		name, val, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		n, err := strconv.ParseUint(string(bytes.TrimSpace(val)), 10, 64)
		if err != nil {
			continue
		}
		switch string(name) {
		case "syscr":
			c.reads = n
		case "syscw":
			c.writes = n
		}
	}
	return c
}

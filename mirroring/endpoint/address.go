package endpoint

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ParseAddress parses a server network address, TCP://<system-address>:<port>
// (reference/mirroring.md §2.2): the scheme is case-insensitive, IPv6 literals are
// bracketed, the port is 1–65535 and nothing may follow it. It returns the
// host:port to dial. The caller turns an error into 1449 ("invalid server
// connection string").
func ParseAddress(addr string) (string, error) {
	const scheme = "tcp://"
	if len(addr) <= len(scheme) || !strings.EqualFold(addr[:len(scheme)], scheme) {
		return "", fmt.Errorf("address %q: want TCP://host:port", addr)
	}
	rest := addr[len(scheme):]
	host, port, err := net.SplitHostPort(rest)
	if err != nil {
		return "", fmt.Errorf("address %q: %w", addr, err)
	}
	if host == "" || strings.ContainsAny(host, "/\\ ") {
		return "", fmt.Errorf("address %q: bad host", addr)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("address %q: bad port", addr)
	}
	return net.JoinHostPort(host, port), nil
}

// ListenAddress turns CREATE ENDPOINT's LISTENER_IP and LISTENER_PORT into a
// listen address: "ALL" (or "") listens on every IPv4 address (§2.4).
func ListenAddress(ip string, port int) string {
	if ip == "" || strings.EqualFold(ip, "ALL") {
		ip = "0.0.0.0"
	}
	return net.JoinHostPort(strings.Trim(ip, "()'\""), strconv.Itoa(port))
}

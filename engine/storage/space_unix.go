//go:build linux || darwin

package storage

import "syscall"

// freeBytes is statfs's space available to unprivileged users (f_bavail).
func freeBytes(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}

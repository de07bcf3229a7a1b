//go:build !linux

package harness

import "os/exec"

// DieWithParent does nothing where the kernel offers no parent-death signal;
// see the Linux version.
func DieWithParent(cmd *exec.Cmd) {}

package harness

import (
	"os/exec"
	"syscall"
)

// DieWithParent makes the kernel SIGKILL cmd's process when the test process
// that started it dies. Cleanups kill servers when a test ends normally, but
// not when the test binary itself is killed (go test -timeout's panic, a
// SIGKILL from a CI runner or a shell): without this, orphaned servers keep
// their ports, data directories and CPU on a shared machine. Call it before
// cmd.Start.
//
// The signal is tied to the OS thread that forks; Go only retires a thread
// whose goroutine exits while locked to it, which the harness never does.
func DieWithParent(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}

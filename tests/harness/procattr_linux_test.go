package harness_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mirrorsql/mirrorsql/tests/harness"
)

// TestDieWithParent: a process started with DieWithParent is killed when the
// process that started it is SIGKILLed (as go test -timeout or a CI runner
// would end a test binary, skipping every cleanup). The parent here is this
// test binary run again as TestDieWithParentHelper; the child is sleep(1).
func TestDieWithParent(t *testing.T) {
	helper := exec.Command(os.Args[0], "-test.run=^TestDieWithParentHelper$", "-test.count=1")
	helper.Env = append(os.Environ(), "HARNESS_DIE_HELPER=1")
	out, err := helper.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = helper.Process.Kill(); _ = helper.Wait() })
	pid := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "child pid "); ok {
			pid, _ = strconv.Atoi(v)
			break
		}
	}
	if pid == 0 {
		t.Fatalf("helper printed no child pid (scan: %v)", sc.Err())
	}
	if !alive(pid) {
		t.Fatalf("child %d is not running before its parent dies", pid)
	}
	if err := helper.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = helper.Wait()
	deadline := time.Now().Add(30 * time.Second) // a bound on failure, not a speed expectation
	for alive(pid) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("child %d still running 30s after its parent was killed", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDieWithParentHelper is the parent process of TestDieWithParent; it does
// nothing in a normal run.
func TestDieWithParentHelper(t *testing.T) {
	if os.Getenv("HARNESS_DIE_HELPER") != "1" {
		t.Skip("helper process of TestDieWithParent")
	}
	cmd := exec.Command("sleep", "300")
	harness.DieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("child pid %d\n", cmd.Process.Pid)
	time.Sleep(5 * time.Minute) // killed by TestDieWithParent
}

// alive reports whether pid is a running (not zombie) process.
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The state follows the parenthesised command name.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && i+2 < len(s) && s[i+2] != 'Z'
}

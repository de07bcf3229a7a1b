package harness

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	releaseMu    sync.Mutex
	releaseBuilt = map[string]releaseBuild{}
)

type releaseBuild struct {
	path string
	err  error
	skip string
}

// ReleaseBinary returns a mirrorsql binary built from commit of this
// repository's history (an earlier release, for upgrade tests), building it on
// first use: `git archive commit` into a temporary directory and `go build`
// there with the module cache this build uses. Every later call in the process
// gets the same binary. The test is skipped, saying so, when the source is not
// a git checkout or the commit is not in it (a shallow clone: `git fetch
// --unshallow`; .ci/run does); any other failure fails it.
func ReleaseBinary(tb testing.TB, commit string) string {
	tb.Helper()
	releaseMu.Lock()
	defer releaseMu.Unlock()
	b, ok := releaseBuilt[commit]
	if !ok {
		b = buildRelease(commit)
		releaseBuilt[commit] = b
		if b.path != "" {
			releaseCleanup = append(releaseCleanup, filepath.Dir(b.path))
		}
	}
	switch {
	case b.skip != "":
		tb.Skip(b.skip)
	case b.err != nil:
		tb.Fatal(b.err)
	}
	return b.path
}

// releaseCleanup lists the directories of built releases, removed by Main.
var releaseCleanup []string

func buildRelease(commit string) releaseBuild {
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return releaseBuild{skip: fmt.Sprintf("release %s: the source is not a git checkout (%v), so the earlier release cannot be built", commit, err)}
	}
	repo := strings.TrimSpace(string(top))
	if err := exec.Command("git", "-C", repo, "cat-file", "-e", commit+"^{commit}").Run(); err != nil {
		return releaseBuild{skip: fmt.Sprintf("release %s: commit not in this clone (shallow? run `git fetch --unshallow`)", commit)}
	}
	dir, err := os.MkdirTemp("", "mirrorsql-release-"+commit+"-")
	if err != nil {
		return releaseBuild{err: err}
	}
	fail := func(err error) releaseBuild {
		os.RemoveAll(dir)
		return releaseBuild{err: fmt.Errorf("release %s: %w", commit, err)}
	}
	// git archive's tar goes straight into tar(1), which the machines that
	// have git have too: the source tree of commit under dir/src.
	src := filepath.Join(dir, "src")
	if err := os.Mkdir(src, 0o755); err != nil {
		return fail(err)
	}
	extract := exec.Command("bash", "-c", `set -o pipefail; git -C "$1" archive --format=tar "$2" | tar -x -C "$3"`, "bash", repo, commit, src)
	if msg, err := extract.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("git archive | tar -x: %v: %s", err, strings.TrimSpace(string(msg))))
	}
	bin := filepath.Join(dir, "mirrorsql")
	build := exec.Command("go", "build", "-o", bin, "./cmd/mirrorsql")
	build.Dir = src
	if msg, err := build.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("go build: %v\n%s", err, strings.TrimSpace(string(msg))))
	}
	_ = os.RemoveAll(src)
	return releaseBuild{path: bin}
}

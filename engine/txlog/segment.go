package txlog

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Segment files. The logical log stream is cut into segments of segSize bytes;
// segment i (0-based) holds stream bytes [i*segSize, (i+1)*segSize) in the file
// named by segmentName(i): "%08X.log" of i+1, the number SQL Server's LSN display
// shows as the virtual log file sequence (LSN.String). Segments are preallocated
// with zeros (an fdatasync of an overwrite is about half the cost of an append that
// grows the file, measured on this machine's ext4), and the next segment is
// prepared in the background while the current one fills. Invariant: every byte
// of a segment beyond the end of the log is zero.
//
// segments is safe for concurrent use. Writers (the flusher, AppendBlocks,
// truncation) are serialized by the Log; readers may read concurrently.
type segments struct {
	dir  string
	size uint64

	mu      sync.Mutex
	files   map[uint64]*os.File
	directs map[uint64]*os.File // O_DIRECT|O_DSYNC descriptors of files (direct.go)
	jobs    map[uint64]*prepJob
	wg      sync.WaitGroup

	direct directState

	// failCreate, when set (tests only), is consulted before a segment is
	// preallocated; an error it returns fails the creation.
	failCreate func(idx uint64) error
}

type prepJob struct {
	done chan struct{}
	err  error
}

const segmentSuffix = ".log"

func segmentName(idx uint64) string { return fmt.Sprintf("%08X%s", idx+1, segmentSuffix) }

// parseSegmentName returns the index of a segment file name.
func parseSegmentName(name string) (uint64, bool) {
	s, ok := strings.CutSuffix(name, segmentSuffix)
	if !ok || len(s) != 8 {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil || n == 0 {
		return 0, false
	}
	return n - 1, true
}

// openSegments opens every segment file in dir and removes leftover temporaries.
func openSegments(dir string, size uint64) (*segments, error) {
	s := &segments{dir: dir, size: size, files: map[uint64]*os.File{}, directs: map[uint64]*os.File{}, jobs: map[uint64]*prepJob{}}
	s.direct.write = directWriteAt
	s.direct.off.Store(!directSupported)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list log directory: %w", err)
	}
	for _, e := range ents {
		name := e.Name()
		if strings.HasSuffix(name, ".tmp") {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return nil, fmt.Errorf("remove temporary file: %w", err)
			}
			continue
		}
		idx, ok := parseSegmentName(name)
		if !ok {
			continue
		}
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR, 0)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("open segment: %w", err)
		}
		s.files[idx] = f
	}
	return s, nil
}

func (s *segments) index(off uint64) uint64 { return off / s.size }

// indexes returns the indexes of the existing segment files in order.
func (s *segments) indexes() []uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]uint64, 0, len(s.files))
	for i := range s.files {
		out = append(out, i)
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out
}

// file returns segment idx, creating (or waiting for the background preparation
// of) it when create is set.
func (s *segments) file(idx uint64, create bool) (*os.File, error) {
	s.mu.Lock()
	if f, ok := s.files[idx]; ok {
		s.mu.Unlock()
		return f, nil
	}
	if !create {
		s.mu.Unlock()
		return nil, fmt.Errorf("segment %s: %w", segmentName(idx), os.ErrNotExist)
	}
	job, ok := s.jobs[idx]
	if !ok {
		job = s.startLocked(idx)
	}
	s.mu.Unlock()
	<-job.done
	if job.err != nil {
		return nil, job.err
	}
	return s.file(idx, false)
}

// prepare starts creating segment idx in the background unless it exists.
func (s *segments) prepare(idx uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.files[idx]; ok {
		return
	}
	if _, ok := s.jobs[idx]; ok {
		return
	}
	s.startLocked(idx)
}

func (s *segments) startLocked(idx uint64) *prepJob {
	job := &prepJob{done: make(chan struct{})}
	s.jobs[idx] = job
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f, err := s.create(idx)
		s.mu.Lock()
		delete(s.jobs, idx)
		if err == nil {
			s.files[idx] = f
		}
		job.err = err
		s.mu.Unlock()
		close(job.done)
	}()
	return job
}

// create writes a zero-filled segment under a temporary name, syncs it and renames
// it into place (then syncs the directory), so a segment file either does not exist
// or is complete.
func (s *segments) create(idx uint64) (*os.File, error) {
	final := filepath.Join(s.dir, segmentName(idx))
	tmp := final + ".tmp"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create segment: %w", noSpace(err))
	}
	fail := func(err error) (*os.File, error) {
		f.Close()
		os.Remove(tmp)
		return nil, fmt.Errorf("create segment %s: %w", segmentName(idx), noSpace(err))
	}
	if s.failCreate != nil {
		if err := s.failCreate(idx); err != nil {
			return fail(err)
		}
	}
	if err := writeZeros(f, 0, s.size); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fail(err)
	}
	if err := syncDir(s.dir); err != nil {
		f.Close()
		return nil, fmt.Errorf("create segment %s: %w", segmentName(idx), err)
	}
	return f, nil
}

var zeroChunk = make([]byte, 1<<20)

// writeZeros writes n zero bytes at off.
func writeZeros(f *os.File, off, n uint64) error {
	for n > 0 {
		c := min(n, uint64(len(zeroChunk)))
		if _, err := f.WriteAt(zeroChunk[:c], int64(off)); err != nil {
			return err
		}
		off += c
		n -= c
	}
	return nil
}

// writeAt writes b at stream offset off; b must not cross a segment boundary.
// It returns the segment written so the caller can sync it.
func (s *segments) writeAt(b []byte, off uint64) (*os.File, error) {
	idx := s.index(off)
	if s.index(off+uint64(len(b))-1) != idx {
		return nil, fmt.Errorf("write of %d bytes at %d crosses a segment boundary", len(b), off)
	}
	f, err := s.file(idx, true)
	if err != nil {
		return nil, err
	}
	s.prepare(idx + 1)
	if _, err := f.WriteAt(b, int64(off%s.size)); err != nil {
		return nil, fmt.Errorf("write log: %w", err)
	}
	return f, nil
}

// zeroFrom zeroes stream bytes [off, end of off's segment).
func (s *segments) zeroFrom(off uint64) (*os.File, error) {
	idx := s.index(off)
	f, err := s.file(idx, false)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	in := off % s.size
	if err := writeZeros(f, in, s.size-in); err != nil {
		return nil, fmt.Errorf("zero log tail: %w", err)
	}
	return f, nil
}

// readAt reads into b from stream offset off; b must not cross a segment boundary.
// Like io.ReaderAt it returns the count read and io.EOF when the file is shorter
// (a segment cut short by a crash or by hand); a missing segment wraps
// os.ErrNotExist.
func (s *segments) readAt(b []byte, off uint64) (int, error) {
	f, err := s.file(s.index(off), false)
	if err != nil {
		return 0, err
	}
	n, err := f.ReadAt(b, int64(off%s.size))
	if err != nil && err != io.EOF {
		return n, fmt.Errorf("read log: %w", err)
	}
	return n, err
}

// remove deletes segment idx (waiting for its preparation if one runs).
func (s *segments) remove(idx uint64) error {
	s.mu.Lock()
	job := s.jobs[idx]
	s.mu.Unlock()
	if job != nil {
		<-job.done
	}
	s.mu.Lock()
	f, ok := s.files[idx]
	delete(s.files, idx)
	s.closeDirectLocked(idx)
	s.mu.Unlock()
	if !ok {
		return nil
	}
	f.Close()
	if err := os.Remove(filepath.Join(s.dir, segmentName(idx))); err != nil {
		return fmt.Errorf("remove segment: %w", err)
	}
	return nil
}

// close waits for background preparation and closes every file.
func (s *segments) close() error {
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	var first error
	for i := range s.directs {
		s.closeDirectLocked(i)
	}
	for i, f := range s.files {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
		delete(s.files, i)
	}
	return first
}

// syncDir fsyncs a directory so that renames and removals in it are durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	return nil
}

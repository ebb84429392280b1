package store

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockFileSuffix is added to the database path to name the file that
// records the pid of the process that has the database open.
const lockFileSuffix = ".lock"

func writeLockFile(dbPath string) (string, error) {
	path := dbPath + lockFileSuffix
	pid := strconv.Itoa(os.Getpid()) + "\n"
	if err := os.WriteFile(path, []byte(pid), 0o600); err != nil {
		return "", fmt.Errorf("store: write lock file: %w", err)
	}
	return path, nil
}

func removeLockFile(path string) {
	if path != "" {
		// A lock file left behind is harmless: the next Open overwrites it.
		_ = os.Remove(path)
	}
}

// inUseError names the process that holds dbPath, or the file when the lock
// file is missing or names a process that no longer runs.
func inUseError(dbPath string) error {
	raw, err := os.ReadFile(dbPath + lockFileSuffix)
	if err == nil {
		pid, perr := strconv.Atoi(strings.TrimSpace(string(raw)))
		if perr == nil && pid > 0 && processRuns(pid) {
			return fmt.Errorf("%w (pid %d, file %s); stop that process or use another data directory",
				ErrInUse, pid, dbPath)
		}
	}
	return fmt.Errorf("%w (file %s); stop the process that has it open or use another data directory",
		ErrInUse, dbPath)
}

func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

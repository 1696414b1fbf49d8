package main

import (
	"os"
	"os/exec"
	"testing"
)

// lookTool returns the path of an external program. Under CI (CI=true) a
// missing tool fails the test: .ci/run installs it. Elsewhere the test is
// skipped.
func lookTool(t *testing.T, name string) (string, error) {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed; .ci/run installs it", name)
		}
		t.Skipf("%s is not installed (CI installs it)", name)
	}
	return path, err
}

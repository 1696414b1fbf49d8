// Package testtool helps tests that run external programs (pdflatex,
// Graphviz's dot, node): CI installs them, a developer's machine may not
// have them.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the external program name. Under CI (CI=true)
// a missing program fails the test, since .ci/run installs it; elsewhere
// the test is skipped, saying so.
func Need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed; .ci/run installs it", name)
		}
		t.Skipf("%s is not installed (CI installs it)", name)
	}
	return path
}

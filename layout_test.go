package frontdesk

import (
	"os/exec"
	"strings"
	"testing"
)

// goList runs go list in the module and returns its output lines.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list %v: %v\n%s", args, err, ee.Stderr)
		}
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Fields(string(out))
}

// mustStayHeadless reports whether a package must build without Fyne: the
// domain packages, the devices, the store, the command line and what they
// share. The ui sub-packages, cmd/frontdesk and the assets that are Fyne
// resources (theme, icons) may import it.
func mustStayHeadless(pkg string) bool {
	if strings.HasSuffix(pkg, "/ui") || strings.Contains(pkg, "/ui/") {
		return false
	}
	for _, root := range []string{"kiosk", "reception", "store", "devices", "uploadlink", "cmd/frontdeskctl", "cmd/internal"} {
		prefix := "frontdesk/" + root
		if pkg == prefix || strings.HasPrefix(pkg, prefix+"/") {
			return true
		}
	}
	return pkg == "frontdesk/assets" || pkg == "frontdesk/assets/i18n"
}

func TestDomainPackagesDoNotImportFyne(t *testing.T) {
	checked := map[string]bool{}
	for _, pkg := range goList(t, "./...") {
		if !mustStayHeadless(pkg) {
			continue
		}
		checked[pkg] = true
		t.Run(pkg, func(t *testing.T) {
			for _, dep := range goList(t, "-deps", pkg) {
				if strings.HasPrefix(dep, "fyne.io/") {
					t.Errorf("%s depends on %s; move the screen code to a ui sub-package", pkg, dep)
					return
				}
			}
		})
	}
	for _, pkg := range []string{"frontdesk/kiosk", "frontdesk/store", "frontdesk/devices/escpos", "frontdesk/cmd/frontdeskctl"} {
		if !checked[pkg] {
			t.Errorf("%s was not checked; the package list is wrong", pkg)
		}
	}
}

func TestOnlyTheAppImportsFyneApp(t *testing.T) {
	lines := goList(t, "-f", `{{.ImportPath}}:{{join .Imports ","}}`, "./...")
	for _, line := range lines {
		pkg, imports, _ := strings.Cut(line, ":")
		if pkg == "frontdesk/cmd/frontdesk" {
			continue
		}
		for _, imp := range strings.Split(imports, ",") {
			if imp == "fyne.io/fyne/v2/app" {
				t.Errorf("%s imports fyne.io/fyne/v2/app; only cmd/frontdesk may, so the rest builds without cgo or a display", pkg)
			}
		}
	}
}

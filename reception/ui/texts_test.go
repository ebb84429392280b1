package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"frontdesk/assets/i18n"
	"frontdesk/reception"
	"frontdesk/store"
)

// messageID matches a message id written whole in the screens' code.
var messageID = regexp.MustCompile(`"((?:desk|display)\.[a-z_.-]*[a-z_])"`)

// usedMessageIDs returns the message ids the screens use: those written
// whole in the code, and those made by adding a status, type, method or
// intent to a prefix.
func usedMessageIDs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range messageID.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") {
				seen[m[1]] = true
			}
		}
	}
	for _, k := range store.RequestTypes {
		seen["desk.request.type."+string(k)] = true
	}
	for _, s := range []store.RequestStatus{store.RequestReceived, store.RequestTransferred,
		store.RequestResponseRecorded, store.RequestApplicantInformed, store.RequestClosed} {
		seen["desk.request.status."+string(s)] = true
	}
	for _, m := range reception.InformMethods() {
		seen["desk.request.method."+string(m)] = true
	}
	for _, in := range []reception.Intent{reception.IntentCallNext, reception.IntentRecall, reception.IntentNoShow,
		reception.IntentHold, reception.IntentResume, reception.IntentTransfer, reception.IntentComplete,
		reception.IntentReprint, reception.IntentRegister, reception.IntentAdvance, reception.IntentPrintSlip} {
		seen["desk.done."+string(in)] = true
	}
	var ids []string
	for id := range seen {
		ids = append(ids, id)
	}
	return ids
}

func TestMessagesExistInBothLanguages(t *testing.T) {
	cat := loadCatalog(t)
	ids := usedMessageIDs(t)
	if len(ids) < 50 {
		t.Fatalf("found %d message ids in the screens, want the whole set", len(ids))
	}
	data := map[string]any{"Counter": 3, "Number": "A-007", "Tracking": "S1-D1-20261204-RQ0001",
		"Name": "Amal", "Error": "x", "Count": 2}
	for _, lang := range i18n.Languages() {
		loc, err := cat.Localizer(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			s, err := loc.Localize(id, data)
			if err != nil {
				s = loc.Plural(id, 2, data)
			}
			if s == id || s == "" {
				t.Errorf("%s: message %q has no text", lang, id)
			}
			if strings.Contains(s, "<no value>") {
				t.Errorf("%s: message %q = %q has an unfilled field", lang, id, s)
			}
		}
	}
}

package i18n

import (
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestMessageFilesHaveSameIDs(t *testing.T) {
	ar, err := MessageIDs(Arabic)
	if err != nil {
		t.Fatal(err)
	}
	en, err := MessageIDs(English)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ar {
		if !slices.Contains(en, id) {
			t.Errorf("message %q is in ar.json but missing from en.json", id)
		}
	}
	for _, id := range en {
		if !slices.Contains(ar, id) {
			t.Errorf("message %q is in en.json but missing from ar.json", id)
		}
	}
}

func TestEveryMessageLocalizes(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// Every template field of every message gets a value.
	data := map[string]any{}
	field := regexp.MustCompile(`\{\{\s*\.(\w+)`)
	for _, lang := range Languages() {
		texts, err := Texts(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range texts {
			for _, m := range field.FindAllStringSubmatch(text, -1) {
				data[m[1]] = 3
			}
		}
	}
	for _, lang := range Languages() {
		l, err := c.Localizer(lang)
		if err != nil {
			t.Fatal(err)
		}
		ids, err := MessageIDs(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			t.Run(lang+"/"+id, func(t *testing.T) {
				s, err := l.Localize(id, data)
				if err != nil {
					s = l.Plural(id, 2, data)
				}
				if s == id || s == "" {
					t.Fatalf("message %q = %q, want a translation", id, s)
				}
				if strings.Contains(s, "{{") || strings.Contains(s, "<no value>") {
					t.Errorf("message %q = %q, has an unfilled template field", id, s)
				}
			})
		}
	}
}

func TestPluralForms(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang  string
		count int
		want  string
	}{
		{Arabic, 0, "لا يوجد أحد قبلك"},
		{Arabic, 1, "شخص واحد قبلك"},
		{Arabic, 2, "شخصان قبلك"},
		{Arabic, 3, "3 أشخاص قبلك"},
		{Arabic, 11, "11 شخصًا قبلك"},
		{Arabic, 100, "100 شخص قبلك"},
		{English, 1, "1 person is ahead of you"},
		{English, 5, "5 people are ahead of you"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			l, err := c.Localizer(tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if got := l.Plural("kiosk.done.ahead", tt.count, nil); got != tt.want {
				t.Errorf("Plural(kiosk.done.ahead, %d) = %q, want %q", tt.count, got, tt.want)
			}
		})
	}
}

func TestPrintFailureNamesNumber(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.Localizer(English)
	if err != nil {
		t.Fatal(err)
	}
	got := l.Text("kiosk.print.paper_out", map[string]any{"Number": "A-007"})
	want := "The printer is out of paper.\nYour number is A-007.\n" +
		"Please keep this number; a receptionist can print it for you."
	if got != want {
		t.Errorf("paper out message = %q, want %q", got, want)
	}
}

func TestUnknownLanguage(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Localizer("fr"); !errors.Is(err, ErrUnknownLanguage) {
		t.Errorf("Localizer(fr) error = %v, want ErrUnknownLanguage", err)
	}
	if _, err := MessageIDs("fr"); !errors.Is(err, ErrUnknownLanguage) {
		t.Errorf("MessageIDs(fr) error = %v, want ErrUnknownLanguage", err)
	}
}

func TestMissingMessage(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.Localizer(Arabic)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Localize("no.such.message", nil); err == nil {
		t.Error("Localize of a missing id returned no error")
	}
	if got := l.Text("no.such.message", nil); got != "no.such.message" {
		t.Errorf("Text of a missing id = %q, want the id", got)
	}
}

func TestFyneArabic(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal(FyneArabic, &m); err != nil {
		t.Fatalf("fyne.ar.json: %v", err)
	}
	for _, key := range []string{"OK", "Cancel", "Yes", "No", "Error", "Confirm"} {
		if s, ok := m[key].(string); !ok || s == "" || s == key {
			t.Errorf("fyne.ar.json key %q = %v, want Arabic text", key, m[key])
		}
	}
}

// Package i18n holds frontdesk's translations, in Arabic and English, and
// loads them with go-i18n into one localizer per language, so that each kiosk
// session can switch language without touching the process locale.
//
// Message files are JSON, one per language (ar.json, en.json), keyed by
// message id. A message with plural forms is an object of CLDR plural
// categories: Arabic uses zero, one, two, few, many and other; English uses
// one and other. Text may contain Go template fields such as {{.Number}}.
//
// fyne.ar.json gives Arabic text for the keys of Fyne's own dialogs and
// widgets (OK, Cancel, Yes, No and the day names); see FyneArabic.
package i18n

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Languages supported by every message file, Arabic first because the
// kiosk starts in Arabic.
const (
	Arabic  = "ar"
	English = "en"
)

// ErrUnknownLanguage is returned for a language that has no message file.
var ErrUnknownLanguage = errors.New("i18n: unknown language")

//go:embed ar.json en.json desk.ar.json desk.en.json rating.ar.json rating.en.json ledger.ar.json ledger.en.json
var files embed.FS

// FyneArabic is the Arabic text for the message keys that Fyne v2.8 uses in
// its own dialogs and widgets, in the JSON format of Fyne's lang package.
// Register it with lang.AddTranslationsForLocale(FyneArabic, "ar"). Fyne
// picks its language from the process locale (LANG), not per session.
//
//go:embed fyne.ar.json
var FyneArabic []byte

// Catalog is the set of loaded translations with a localizer per language.
type Catalog struct {
	bundle     *goi18n.Bundle
	localizers map[string]*Localizer
}

// Load parses the embedded message files of every language in Languages.
func Load() (*Catalog, error) {
	bundle := goi18n.NewBundle(language.Arabic)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)

	c := &Catalog{bundle: bundle, localizers: map[string]*Localizer{}}
	for _, lang := range Languages() {
		for _, name := range messageFiles(lang) {
			data, err := files.ReadFile(name)
			if err != nil {
				return nil, fmt.Errorf("i18n: read %s: %w", name, err)
			}
			if _, err := bundle.ParseMessageFileBytes(data, name); err != nil {
				return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
			}
		}
		c.localizers[lang] = &Localizer{lang: lang, loc: goi18n.NewLocalizer(bundle, lang)}
	}
	return c, nil
}

// messageFiles returns the names of one language's message files. LANG.json
// holds the kiosk's texts, desk.LANG.json the reception desk's and hall
// display's, rating.LANG.json those of the rating screen and the reports,
// and ledger.LANG.json those of the social assistance ledger's screens.
func messageFiles(lang string) []string {
	return []string{lang + ".json", "desk." + lang + ".json", "rating." + lang + ".json", "ledger." + lang + ".json"}
}

// Languages returns the codes of the supported languages, Arabic first.
func Languages() []string {
	return []string{Arabic, English}
}

// Localizer returns the localizer of a language code from Languages.
func (c *Catalog) Localizer(lang string) (*Localizer, error) {
	l, ok := c.localizers[lang]
	if !ok {
		return nil, fmt.Errorf("%w %q: use one of %v", ErrUnknownLanguage, lang, Languages())
	}
	return l, nil
}

// MessageIDs returns the sorted ids of the messages in one language's files.
func MessageIDs(lang string) ([]string, error) {
	raw, err := rawMessages(lang)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// Texts returns every text in one language's files: each plain message and
// each plural form, with template fields left in. Font coverage tests use it.
func Texts(lang string) ([]string, error) {
	raw, err := rawMessages(lang)
	if err != nil {
		return nil, err
	}
	var texts []string
	for _, v := range raw {
		var plain string
		if json.Unmarshal(v, &plain) == nil {
			texts = append(texts, plain)
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			return nil, fmt.Errorf("i18n: %s message is neither text nor plural forms: %w", lang, err)
		}
		for _, f := range forms {
			texts = append(texts, f)
		}
	}
	slices.Sort(texts)
	return texts, nil
}

func rawMessages(lang string) (map[string]json.RawMessage, error) {
	if !slices.Contains(Languages(), lang) {
		return nil, fmt.Errorf("%w %q: use one of %v", ErrUnknownLanguage, lang, Languages())
	}
	raw := map[string]json.RawMessage{}
	for _, name := range messageFiles(lang) {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", name, err)
		}
		var messages map[string]json.RawMessage
		if err := json.Unmarshal(data, &messages); err != nil {
			return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
		}
		for id, m := range messages {
			if _, dup := raw[id]; dup {
				return nil, fmt.Errorf("i18n: message %q is in two %s files: keep it in one", id, lang)
			}
			raw[id] = m
		}
	}
	return raw, nil
}

// Localizer turns message ids into the text of one language.
type Localizer struct {
	lang string
	loc  *goi18n.Localizer
}

// Lang returns the language code of the localizer.
func (l *Localizer) Lang() string { return l.lang }

// Localize returns the text of message id with the template fields of data
// filled in. It returns an error when the id is missing or the template
// fails.
func (l *Localizer) Localize(id string, data map[string]any) (string, error) {
	s, err := l.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", fmt.Errorf("i18n: %s message %q: %w", l.lang, id, err)
	}
	return s, nil
}

// Text is Localize for screens: a missing message shows as its id, which a
// test of the message files catches before release.
func (l *Localizer) Text(id string, data map[string]any) string {
	s, err := l.Localize(id, data)
	if err != nil {
		return id
	}
	return s
}

// Plural returns the plural form of message id for count, with the field
// Count set to count in addition to data. A missing message shows as its id.
func (l *Localizer) Plural(id string, count int, data map[string]any) string {
	fields := map[string]any{"Count": count}
	for k, v := range data {
		fields[k] = v
	}
	s, err := l.loc.Localize(&goi18n.LocalizeConfig{
		MessageID:    id,
		TemplateData: fields,
		PluralCount:  count,
	})
	if err != nil {
		return id
	}
	return s
}

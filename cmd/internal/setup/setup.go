// Package setup builds newsnlp's stages from the user's options, once per
// process, and describes a run in the tables' metadata. Both commands use it
// (newsnlp run and newsnlp-beam), so that the same options give the same
// stages and the same metadata wherever the stages run.
package setup

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/newsnlp/newsnlp/models/clusters"
	"github.com/newsnlp/newsnlp/models/countries"
	"github.com/newsnlp/newsnlp/models/feeds"
	"github.com/newsnlp/newsnlp/models/gazetteer"
	"github.com/newsnlp/newsnlp/models/hanzi"
	"github.com/newsnlp/newsnlp/models/lexicon"
	"github.com/newsnlp/newsnlp/models/names"
	"github.com/newsnlp/newsnlp/models/outlets"
	"github.com/newsnlp/newsnlp/models/people"
	"github.com/newsnlp/newsnlp/models/speakers"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/stages/entities"
	"github.com/newsnlp/newsnlp/stages/entities/tagger"
	"github.com/newsnlp/newsnlp/stages/keywords"
	"github.com/newsnlp/newsnlp/stages/parse"
	"github.com/newsnlp/newsnlp/stages/quotes"
	"github.com/newsnlp/newsnlp/stages/segment"
	"github.com/newsnlp/newsnlp/stages/write"
)

// ErrUsage marks errors that are the caller's (a missing or malformed
// file named by an option): the commands exit with status 2.
var ErrUsage = errors.New("usage")

// DefaultNamesThreshold is the least confidence of a tagger span that
// becomes a mention, chosen by measurement on the development gold (see
// models/names/README.md).
const DefaultNamesThreshold = 0.5

// DefaultNamesVeto drops a discovery rule's name that the tagger finds
// unlikely (see models/names/README.md); a negative --names-veto turns
// it off.
const DefaultNamesVeto = 0.1

// DefaultNamesShort and DefaultNamesTrans are the least confidences of
// tagger spans of a surname and one character and of an undotted
// transliteration; 0 leaves them to the lexicon and the rules.
const DefaultNamesShort, DefaultNamesTrans = 0, 0

// ModelOptions are the user's own lists and models, added to the embedded
// ones, and the stages' sizes. It is comparable: Build keeps one set of
// stages per value.
type ModelOptions struct {
	PeopleFile  string `json:"people_file,omitempty"`
	OutletsFile string `json:"outlets_file,omitempty"`
	IDFFile     string `json:"idf_file,omitempty"`
	// SpeakerModel is a speaker model file of the user's own, as written by
	// newsnlp train speakers ("" for the embedded one).
	SpeakerModel string `json:"speaker_model_file,omitempty"`
	TopN         int    `json:"keywords_per_method"`
	// Off and NamesThreshold are for measurement (eval --people-off,
	// --names-threshold): sources of people left out, and the tagger's
	// least confidence (0: the model's own).
	Off            string  `json:"people_sources_off,omitempty"`
	NamesThreshold float64 `json:"names_threshold,omitempty"`
	NamesVeto      float64 `json:"names_veto,omitempty"`
	NamesShort     float64 `json:"names_short,omitempty"`
	NamesTrans     float64 `json:"names_trans,omitempty"`
	NamesTemp      float64 `json:"names_temperature,omitempty"`
	// NoSpeakerModel builds the quote stage on the rules alone, for the
	// speaker model's refit (train speakers), which reads the rules'
	// candidates only: a refit must work when the embedded file no longer
	// reads, and every other use refuses to run without it.
	NoSpeakerModel bool `json:"-"`
}

// Register adds the options' flags to fs.
func (m *ModelOptions) Register(fs *flag.FlagSet) {
	fs.StringVar(&m.PeopleFile, "people", "", "a TSV file of more people (format of models/people/people.tsv); an id already listed replaces that entry")
	fs.StringVar(&m.OutletsFile, "outlets", "", "a TSV file of more outlets (format of models/outlets/outlets.tsv)")
	fs.StringVar(&m.IDFFile, "idf", "", "document frequencies for keywords, as written by newsnlp idf build (default: jieba's table as gse ships it)")
	fs.IntVar(&m.TopN, "keywords", 10, "keywords per post and method")
	fs.StringVar(&m.SpeakerModel, "speaker-model", "", "a speaker model of your own, as written by newsnlp train speakers (default: the embedded one)")
}

// Built is a loaded set of stages; building takes about half a second
// and 200 MB (the segmenter's dictionary, the name tagger, the IDF table), so a process builds each configuration once and
// shares it: the stages are safe for concurrent use.
type Built struct {
	Gaz    *entities.Gazetteer
	Seg    *segment.Segmenter
	KW     *keywords.Stage
	Stages []pipeline.Stage // parse, segment, entities, quotes, keywords
	Sums   map[string]string
	Names  *tagger.Model
}

var (
	builtMu    sync.Mutex
	builtCache = map[ModelOptions]*Built{}
)

func readEntries(path string) ([]gazetteer.Entry, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return gazetteer.Parse(f, path)
}

// Build returns the pipeline's stages in order, and the gazetteer.
func Build(m ModelOptions) (*Built, error) {
	builtMu.Lock()
	defer builtMu.Unlock()
	if b, ok := builtCache[m]; ok {
		return b, nil
	}
	if m.IDFFile == "" {
		// The background IDF model is independent of the segmenter's
		// dictionary: read it on the other core meanwhile (start-up).
		go keywords.Background()
	}
	// So is the name tagger.
	type namesModel struct {
		m   *tagger.Model
		err error
	}
	namesc := make(chan namesModel, 1)
	go func() {
		// The snapshot when it is the embedded text model's (TestShippedSnapshot
		// sees to that), else the text: slower, the same model.
		nm, err := tagger.ReadSnapshot(names.Snapshot())
		if err != nil {
			nm, err = tagger.Read(names.Reader())
		}
		namesc <- namesModel{nm, err}
	}()
	ppl, err := readEntries(m.PeopleFile)
	if err != nil {
		return nil, fmt.Errorf("%w: --people: %v", ErrUsage, err)
	}
	outs, err := readEntries(m.OutletsFile)
	if err != nil {
		return nil, fmt.Errorf("%w: --outlets: %v", ErrUsage, err)
	}
	gaz, err := entities.LoadGazetteer(entities.Options{People: ppl, Outlets: outs})
	if err != nil {
		return nil, err
	}
	words := segment.DefaultWords(gaz.Words(), lexicon.Terms())
	seg, err := segment.New(words)
	if err != nil {
		return nil, err
	}
	var idf *keywords.IDF
	if m.IDFFile != "" {
		f, err := os.Open(m.IDFFile)
		if err != nil {
			return nil, fmt.Errorf("%w: --idf: %v", ErrUsage, err)
		}
		idf, err = keywords.ReadIDF(f, m.IDFFile)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%w: --idf: %v", ErrUsage, err)
		}
	}
	kw, err := keywords.New(keywords.Options{IDF: idf, TopN: m.TopN, Words: seg})
	if err != nil {
		return nil, err
	}
	var sm *quotes.Model
	switch {
	case m.SpeakerModel != "":
		f, err := os.Open(m.SpeakerModel)
		if err != nil {
			return nil, fmt.Errorf("%w: --speaker-model: %v", ErrUsage, err)
		}
		sm, err = quotes.ReadModel(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%w: --speaker-model: %v", ErrUsage, err)
		}
	case !m.NoSpeakerModel:
		if sm, err = quotes.EmbeddedModel(); err != nil {
			return nil, err
		}
	}
	qs := quotes.NewWithModel(sm)
	qs.UseWords(seg)
	nmr := <-namesc
	nm, err := nmr.m, nmr.err
	if err != nil {
		return nil, fmt.Errorf("models/names: %v", err)
	}
	if m.NamesTemp > 0 {
		nm.Temperature = m.NamesTemp
	}
	threshold, veto := m.NamesThreshold, m.NamesVeto
	if threshold == 0 {
		threshold = DefaultNamesThreshold
	}
	if veto == 0 {
		veto = DefaultNamesVeto
	}
	short, trans := m.NamesShort, m.NamesTrans
	if short == 0 {
		short = DefaultNamesShort
	}
	if trans == 0 {
		trans = DefaultNamesTrans
	}
	// The decision over proposed names, unless thresholds are set by hand
	// (eval --names-*, for measurement).
	var dec *entities.Decision
	if m.NamesThreshold == 0 && m.NamesShort == 0 && m.NamesTrans == 0 && m.NamesVeto == 0 {
		if dec, err = entities.ReadDecision(names.Decision()); err != nil {
			return nil, fmt.Errorf("models/names: %v", err)
		}
	}
	ent, err := entities.NewStage(gaz, entities.StageOptions{Names: nm, Threshold: threshold, Short: max(short, 0), Trans: max(trans, 0), Veto: max(veto, 0), Off: strings.Split(m.Off, ","), Decision: dec})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	b := &Built{
		Gaz:    gaz,
		Seg:    seg,
		KW:     kw,
		Stages: []pipeline.Stage{parse.New(), seg, ent, qs, kw},
		Sums:   modelChecksums(),
		Names:  nm,
	}
	for name, path := range map[string]string{"people_file": m.PeopleFile, "outlets_file": m.OutletsFile, "idf_file": m.IDFFile, "speakers": m.SpeakerModel} {
		if path != "" {
			b.Sums[name] = FileChecksum(path)
		}
	}
	builtCache[m] = b
	return b, nil
}

func modelChecksums() map[string]string {
	return map[string]string{
		"hanzi":     hanzi.Checksum(),
		"feeds":     feeds.Checksum(),
		"people":    people.Checksum(),
		"outlets":   outlets.Checksum(),
		"countries": countries.Checksum(),
		"lexicon":   lexicon.Checksum(),
		"speakers":  speakers.Checksum(),
		"clusters":  clusters.Checksum(),
		"names":     names.Checksum(),
		"gse":       "github.com/go-ego/gse@v0.80.3 zh_s",
		"idf":       backgroundIDFSum(),
	}
}

// EntityInfo describes a lexicon entity for the entities table.
func (b *Built) EntityInfo(id string) (write.EntityInfo, bool) {
	e, ok := b.Gaz.Entity(id)
	if !ok {
		return write.EntityInfo{}, false
	}
	return write.EntityInfo{Name: e.Name, NameEn: e.NameEn, ISO3: e.ISO3, Country: e.Country, Aliases: e.Aliases}, true
}

func backgroundIDFSum() string {
	m, err := keywords.Background()
	if err != nil {
		return "unreadable"
	}
	return m.Checksum()
}

// Settings are what shapes a run's output, beside the models: they go
// into every table's metadata, so that equal inputs give equal files
// whichever command ran them.
type Settings struct {
	Archives []string     `json:"archives"`
	Exts     []string     `json:"exts"`
	Include  []string     `json:"include,omitempty"`
	Exclude  []string     `json:"exclude,omitempty"`
	MaxSize  int64        `json:"max_size"`
	Models   ModelOptions `json:"models"`
	MinFreq  int          `json:"keyness_min_freq"`
	TopKey   int          `json:"keyness_top"`
	NoStats  bool         `json:"no_corpus_stats,omitempty"`
}

// Meta is the key-value metadata of every table of a run: only what shapes
// the output (no times, no worker counts).
func Meta(version string, s Settings, sums map[string]string) map[string]string {
	settings, _ := json.Marshal(s)
	models, _ := json.Marshal(sums)
	return map[string]string{
		"newsnlp.version":  version,
		"newsnlp.settings": string(settings),
		"newsnlp.models":   string(models),
	}
}

// FileChecksum identifies a user's list in the output's metadata.
func FileChecksum(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "unreadable"
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

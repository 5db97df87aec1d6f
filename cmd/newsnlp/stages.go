package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"

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

// modelOptions are the user's own lists and models, added to the embedded
// ones, and the stages' sizes.
type modelOptions struct {
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
}

func (m *modelOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&m.PeopleFile, "people", "", "a TSV file of more people (format of models/people/people.tsv); an id already listed replaces that entry")
	fs.StringVar(&m.OutletsFile, "outlets", "", "a TSV file of more outlets (format of models/outlets/outlets.tsv)")
	fs.StringVar(&m.IDFFile, "idf", "", "document frequencies for keywords, as written by newsnlp idf build (default: jieba's table as gse ships it)")
	fs.IntVar(&m.TopN, "keywords", 10, "keywords per post and method")
	fs.StringVar(&m.SpeakerModel, "speaker-model", "", "a speaker model of your own, as written by newsnlp train speakers (default: the embedded one)")
}

// built is a loaded set of stages; building takes a second and 200 MB (the
// segmenter's dictionary), so a process builds each configuration once.
type built struct {
	gaz    *entities.Gazetteer
	seg    *segment.Segmenter
	kw     *keywords.Stage
	names  *tagger.Model
	stages []pipeline.Stage
	sums   map[string]string
}

var (
	builtMu    sync.Mutex
	builtCache = map[modelOptions]*built{}
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

// buildStages returns the pipeline's stages in order, and the gazetteer.
func buildStages(m modelOptions) (*built, error) {
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
	ppl, err := readEntries(m.PeopleFile)
	if err != nil {
		return nil, fmt.Errorf("%w: --people: %v", errUsage, err)
	}
	outs, err := readEntries(m.OutletsFile)
	if err != nil {
		return nil, fmt.Errorf("%w: --outlets: %v", errUsage, err)
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
			return nil, fmt.Errorf("%w: --idf: %v", errUsage, err)
		}
		idf, err = keywords.ReadIDF(f, m.IDFFile)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%w: --idf: %v", errUsage, err)
		}
	}
	kw, err := keywords.New(keywords.Options{IDF: idf, TopN: m.TopN})
	if err != nil {
		return nil, err
	}
	qs := quotes.New()
	if m.SpeakerModel != "" {
		f, err := os.Open(m.SpeakerModel)
		if err != nil {
			return nil, fmt.Errorf("%w: --speaker-model: %v", errUsage, err)
		}
		sm, err := quotes.ReadModel(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%w: --speaker-model: %v", errUsage, err)
		}
		qs = quotes.NewWithModel(sm)
	}
	nm, err := tagger.Read(names.Reader())
	if err != nil {
		return nil, fmt.Errorf("models/names: %v", err)
	}
	if m.NamesTemp > 0 {
		nm.Temperature = m.NamesTemp
	}
	threshold, veto := m.NamesThreshold, m.NamesVeto
	if threshold == 0 {
		threshold = defaultNamesThreshold
	}
	if veto == 0 {
		veto = defaultNamesVeto
	}
	short, trans := m.NamesShort, m.NamesTrans
	if short == 0 {
		short = defaultNamesShort
	}
	if trans == 0 {
		trans = defaultNamesTrans
	}
	ent, err := entities.NewStage(gaz, entities.StageOptions{Names: nm, Threshold: threshold, Short: max(short, 0), Trans: max(trans, 0), Veto: max(veto, 0), Off: strings.Split(m.Off, ",")})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	b := &built{
		gaz:    gaz,
		seg:    seg,
		kw:     kw,
		names:  nm,
		stages: []pipeline.Stage{parse.New(), seg, ent, qs, kw},
		sums:   modelChecksums(),
	}
	for name, path := range map[string]string{"people_file": m.PeopleFile, "outlets_file": m.OutletsFile, "idf_file": m.IDFFile, "speakers": m.SpeakerModel} {
		if path != "" {
			b.sums[name] = fileChecksum(path)
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
		"names":     names.Checksum(),
		"gse":       "github.com/go-ego/gse@v0.80.3 zh_s",
		"idf":       backgroundIDFSum(),
	}
}

// entityInfo describes a lexicon entity for the entities table.
func (b *built) entityInfo(id string) (write.EntityInfo, bool) {
	e, ok := b.gaz.Entity(id)
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

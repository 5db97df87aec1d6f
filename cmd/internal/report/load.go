package report

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Options select what a report covers.
type Options struct {
	// From and To bound published_at: From inclusive, To exclusive; zero
	// leaves that end open. A bound leaves out posts without a date.
	From, To time.Time
	// Outlets, when not empty, keeps only these outlets' posts.
	Outlets []string
}

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD as UTC. With end set it
// returns the start of the period after the one named, so that
// "--to 2020-05" takes in all of May.
func ParseDate(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, f := range []struct {
		layout string
		y, m   int
		d      int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		t, err := time.Parse(f.layout, s)
		if err == nil {
			if end {
				t = t.AddDate(f.y, f.m, f.d)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date (YYYY, YYYY-MM or YYYY-MM-DD): %q", s)
}

// doc is what the report keeps of a document: no text.
type doc struct {
	id, outlet, month, title, url, dup string
	ms                                 int64
	hasTS                              bool
}

// outletLabel is the outlet as the queries show it.
func (d *doc) outletLabel() string {
	if d.outlet == "" {
		return none
	}
	return d.outlet
}

// none stands for a null in tables and labels, as coalesce(x, '(none)').
const none = "(none)"

type entity struct{ typ, name string }

type entAgg struct {
	typ            string
	docs, mentions int
	last           int32          // the last document counted, mentions being grouped by document
	months         map[string]int // documents per month
}

type kindAgg struct {
	quotes, noSpeaker int
	conf              float64
}

type spKey struct{ who, typ string }

type sample struct {
	quoteID, text string
	inRange       bool
	conf          float64
	doc           int32
}

type spAgg struct {
	label          string
	quotes, direct int
	outlets        map[string]int
	samples        []sample // the best sampleN, best first
}

type keyRow struct {
	groupType, group, term, direction string
	freq                              int64
	g2, logRatio                      float64
}

type pairRow struct {
	a, b, nameA, nameB, typeA, typeB string
	docs, docsA, docsB               int64
	pmi                              float64
}

// data is everything the figures are drawn from.
type data struct {
	mem      memory.Allocator
	opt      Options
	outlets  map[string]bool // every outlet of the run, kept or not
	docs     []doc
	index    map[string]int32
	scripts  map[string]int
	formats  map[string]int
	warnings map[string]int
	errs     map[[2]string]int
	ents     map[string]*entAgg
	names    map[string]entity
	kinds    map[string]*kindAgg
	conf     map[confKey]int
	speakers map[spKey]*spAgg
	keyness  []keyRow
	pairs    []pairRow
	sorted   bool // pairs were pruned: pairs[:maxPairs] is the best so far
}

// inc counts k in m, copying a new key out of the Arrow buffer it points
// into so that the buffer can be freed.
func inc(m map[string]int, k string) {
	if _, ok := m[k]; !ok {
		k = strings.Clone(k)
	}
	m[k]++
}

type confKey struct {
	conf float64
	kind string
}

// sampleN is the number of sample quotes per top speaker.
const sampleN = 3

func load(ctx context.Context, mem memory.Allocator, out string, opt Options) (*data, error) {
	d := &data{
		mem: mem, opt: opt, index: map[string]int32{}, scripts: map[string]int{}, formats: map[string]int{},
		warnings: map[string]int{}, errs: map[[2]string]int{}, ents: map[string]*entAgg{},
		names: map[string]entity{}, kinds: map[string]*kindAgg{}, conf: map[confKey]int{},
		speakers: map[spKey]*spAgg{}, outlets: map[string]bool{},
	}
	for _, step := range []func(context.Context, string) error{d.loadDocuments, d.loadErrors, d.loadEntities, d.loadMentions, d.loadQuotes, d.loadKeyness, d.loadPairs} {
		if err := step(ctx, out); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (d *data) keep(outlet string, hasOutlet bool, ms int64, hasTS bool) bool {
	if !d.opt.From.IsZero() && (!hasTS || ms < d.opt.From.UnixMilli()) {
		return false
	}
	if !d.opt.To.IsZero() && (!hasTS || ms >= d.opt.To.UnixMilli()) {
		return false
	}
	if len(d.opt.Outlets) > 0 {
		if !hasOutlet {
			return false
		}
		for _, o := range d.opt.Outlets {
			if o == outlet {
				return true
			}
		}
		return false
	}
	return true
}

func (d *data) loadDocuments(ctx context.Context, out string) error {
	names := []string{"doc_id", "outlet", "title", "published_at", "url", "script", "format", "dup_group", "warnings"}
	return scanTable(ctx, d.mem, out, "documents", names, func(cols []arrow.Array, n int) error {
		var s [8]strs
		for i, c := range []int{0, 1, 2, 4, 5, 6, 7} {
			var err error
			if s[i], err = strCol(cols[c]); err != nil {
				return err
			}
		}
		ts, ok := cols[3].(*array.Timestamp)
		if !ok {
			return fmt.Errorf("published_at is %s, not a timestamp", cols[3].DataType())
		}
		unit := ts.DataType().(*arrow.TimestampType).Unit
		for i := range n {
			outlet, hasOutlet := s[1].at(i)
			var ms int64
			hasTS := ts.IsValid(i)
			if hasTS {
				ms = ts.Value(i).ToTime(unit).UnixMilli()
			}
			if hasOutlet && !d.outlets[outlet] {
				d.outlets[strings.Clone(outlet)] = true
			}
			if !d.keep(outlet, hasOutlet, ms, hasTS) {
				continue
			}
			c := strings.Clone
			dc := doc{id: c(s[0].str(i)), outlet: c(outlet), title: c(s[2].str(i)), url: c(s[3].str(i)), dup: c(s[6].str(i)), ms: ms, hasTS: hasTS}
			if hasTS {
				dc.month = time.UnixMilli(ms).UTC().Format("2006-01")
			}
			script, ok := s[4].at(i)
			if !ok {
				script = none
			}
			inc(d.scripts, script)
			inc(d.formats, s[5].str(i))
			if err := listStrings(cols[8], i, func(w string) { inc(d.warnings, w) }); err != nil {
				return err
			}
			d.index[dc.id] = int32(len(d.docs))
			d.docs = append(d.docs, dc)
		}
		return nil
	})
}

func (d *data) loadErrors(ctx context.Context, out string) error {
	return scanTable(ctx, d.mem, out, "errors", []string{"stage", "error"}, func(cols []arrow.Array, n int) error {
		stage, err := strCol(cols[0])
		if err != nil {
			return err
		}
		msg, err := strCol(cols[1])
		if err != nil {
			return err
		}
		for i := range n {
			d.errs[[2]string{strings.Clone(stage.str(i)), strings.Clone(msg.str(i))}]++
		}
		return nil
	})
}

func (d *data) loadEntities(ctx context.Context, out string) error {
	return scanTable(ctx, d.mem, out, "entities", []string{"entity_id", "type", "name"}, func(cols []arrow.Array, n int) error {
		var s [3]strs
		for i := range s {
			var err error
			if s[i], err = strCol(cols[i]); err != nil {
				return err
			}
		}
		for i := range n {
			d.names[strings.Clone(s[0].str(i))] = entity{typ: strings.Clone(s[1].str(i)), name: strings.Clone(s[2].str(i))}
		}
		return nil
	})
}

// loadMentions counts, per entity, the documents naming it (overall and per
// month) and its mentions, in one pass over the table.
func (d *data) loadMentions(ctx context.Context, out string) error {
	return scanTable(ctx, d.mem, out, "mentions", []string{"doc_id", "entity_id", "type"}, func(cols []arrow.Array, n int) error {
		var s [3]strs
		for i := range s {
			var err error
			if s[i], err = strCol(cols[i]); err != nil {
				return err
			}
		}
		for i := range n {
			di, ok := d.index[s[0].str(i)]
			if !ok {
				continue
			}
			id := s[1].str(i)
			e := d.ents[id]
			if e == nil {
				e = &entAgg{typ: strings.Clone(s[2].str(i)), last: -1, months: map[string]int{}}
				d.ents[strings.Clone(id)] = e
			}
			e.mentions++
			if e.last != di {
				// mentions are grouped by document, in input order; a
				// document seen before (parts of a folder) is still one.
				e.last = di
				e.docs++
				if m := d.docs[di].month; m != "" {
					e.months[m]++
				}
			}
		}
		return nil
	})
}

func (d *data) loadQuotes(ctx context.Context, out string) error {
	names := []string{"doc_id", "quote_id", "kind", "text", "speaker", "speaker_entity_id", "speaker_type", "confidence"}
	return scanTable(ctx, d.mem, out, "quotes", names, func(cols []arrow.Array, n int) error {
		var s [7]strs
		for i := range s {
			var err error
			if s[i], err = strCol(cols[i]); err != nil {
				return err
			}
		}
		for i := range n {
			di, ok := d.index[s[0].str(i)]
			if !ok {
				continue
			}
			conf, err := floatAt(cols[7], i)
			if err != nil {
				return err
			}
			kind := s[2].str(i)
			k := d.kinds[kind]
			if k == nil {
				k = &kindAgg{}
				d.kinds[kind] = k
			}
			k.quotes++
			k.conf += conf
			speaker, hasSpeaker := s[4].at(i)
			if !hasSpeaker {
				k.noSpeaker++
			}
			// tenths: the speaker model gives a continuum of values
			d.conf[confKey{math.Floor(conf*10) / 10, kind}]++
			typ := s[6].str(i)
			if !hasSpeaker || (typ != "person" && typ != "organization") {
				continue
			}
			who, label := speaker, speaker
			if eid, ok := s[5].at(i); ok {
				who = eid
				if e, ok := d.names[eid]; ok {
					label = e.name
				}
			}
			key := spKey{who, typ}
			sp := d.speakers[key]
			if sp == nil {
				key = spKey{strings.Clone(who), strings.Clone(typ)}
				sp = &spAgg{label: strings.Clone(label), outlets: map[string]int{}}
				d.speakers[key] = sp
			}
			sp.quotes++
			sp.outlets[d.docs[di].outletLabel()]++ // the label is the doc's own string
			if kind != "direct" {
				continue
			}
			sp.direct++
			text := s[3].str(i)
			l := utf8.RuneCountInString(text)
			sp.offer(sample{quoteID: s[1].str(i), text: text, inRange: l >= 20 && l <= 200, conf: conf, doc: di}, d.docs)
		}
		return nil
	})
}

// better orders sample quotes as the sample query does: a readable length
// first, then confidence, the newest post, the quote id.
func better(a, b sample, docs []doc) bool {
	if a.inRange != b.inRange {
		return a.inRange
	}
	if a.conf != b.conf {
		return a.conf > b.conf
	}
	da, db := &docs[a.doc], &docs[b.doc]
	if da.hasTS != db.hasTS {
		return da.hasTS
	}
	if da.ms != db.ms {
		return da.ms > db.ms
	}
	return a.quoteID < b.quoteID
}

// offer keeps q if it is among the speaker's best sampleN quotes.
func (sp *spAgg) offer(q sample, docs []doc) {
	pos := len(sp.samples)
	for pos > 0 && better(q, sp.samples[pos-1], docs) {
		pos--
	}
	if pos >= sampleN {
		return
	}
	q.text = strings.Clone(q.text)
	q.quoteID = strings.Clone(q.quoteID)
	sp.samples = append(sp.samples, sample{})
	copy(sp.samples[pos+1:], sp.samples[pos:])
	sp.samples[pos] = q
	if len(sp.samples) > sampleN {
		sp.samples = sp.samples[:sampleN]
	}
}

func (d *data) loadKeyness(ctx context.Context, out string) error {
	names := []string{"group_type", "group", "term", "direction", "freq", "g2", "log_ratio"}
	return scanTable(ctx, d.mem, out, "keyness", names, func(cols []arrow.Array, n int) error {
		var s [4]strs
		for i := range s {
			var err error
			if s[i], err = strCol(cols[i]); err != nil {
				return err
			}
		}
		for i := range n {
			c := strings.Clone
			r := keyRow{groupType: c(s[0].str(i)), group: c(s[1].str(i)), term: c(s[2].str(i)), direction: c(s[3].str(i))}
			var err error
			if r.freq, err = intAt(cols[4], i); err != nil {
				return err
			}
			if r.g2, err = floatAt(cols[5], i); err != nil {
				return err
			}
			if r.logRatio, err = floatAt(cols[6], i); err != nil {
				return err
			}
			if r.direction == "over" {
				d.keyness = append(d.keyness, r)
			}
		}
		return nil
	})
}

// maxPairs bounds the co-occurrence pairs kept while reading: the network
// and its table show far fewer, and the table may hold millions.
const maxPairs = 2000

func (d *data) loadPairs(ctx context.Context, out string) error {
	names := []string{"entity_a", "entity_b", "name_a", "name_b", "type_a", "type_b", "docs", "docs_a", "docs_b", "pmi"}
	return scanTable(ctx, d.mem, out, "cooccurrence", names, func(cols []arrow.Array, n int) error {
		var s [6]strs
		for i := range s {
			var err error
			if s[i], err = strCol(cols[i]); err != nil {
				return err
			}
		}
		for i := range n {
			r := pairRow{a: s[0].str(i), b: s[1].str(i), nameA: s[2].str(i), nameB: s[3].str(i), typeA: s[4].str(i), typeB: s[5].str(i)}
			var err error
			if r.docs, err = intAt(cols[6], i); err != nil {
				return err
			}
			if r.docsA, err = intAt(cols[7], i); err != nil {
				return err
			}
			if r.docsB, err = intAt(cols[8], i); err != nil {
				return err
			}
			if r.pmi, err = floatAt(cols[9], i); err != nil {
				return err
			}
			if len(d.pairs) >= maxPairs && !pairLess(&r, &d.pairs[maxPairs-1]) && d.sorted {
				continue
			}
			r.a, r.b, r.nameA, r.nameB, r.typeA, r.typeB = strings.Clone(r.a), strings.Clone(r.b), strings.Clone(r.nameA), strings.Clone(r.nameB), strings.Clone(r.typeA), strings.Clone(r.typeB)
			d.pairs = append(d.pairs, r)
			if len(d.pairs) >= 2*maxPairs {
				d.prunePairs()
			}
		}
		return nil
	})
}

// prunePairs keeps the maxPairs strongest pairs by documents.
func (d *data) prunePairs() {
	sortPairs(d.pairs)
	d.sorted = true
	if len(d.pairs) > maxPairs {
		d.pairs = d.pairs[:maxPairs:maxPairs]
	}
}

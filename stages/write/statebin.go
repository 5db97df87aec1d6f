package write

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/newsnlp/newsnlp/pipeline"
)

// The state's own encoding (behind the byte stateBin): fields in a fixed
// order, integers as varints, strings and slices as a length then their
// elements, floats as their 8 bytes, times as time's binary form. gob took
// about two fifths of the state stage's time in reflection; this writes the
// same values without it. Decoding gives what gob's round trip gives: empty
// slices and zero times come back as nil and the zero Time, as gob, which
// does not send zero values, gives them (TestStateBinAsGob, which also
// fails when a field is added to a type here and not to the encoding).

var errStateShort = errors.New("ledger state: truncated or corrupt")

type binEnc struct{ b []byte }

func (e *binEnc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *binEnc) int(v int)     { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *binEnc) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *binEnc) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// float writes -0 as 0, which gob, not sending a value equal to 0, gives.
func (e *binEnc) float(f float64) {
	if f == 0 {
		f = 0
	}
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(f))
}

func (e *binEnc) strs(l []string) {
	e.uint(uint64(len(l)))
	for _, s := range l {
		e.str(s)
	}
}

// time writes the zero Time value as an empty form, as gob leaves it
// unsent (a zero instant in a location is sent, by both).
func (e *binEnc) time(t time.Time) error {
	if t == (time.Time{}) {
		e.uint(0)
		return nil
	}
	n := len(e.b)
	e.uint(0) // room for the length, rewritten below; forms are < 128 bytes
	var err error
	if e.b, err = t.AppendBinary(e.b); err != nil {
		return err
	}
	if l := len(e.b) - n - 1; l < 0x80 {
		e.b[n] = byte(l)
		return nil
	}
	return errors.New("ledger state: time form too long")
}

// appendStateBin appends st's encoding to b.
func appendStateBin(b []byte, st *docState) ([]byte, error) {
	e := binEnc{b}
	p := st.Post
	if p == nil {
		return nil, errors.New("ledger state without a post")
	}
	e.str(p.Blob)
	e.str(p.Format)
	e.str(p.Encoding)
	e.str(p.Layout)
	e.str(p.Title)
	e.str(p.Author)
	e.str(p.Outlet)
	e.str(p.URL)
	e.strs(p.Tags)
	e.strs(p.Categories)
	e.bool(p.Comments)
	e.str(p.DateRaw)
	for _, t := range [...]time.Time{p.Published, p.SourceTS} {
		if err := e.time(t); err != nil {
			return nil, err
		}
	}
	e.str(p.Script)
	e.str(p.Dateline)
	e.str(p.DatelinePlace)
	if err := e.time(p.DatelineDate); err != nil {
		return nil, err
	}
	e.strs(p.Reporters)
	e.strs(p.Editors)
	e.str(p.Text)
	e.int(p.Runes)
	e.uint(uint64(len(p.Spans)))
	for _, s := range p.Spans {
		e.str(s.Kind)
		e.int(s.Start)
		e.int(s.Stop)
	}
	e.uint(uint64(len(p.Media)))
	for _, m := range p.Media {
		e.str(m.Kind)
		e.str(m.Src)
		e.str(m.Alt)
	}
	e.uint(uint64(len(p.Links)))
	for _, l := range p.Links {
		e.str(l.Href)
		e.str(l.Text)
		e.int(l.Start)
		e.int(l.Stop)
	}
	e.strs(p.Warnings)

	e.uint(uint64(len(st.Mentions)))
	for _, m := range st.Mentions {
		e.str(m.EntityID)
		e.str(m.Type)
		e.str(m.Surface)
		e.int(m.Start)
		e.int(m.Stop)
		e.str(m.Method)
		e.str(m.Name)
	}
	e.uint(uint64(len(st.Quotes)))
	for _, q := range st.Quotes {
		e.str(q.ID)
		e.str(q.Kind)
		e.str(q.Text)
		e.int(q.Start)
		e.int(q.Stop)
		e.str(q.Speaker)
		e.str(q.SpeakerEntityID)
		e.str(q.SpeakerType)
		e.str(q.Cue)
		e.str(q.Rule)
		e.float(q.Confidence)
	}
	e.uint(uint64(len(st.Keywords)))
	for _, k := range st.Keywords {
		e.str(k.Term)
		e.str(k.Method)
		e.float(k.Score)
		e.int(k.Rank)
	}
	e.uint(uint64(len(st.Terms)))
	for _, t := range st.Terms {
		e.str(t.Term)
		e.int(t.Count)
	}
	e.b = binary.LittleEndian.AppendUint64(e.b, st.SimHash)
	return e.b, nil
}

// binDec reads binEnc's encoding; the first error sticks, and reads after
// it give zero values.
type binDec struct {
	b   []byte
	err error
}

func (d *binDec) fail() { d.err, d.b = errStateShort, nil }

func (d *binDec) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *binDec) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || int64(int(v)) != v {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *binDec) bytes() []byte {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *binDec) str() string { return string(d.bytes()) }

func (d *binDec) bool() bool {
	if len(d.b) < 1 || d.b[0] > 1 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *binDec) u64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *binDec) float() float64 { return math.Float64frombits(d.u64()) }

// count reads a slice's length, which each element's at least min bytes
// bound by what is left: a corrupt length allocates nothing.
func (d *binDec) count(min int) int {
	n := d.uint()
	if n > uint64(len(d.b)/min) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *binDec) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = d.str()
	}
	return l
}

func (d *binDec) time() time.Time {
	var t time.Time
	if b := d.bytes(); len(b) > 0 {
		if err := t.UnmarshalBinary(b); err != nil && d.err == nil {
			d.err, d.b = err, nil
		}
	}
	return t
}

// decodeStateBin reads appendStateBin's encoding.
func decodeStateBin(b []byte) (*docState, error) {
	d := &binDec{b: b}
	p := &pipeline.Post{}
	p.Blob = d.str()
	p.Format = d.str()
	p.Encoding = d.str()
	p.Layout = d.str()
	p.Title = d.str()
	p.Author = d.str()
	p.Outlet = d.str()
	p.URL = d.str()
	p.Tags = d.strs()
	p.Categories = d.strs()
	p.Comments = d.bool()
	p.DateRaw = d.str()
	p.Published = d.time()
	p.SourceTS = d.time()
	p.Script = d.str()
	p.Dateline = d.str()
	p.DatelinePlace = d.str()
	p.DatelineDate = d.time()
	p.Reporters = d.strs()
	p.Editors = d.strs()
	p.Text = d.str()
	p.Runes = d.int()
	if n := d.count(3); n > 0 {
		p.Spans = make([]pipeline.Span, n)
		for i := range p.Spans {
			s := &p.Spans[i]
			s.Kind, s.Start, s.Stop = d.str(), d.int(), d.int()
		}
	}
	if n := d.count(3); n > 0 {
		p.Media = make([]pipeline.Media, n)
		for i := range p.Media {
			m := &p.Media[i]
			m.Kind, m.Src, m.Alt = d.str(), d.str(), d.str()
		}
	}
	if n := d.count(4); n > 0 {
		p.Links = make([]pipeline.Link, n)
		for i := range p.Links {
			l := &p.Links[i]
			l.Href, l.Text, l.Start, l.Stop = d.str(), d.str(), d.int(), d.int()
		}
	}
	p.Warnings = d.strs()

	st := &docState{Post: p}
	if n := d.count(7); n > 0 {
		st.Mentions = make([]pipeline.Mention, n)
		for i := range st.Mentions {
			m := &st.Mentions[i]
			m.EntityID, m.Type, m.Surface = d.str(), d.str(), d.str()
			m.Start, m.Stop = d.int(), d.int()
			m.Method, m.Name = d.str(), d.str()
		}
	}
	if n := d.count(18); n > 0 {
		st.Quotes = make([]pipeline.Quote, n)
		for i := range st.Quotes {
			q := &st.Quotes[i]
			q.ID, q.Kind, q.Text = d.str(), d.str(), d.str()
			q.Start, q.Stop = d.int(), d.int()
			q.Speaker, q.SpeakerEntityID, q.SpeakerType, q.Cue, q.Rule = d.str(), d.str(), d.str(), d.str(), d.str()
			q.Confidence = d.float()
		}
	}
	if n := d.count(11); n > 0 {
		st.Keywords = make([]pipeline.Keyword, n)
		for i := range st.Keywords {
			k := &st.Keywords[i]
			k.Term, k.Method, k.Score, k.Rank = d.str(), d.str(), d.float(), d.int()
		}
	}
	if n := d.count(2); n > 0 {
		st.Terms = make([]termCount, n)
		for i := range st.Terms {
			t := &st.Terms[i]
			t.Term, t.Count = d.str(), d.int()
		}
	}
	st.SimHash = d.u64()
	if d.err == nil && len(d.b) != 0 {
		d.err = errStateShort
	}
	if d.err != nil {
		return nil, d.err
	}
	return st, nil
}

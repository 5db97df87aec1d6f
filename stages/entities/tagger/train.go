package tagger

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Unknown is the label of a character left out of the loss: distant
// supervision cannot tell whether it belongs to a name (a name-like
// stretch no source explains, the character after a rule's guessed end).
// Training scores any label there alike, and learns from the rest.
const Unknown byte = 0xff

// Example is a clause with its labels (B, I, E, S, O or Unknown per
// character).
type Example struct {
	In     Input
	Labels []byte
}

// TrainOptions shape training; the zero value means the defaults.
type TrainOptions struct {
	Epochs   int     // passes over the examples (default 6)
	MinCount int     // features seen fewer times are dropped (default 3)
	Seed     uint64  // the order of the examples in each pass
	MinW     float64 // features whose averaged weights are all smaller are dropped (default 0.02)
	// Threshold is written into the model as its default span confidence,
	// Temperature as the divisor of scores for confidences.
	Threshold, Temperature float64
	// Progress, when set, is called after each pass with the number of
	// examples the model got wrong.
	Progress func(epoch, mistakes int)
}

// Train fits an averaged structured perceptron. Where an example has
// Unknown labels, its target is the best-scoring valid sequence that
// agrees with its known labels (a latent-variable perceptron over partial
// labels): a prediction that agrees with them is no mistake, whatever it
// says at the unknown characters. The result depends only
// on the examples, their order and the options: the weights are integer
// sums, the passes shuffled by a seeded generator, and the features
// written in sorted order, so equal data give an equal file byte for byte.
func Train(exs []Example, opt TrainOptions) *Model {
	if opt.Epochs <= 0 {
		opt.Epochs = 6
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.MinW <= 0 {
		opt.MinW = 0.02
	}
	// Count the features, then keep the frequent ones.
	count := map[uint64]int32{}
	var h hasher
	for _, ex := range exs {
		for i := range ex.In.Runes {
			features(&ex.In, i, &h, func(k uint64, _ byte, _ []byte) { count[k]++ })
		}
	}
	index := map[uint64]int32{}
	keys := make([]uint64, 0, len(count))
	for k, c := range count {
		if int(c) >= opt.MinCount {
			keys = append(keys, k)
		}
	}
	count = nil
	slices.Sort(keys)
	for i, k := range keys {
		index[k] = int32(i)
	}
	nf := len(keys)
	w := make([]int64, nf*nLabels)
	u := make([]int64, nf*nLabels) // time-weighted updates, for averaging
	var tw, tu [nLabels + 1][nLabels]int64
	var c int64 = 1

	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	// The feature ids of the example's positions, flat: position i's are
	// ids[at[i]:at[i+1]].
	var ids []int32
	var at []int
	var sc [][nLabels]float32
	var trans [nLabels + 1][nLabels]float32
	collect := func(k uint64, _ byte, _ []byte) {
		if x, ok := index[k]; ok {
			ids = append(ids, x)
		}
	}
	for epoch := 0; epoch < opt.Epochs; epoch++ {
		r := rand.New(rand.NewPCG(opt.Seed, uint64(epoch)))
		r.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		mistakes := 0
		for _, oi := range order {
			ex := &exs[oi]
			n := len(ex.In.Runes)
			if n == 0 {
				continue
			}
			ids, at = ids[:0], append(at[:0], 0)
			sc = sc[:0]
			for a := range trans {
				for b := range trans[a] {
					trans[a][b] = float32(tw[a][b])
				}
			}
			for i := range n {
				features(&ex.In, i, &h, collect)
				at = append(at, len(ids))
				var acc [nLabels]float32
				for _, x := range ids[at[i]:at[i+1]] {
					for l := range nLabels {
						acc[l] += float32(w[int(x)*nLabels+l])
					}
				}
				sc = append(sc, acc)
			}
			pred := viterbi(sc, &trans, new(Scratch))
			wrong, partial := false, false
			for i := range n {
				if ex.Labels[i] == Unknown {
					partial = true
				} else if pred[i] != int(ex.Labels[i]) {
					wrong = true
				}
			}
			if !wrong {
				c++
				continue
			}
			mistakes++
			upd := func(labels []int, d int64) {
				prev := nLabels
				for i := range n {
					l := labels[i]
					for _, x := range ids[at[i]:at[i+1]] {
						w[int(x)*nLabels+l] += d
						u[int(x)*nLabels+l] += c * d
					}
					tw[prev][l] += d
					tu[prev][l] += c * d
					prev = l
				}
			}
			var gold []int
			if partial {
				gold = constrained(sc, &trans, ex.Labels)
			} else {
				gold = make([]int, n)
				for i, l := range ex.Labels {
					gold[i] = int(l)
				}
			}
			upd(gold, 1)
			upd(pred, -1)
			c++
		}
		if opt.Progress != nil {
			opt.Progress(epoch+1, mistakes)
		}
	}
	avg := func(w, u int64) float32 { return float32(float64(w) - float64(u)/float64(c)) }
	m := &Model{Threshold: opt.Threshold, Temperature: opt.Temperature}
	for a := range tw {
		for b := range tw[a] {
			m.trans[a][b] = round4(avg(tw[a][b], tu[a][b]))
		}
	}
	// The names of the kept features, from a second pass.
	keep := map[uint64]*namedFeature{}
	for i, k := range keys {
		var f namedFeature
		big := false
		for l := range nLabels {
			f.w[l] = round4(avg(w[i*nLabels+l], u[i*nLabels+l]))
			if float64(f.w[l]) >= opt.MinW || float64(f.w[l]) <= -opt.MinW {
				big = true
			}
		}
		if big {
			keep[k] = &f
		}
	}
	h.rec = true
	for _, ex := range exs {
		for i := range ex.In.Runes {
			features(&ex.In, i, &h, func(k uint64, t byte, v []byte) {
				if f := keep[k]; f != nil && f.tmpl == 0 && f.value == "" {
					f.tmpl, f.value = int(t), string(v)
					if t == 0 {
						f.value = "\x00" // the bias: marked as named
					}
				}
			})
		}
	}
	for _, f := range keep {
		if f.tmpl == 0 {
			f.value = ""
		}
		m.named = append(m.named, *f)
	}
	sortFeatures(m.named)
	for _, f := range m.named {
		m.add(f.tmpl, f.value, f.w)
	}
	m.buildTable()
	return m
}

// round4 keeps four significant digits, as the file does, so that a
// trained model and the same model read back tag alike.
func round4(x float32) float32 {
	v, _ := parseW(fmtW(x))
	return v
}

// constrained is the best valid label sequence under the scores that has
// the known labels. It exists: the labels are a valid sequence before
// some of them are made Unknown.
func constrained(sc [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, labels []byte) []int {
	neg := float32(math.Inf(-1))
	c := make([][nLabels]float32, len(sc))
	for i, l := range labels {
		c[i] = sc[i]
		if l == Unknown {
			continue
		}
		for k := range nLabels {
			if k != int(l) {
				c[i][k] = neg
			}
		}
	}
	return viterbi(c, trans, new(Scratch))
}

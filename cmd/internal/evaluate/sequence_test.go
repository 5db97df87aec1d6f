package evaluate

import "testing"

// TestSequence: the options ask for a way of feeding earlier speakers or
// get the shipped one; unknown ways are refused.
func TestSequence(t *testing.T) {
	if got := (Options{}).sequence(); got != DefaultSequence {
		t.Errorf("no sequence asked: %v, want the default %v", got, DefaultSequence)
	}
	s := Sequence{Train: "cross", Decode: "greedy"}
	if got := (Options{Sequence: s}).sequence(); got != s {
		t.Errorf("asked %v, got %v", s, got)
	}
	for _, s := range []Sequence{{Train: "rules", Decode: "rules"}, {Train: "gold", Decode: "greedy"}, {Train: "cross", Decode: "rules"}} {
		if err := s.Check(); err != nil {
			t.Errorf("%v: %v", s, err)
		}
	}
	for _, s := range []Sequence{{Train: "model", Decode: "rules"}, {Train: "rules", Decode: "beam"}, {}} {
		if err := s.Check(); err == nil {
			t.Errorf("%v accepted", s)
		}
	}
}

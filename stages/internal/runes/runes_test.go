package runes

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// cases are strings whose code points Append must read as []rune does:
// ASCII, Chinese, two- and four-byte characters, and every kind of
// invalid UTF-8 (stray continuation bytes, truncated sequences, overlong
// forms, surrogates, bytes that start nothing).
var cases = []string{
	"", "a", "王毅表示：“中方坚决反对。”", "Zoë said «non» 🙂 ok",
	"\x80", "\xe4\xb8", "\xe4\xb8\xad\xe4", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xe0\xa0\x80",
	"\xed\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf", "\xc0\xaf", "\xf0\x9f\x98",
	"\xf8\x88\x80\x80\x80", "\xff中\xfe", "中\xe4\xb8x文", "\xe4\x80\x80\xe4\xc0\x80",
}

func TestAppend(t *testing.T) {
	for _, s := range cases {
		for _, pre := range [][]rune{nil, []rune("前")} {
			want := append(slices.Clone(pre), []rune(s)...)
			if got := Append(slices.Clone(pre), s); !slices.Equal(got, want) {
				t.Errorf("Append(%q, %q) = %U, want %U", string(pre), s, got, want)
			}
		}
	}
	// Every three-byte sequence whose lead is E0–EF, valid or not.
	for lead := 0xE0; lead <= 0xEF; lead++ {
		for b1 := 0x70; b1 <= 0xC8; b1++ {
			for _, b2 := range []byte{0x3F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0} {
				s := string([]byte{byte(lead), byte(b1), b2, 'x'})
				if got, want := Append(nil, s), []rune(s); !slices.Equal(got, want) {
					t.Fatalf("Append(% x) = %U, want %U", s, got, want)
				}
			}
		}
	}
}

// TestAppendPieces joins valid text of every width with bytes cut or
// invalid where the inline path could err.
func TestAppendPieces(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "中", "国", "ぁ", "é", "𠮷", "，", "·", "\xe4", "\xe4\xb8", "\xe4\xb8\x41", "\xed\xa0\x80", "\xe1\x80\x80", "\xec\xbf\xbf", "\xe0\x80\x80", "\xef\xbf\xbd", "\x80", "\xff"}
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Append([]rune{'x'}, s), append([]rune{'x'}, []rune(s)...); !slices.Equal(got, want) {
			t.Fatalf("%q: %U, want %U", s, got, want)
		}
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Append(nil, s), []rune(s); !slices.Equal(got, want) {
			t.Errorf("Append(%q) = %U, want %U", s, got, want)
		}
	})
}

// TestDecodeMarks: DecodeMarks decodes as Decode does and marks where
// every step-th code point begins, as ranging over the string finds them.
func TestDecodeMarks(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	inputs := slices.Clone(cases)
	for range 300 {
		var b []byte
		for range rnd.IntN(300) {
			switch rnd.IntN(4) {
			case 0:
				b = append(b, byte('a'+rnd.IntN(26)))
			case 1:
				b = append(b, "中文，“说”"[rnd.IntN(15)])
			default:
				b = append(b, "王毅表示：“中方坚决反对。”"...)
			}
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		for _, step := range []int{1, 4, 64} {
			pre := []rune("前")
			got, marks, valid := DecodeMarks(slices.Clone(pre), s, []int32{-1}, step)
			want, wantValid := Decode(slices.Clone(pre), s)
			if !slices.Equal(got, want) || valid != wantValid {
				t.Fatalf("DecodeMarks(%q) = %U %v, Decode %U %v", s, got, valid, want, wantValid)
			}
			wantMarks := []int32{-1}
			k := 0
			for i := range s {
				if k%step == 0 {
					wantMarks = append(wantMarks, int32(i))
				}
				k++
			}
			if !slices.Equal(marks, wantMarks) {
				t.Fatalf("DecodeMarks(%q, step %d) marks %v, want %v", s, step, marks, wantMarks)
			}
		}
	}
}

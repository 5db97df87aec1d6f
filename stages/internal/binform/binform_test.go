package binform

import (
	"encoding/binary"
	"testing"
)

func TestOpenRead(t *testing.T) {
	b := []byte("magic\n")
	b = binary.AppendUvarint(b, 3)
	b = append(b, "abc"...)
	b = binary.AppendVarint(b, -7)
	b = binary.LittleEndian.AppendUint32(b, 0xdeadbeef)
	b = binary.LittleEndian.AppendUint64(b, 1<<40)
	b = Seal(b)

	r, err := Open(b, "magic\n", "test")
	if err != nil {
		t.Fatal(err)
	}
	if s := string(r.Bytes(r.Count("n"), "s")); s != "abc" {
		t.Errorf("bytes %q", s)
	}
	if v := r.Varint("v"); v != -7 {
		t.Errorf("varint %d", v)
	}
	if v := r.Uint32("u32"); v != 0xdeadbeef {
		t.Errorf("uint32 %x", v)
	}
	if v := r.Uint64("u64"); v != 1<<40 {
		t.Errorf("uint64 %d", v)
	}
	if err := r.End(); err != nil {
		t.Error(err)
	}

	for i := range b {
		bad := append([]byte(nil), b...)
		bad[i] ^= 1
		if _, err := Open(bad, "magic\n", "test"); err == nil {
			t.Fatalf("byte %d damaged: opened", i)
		}
	}
	if _, err := Open(b[:5], "magic\n", "test"); err == nil {
		t.Error("a cut form opened")
	}
}

func TestReaderBounds(t *testing.T) {
	for _, c := range []struct {
		name string
		body []byte
		read func(r *Reader)
	}{
		{"count beyond what is left", binary.AppendUvarint(nil, 100), func(r *Reader) { r.Count("n") }},
		{"truncated varint", []byte{0x80}, func(r *Reader) { r.Uvarint("v") }},
		{"short uint64", []byte{1, 2, 3}, func(r *Reader) { r.Uint64("u") }},
		{"negative length", nil, func(r *Reader) { r.Bytes(-1, "b") }},
		{"trailing bytes", []byte{1}, func(r *Reader) {}},
	} {
		r, err := Open(Seal(append([]byte("m"), c.body...)), "m", "test")
		if err != nil {
			t.Fatal(err)
		}
		c.read(r)
		if r.End() == nil {
			t.Errorf("%s: no error", c.name)
		}
		if r.Uvarint("after") != 0 || r.Left() != 0 {
			t.Errorf("%s: reads go on after an error", c.name)
		}
	}
}

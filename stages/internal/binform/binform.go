// Package binform reads and seals the compact binary forms newsnlp
// generates from its models (gse's dictionary, the name tagger's
// snapshot): varints and fixed-width numbers behind a magic line, closed
// by a CRC-32C. The forms are made by go generate and checked by tests,
// so the checksum is there for damage, not for an adversary: a damaged
// form is refused rather than misread.
package binform

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"

	"github.com/klauspost/compress/zstd"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Seal appends the checksum of b to b.
func Seal(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// Compress zstd-compresses a sealed form at the best ratio: the forms are
// made once, by go generate, and decompressed at every start-up.
func Compress(raw []byte) ([]byte, error) {
	w, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer w.Close()
	return w.EncodeAll(raw, nil), nil
}

// Decompress undoes Compress; name prefixes its error.
func Decompress(data []byte, name string) ([]byte, error) {
	r, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	raw, err := r.DecodeAll(data, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return raw, nil
}

// Open checks that raw begins with magic and ends with the checksum Seal
// appended, and returns a Reader of what lies between.
func Open(raw []byte, magic, name string) (*Reader, error) {
	if len(raw) < len(magic)+4 || string(raw[:len(magic)]) != magic {
		return nil, fmt.Errorf("%s: not one", name)
	}
	body := raw[:len(raw)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(raw[len(body):]) {
		return nil, fmt.Errorf("%s: damaged (checksum)", name)
	}
	return &Reader{b: body[len(magic):], name: name}, nil
}

// Reader decodes a form; the first error sticks, and every read after it
// returns zero.
type Reader struct {
	b    []byte
	err  error
	name string
}

// Err is the first error, if any.
func (r *Reader) Err() error { return r.err }

// Left is the number of bytes not read yet.
func (r *Reader) Left() int { return len(r.b) }

// Fail records that what is malformed.
func (r *Reader) Fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: bad %s", r.name, what)
	}
	r.b = nil
}

// End fails unless everything was read.
func (r *Reader) End() error {
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New(r.name + ": trailing bytes")
		r.b = nil
	}
	return r.err
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint(what string) uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.Fail(what)
		return 0
	}
	r.b = r.b[n:]
	return x
}

// Varint reads a signed varint that fits an int.
func (r *Reader) Varint(what string) int {
	x, n := binary.Varint(r.b)
	if n <= 0 || int64(int(x)) != x {
		r.Fail(what)
		return 0
	}
	r.b = r.b[n:]
	return int(x)
}

// Count reads a length, bounded by what is left (each counted item takes
// at least one byte), so that a bad form cannot ask for a huge
// allocation.
func (r *Reader) Count(what string) int {
	x := r.Uvarint(what)
	if x > uint64(len(r.b)) {
		r.Fail(what)
		return 0
	}
	return int(x)
}

// Uint32 reads a little-endian uint32.
func (r *Reader) Uint32(what string) uint32 {
	if len(r.b) < 4 {
		r.Fail(what)
		return 0
	}
	x := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return x
}

// Uint64 reads a little-endian uint64.
func (r *Reader) Uint64(what string) uint64 {
	if len(r.b) < 8 {
		r.Fail(what)
		return 0
	}
	x := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return x
}

// Float64 reads a float64 as its little-endian bits.
func (r *Reader) Float64(what string) float64 { return math.Float64frombits(r.Uint64(what)) }

// Bytes reads n bytes, which alias the form.
func (r *Reader) Bytes(n int, what string) []byte {
	if n < 0 || n > len(r.b) {
		r.Fail(what)
		return nil
	}
	x := r.b[:n:n]
	r.b = r.b[n:]
	return x
}

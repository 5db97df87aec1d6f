package entities

import "slices"

// placeFamily reads a lexicon given name norm[i:e] before a dot at e and a
// place's name from k, as gse reads it (乔治·华盛顿, George Washington): the
// dotted rule takes no place for a name's part, and the given name alone
// was then linked to another George. Before a thing's head (乔治·华盛顿大学)
// the span is the thing's (d.thing), so that neither the tagger nor
// coreference takes the given name in it for a person.
func (d *doc) placeFamily(i, e, k int) {
	if e-i < 2 || !d.g.givenNames[string(d.norm[i:e])] || !d.free(i, e) {
		return
	}
	s, t, pos := d.token(k)
	if s != k || t-s < 2 || !d.hanRun(s, t) {
		return
	}
	if pos == "nt" { // 华盛顿大学, an organisation's name gse knows
		d.thing = append(d.thing, [2]int{i, t})
		return
	}
	if pos != "ns" {
		return
	}
	// The place the lexicon found there (华盛顿, a city the country
	// matcher blocks, or a found of another type) is the name's part.
	if !d.free(k, t) {
		if fi := d.foundAt(k); fi >= 0 {
			if d.found[fi].stop != t || d.found[fi].typ == "person" {
				return
			}
			d.found = slices.Delete(d.found, fi, fi+1)
		}
		for x := k; x < t; x++ {
			d.covered[x] = false
		}
	}
	if d.thingHeadAt(t) {
		d.thing = append(d.thing, [2]int{i, t})
		return
	}
	// Not addPerson: its placeJoined refuses a name that holds a place.
	d.add(found{start: i, stop: t, typ: "person", key: nameKey(d.norm[i:t]), method: "dotted"})
}

// placeThingAt reports a place's or an organisation's name from j, as gse
// reads it, that ends in a thing's head (华盛顿大学/nt, 华盛顿/ns 医院): a
// given name written right before it without a dot (乔治华盛顿大学) is the
// thing's name, and coreference does not take it for a person.
func (d *doc) placeThingAt(j int) bool {
	s, t, pos := d.token(j)
	if s != j || t-s < 2 || !d.hanRun(s, t) {
		return false
	}
	switch pos {
	case "ns":
		return d.thingHeadAt(t)
	case "nt":
		for k := j + 1; k < t; k++ {
			if d.thingHeadAt(k) {
				return true
			}
		}
	}
	return false
}

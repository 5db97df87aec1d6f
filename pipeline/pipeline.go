// Package pipeline runs newsnlp's stages over a stream of input files.
//
// A Source walks archives and emits one Doc per file in a fixed order; each
// Stage is a pool of workers reading one bounded channel and writing the next;
// a Sink receives the Docs back in input order. The runner owns concurrency,
// cancellation, error routing and metrics; stages own language. A Doc that a
// stage rejects carries its error to the sink and the run goes on; only
// cancellation, a Fatal error or a sink failure stops a run. Memory is bounded
// by the number of Docs in flight, not by the archive's size.
package pipeline

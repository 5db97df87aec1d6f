// Package beamrun is newsnlp's pipeline on Apache Beam: the stages of
// newsnlp run wrapped as DoFns and its corpus statistics as combiners, so
// that Flink, Spark or Dataflow (or Beam's Prism runner, in process) run
// them and write the same tables.
//
// The graph: the archives' post list (made by the launcher, split into
// chunks of consecutive entries of one archive) → Reshuffle → process (a
// chunk read and passed through every stage by the local runner, the
// models loaded once per worker process in Setup) with two outputs,
// documents and errors → four branches: the documents' rows (with their
// near-duplicate group, a side input), the errors' rows, keyness and
// co-occurrence (one global combiner over partial corpus.Stats), entities
// (a combiner per entity id) → every bundle's part files → finalize, which
// moves them into OUT/<table>/ once all have succeeded.
//
// Archives and OUT are local paths (a shared file system on a cluster) or
// an object store's, scheme://…, read and written through Beam's file
// systems (fs.go): workers on Dataflow share no disk, only buckets.
//
// Order-dependent results are made independent of Beam's order: each post
// carries its position in the post list (Doc.Seq), near-duplicate groups
// are replayed in that order, and an entity's name and first forms are
// taken from the earliest posts naming it.
package beamrun

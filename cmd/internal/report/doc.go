// Package report renders a run's tables as one self-contained HTML page of
// charts: what an analyst looks at before writing a query.
//
// It reads the Parquet tables through Arrow, streaming the large ones
// (mentions, quotes) batch by batch and keeping only aggregates, so memory
// grows with the number of documents and distinct entities, not with the
// number of rows. Every figure carries the DuckDB query that gives the table
// under it; the tests run those queries and compare. Charts are SVG made by
// gonum/plot, inlined into the page; text is measured with a CJK font of the
// system when one is found, and named by family in CSS, so that the page
// needs nothing from the network.
package report

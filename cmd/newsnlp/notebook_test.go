package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/newsnlp/newsnlp/stages/write"
)

// sqlInNotebook finds the SQL of con.sql(”'…”') and con.sql("…") calls.
var sqlInNotebook = regexp.MustCompile(`(?s)con\.sql\((?:'''(.*?)'''|"([^"]*)")\)`)

// TestNotebookQueries runs every SQL query of notebooks/explore.ipynb in
// DuckDB against a run over the sample posts: the notebook must work with
// the tables as they are.
func TestNotebookQueries(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "notebooks", "explore.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Type   string   `json:"cell_type"`
			Source []string `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("notebook: %v", err)
	}
	var queries []string
	for _, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		for _, m := range sqlInNotebook.FindAllStringSubmatch(strings.Join(c.Source, ""), -1) {
			q := m[1] + m[2]
			// the views of OUT's tables are made by an f-string: the test
			// makes its own; other views (docs, speakers) it runs.
			if !strings.Contains(q, "{") {
				queries = append(queries, q)
			}
		}
	}
	if len(queries) < 10 {
		t.Fatalf("only %d queries found in the notebook", len(queries))
	}
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "run", "-q", postsDir, "--out", out); code != exitOK {
		t.Fatalf("run: %d %s", code, stderr)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tbl := range write.Tables {
		if _, err := db.Exec(fmt.Sprintf("CREATE VIEW %s AS SELECT * FROM read_parquet('%s')", tbl, tableGlob(out, tbl))); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			t.Errorf("notebook query fails: %v\n%s", err, q)
			continue
		}
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			t.Errorf("notebook query fails: %v\n%s", err, q)
		}
		rows.Close()
	}
}

package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/newsnlp/newsnlp/cmd/internal/report"
)

const reportUsage = `Usage: newsnlp report OUT [--html FILE] [--from DATE --to DATE] [--outlet NAME...]

Writes one self-contained HTML page of charts of the run in OUT (its
Parquet tables): posts per outlet and month, scripts, formats, errors; the
most named people, countries and outlets and their months; who is quoted;
the terms that rise; the entity network; syndicated stories. Each chart has
a table under it and the DuckDB query that gives the table. Nothing is
fetched from the network; Chinese labels need a CJK font installed (Debian:
fonts-noto-cjk).

DATE is YYYY, YYYY-MM or YYYY-MM-DD (UTC); --to includes the period it
names.

Options:
`

func cmdReport(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlagSet("report", reportUsage, stderr)
	var html, from, to string
	var outlets listFlag
	var quiet bool
	fs.StringVar(&html, "html", "", "the page to write (default OUT/report.html)")
	fs.StringVar(&from, "from", "", "only posts published from this date")
	fs.StringVar(&to, "to", "", "only posts published up to this date, inclusive")
	fs.Var(&outlets, "outlet", "only this outlet's posts; repeatable")
	fs.BoolVar(&quiet, "q", false, "print nothing but errors")
	fs.BoolVar(&quiet, "quiet", false, "print nothing but errors")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return fmt.Errorf("%w: give one run directory", errUsage)
	}
	out := pos[0]
	var opt report.Options
	opt.Outlets = outlets
	if from != "" {
		if opt.From, err = report.ParseDate(from, false); err != nil {
			return fmt.Errorf("%w: --from: %v", errUsage, err)
		}
	}
	if to != "" {
		if opt.To, err = report.ParseDate(to, true); err != nil {
			return fmt.Errorf("%w: --to: %v", errUsage, err)
		}
	}
	if html == "" {
		html = filepath.Join(out, "report.html")
	}
	info, err := report.WriteFile(ctx, out, html, opt)
	if err != nil {
		return err
	}
	for _, o := range info.UnknownOutlets {
		fmt.Fprintf(stderr, "newsnlp: no post of the run is from outlet %q\n", o)
	}
	if !quiet {
		if info.FontFile == "" {
			fmt.Fprintln(stderr, "newsnlp: no CJK font found (install fonts-noto-cjk): Chinese labels may be spaced unevenly")
		}
		fmt.Fprintf(stderr, "newsnlp: report of %d posts written to %s\n", info.Documents, html)
	}
	return nil
}

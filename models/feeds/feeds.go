// Package feeds maps the web sites of news feeds to outlet names, for posts
// that do not name their outlet. The table is embedded, parsed once and
// read-only.
package feeds

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"sync"
)

//go:embed hosts.tsv
var hostsTSV string

var hosts = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for line := range strings.Lines(hostsTSV) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		if h, o, ok := strings.Cut(line, "\t"); ok {
			m[strings.ToLower(h)] = o
		}
	}
	return m
})

// Outlet returns the outlet of a host name ("www.bbc.com" → "BBC"), trying
// the host and then each parent domain; "" when none is known.
func Outlet(host string) string {
	m := hosts()
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for host != "" {
		if o, ok := m[host]; ok {
			return o
		}
		_, rest, ok := strings.Cut(host, ".")
		if !ok || !strings.Contains(rest, ".") {
			return ""
		}
		host = rest
	}
	return ""
}

// Checksum identifies the table's content, for the metadata of a run's output.
func Checksum() string {
	h := sha256.Sum256([]byte(hostsTSV))
	return hex.EncodeToString(h[:8])
}

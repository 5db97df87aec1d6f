package setup

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
)

// Version is the tool's version, as written into every table's metadata:
// override (set at build time with -ldflags "-X main.version=…") or the
// module's version from the build information.
func Version(override string) string {
	if override != "" {
		return override
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "v0.1.0-dev"
}

// ListFlag collects a repeatable flag; a value may also hold several items
// separated by commas.
type ListFlag []string

func (l *ListFlag) String() string { return strings.Join(*l, ",") }

func (l *ListFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// SizeFlag reads sizes such as 64MB, 512k or 1048576.
type SizeFlag int64

func (s *SizeFlag) String() string { return strconv.FormatInt(int64(*s), 10) }

func (s *SizeFlag) Set(v string) error {
	v = strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(v, u.suffix) {
			v, mult = strings.TrimSpace(strings.TrimSuffix(v, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("not a size: %q", v)
	}
	*s = SizeFlag(n * mult)
	return nil
}

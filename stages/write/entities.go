package write

import (
	"sort"

	"github.com/newsnlp/newsnlp/pipeline"
)

// maxSurfaces bounds the surfaces kept per entity: an entity named a million
// times still keeps a short list of the forms it was named by.
const maxSurfaces = 16

// entityAgg counts each entity's documents and mentions over a run. Its
// memory grows with the number of distinct entities, not of documents.
type entityAgg struct {
	byID map[string]*entityRow
}

type entityRow struct {
	ID, Type, Name string
	Info           EntityInfo
	Lexicon        bool
	Surfaces       []string
	Docs, Mentions int64
}

// EntityInfoJSON describes one entity in JSON, as inspect prints it.
type EntityInfoJSON struct {
	ID      string `json:"entity_id"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	NameEn  string `json:"name_en,omitempty"`
	ISO3    string `json:"iso3,omitempty"`
	Country string `json:"country,omitempty"`
	Source  string `json:"source"`
}

func newEntityAgg() *entityAgg { return &entityAgg{byID: map[string]*entityRow{}} }

func (a *entityAgg) add(ms []pipeline.Mention) {
	seen := map[string]bool{}
	for _, m := range ms {
		e := a.byID[m.EntityID]
		if e == nil {
			e = &entityRow{ID: m.EntityID, Type: m.Type, Name: m.Name}
			a.byID[m.EntityID] = e
		}
		e.Mentions++
		if !seen[m.EntityID] {
			seen[m.EntityID] = true
			e.Docs++
		}
		if len(e.Surfaces) < maxSurfaces && m.Surface != e.Name {
			found := false
			for _, s := range e.Surfaces {
				found = found || s == m.Surface
			}
			if !found {
				e.Surfaces = append(e.Surfaces, m.Surface)
			}
		}
	}
}

// describe gives each entity its description: the lexicon's, or its
// name and the forms it was named by. It is apart from write so that the
// saved state, which holds the rows, is encoded while the table is written.
func (a *entityAgg) describe(lookup func(string) (EntityInfo, bool)) {
	for id, e := range a.byID {
		if lookup != nil {
			if info, ok := lookup(id); ok {
				e.Info, e.Lexicon = info, true
			}
		}
		if !e.Lexicon {
			e.Info = EntityInfo{Name: e.Name, Aliases: e.Surfaces}
			sort.Strings(e.Info.Aliases)
		}
	}
}

// write emits the rows, described, sorted by id, so that the table is the
// same for any number of workers.
func (a *entityAgg) write(t *table[entityRow]) error {
	ids := make([]string, 0, len(a.byID))
	for id := range a.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := t.append(*a.byID[id]); err != nil {
			return err
		}
	}
	return nil
}

func entityColumns() []column[entityRow] {
	type E = entityRow
	return []column[E]{
		strCol("entity_id", func(e E) string { return e.ID }),
		strCol("type", func(e E) string { return e.Type }),
		strCol("name", func(e E) string { return e.Info.Name }),
		optStrCol("name_en", func(e E) string { return e.Info.NameEn }),
		optStrCol("iso3", func(e E) string { return e.Info.ISO3 }),
		strListCol("aliases", func(e E) []string { return e.Info.Aliases }),
		optStrCol("country", func(e E) string { return e.Info.Country }),
		int64Col("doc_count", func(e E) int64 { return e.Docs }),
		int64Col("mention_count", func(e E) int64 { return e.Mentions }),
		strCol("source", func(e E) string {
			if e.Lexicon {
				return "lexicon"
			}
			return "discovered"
		}),
	}
}

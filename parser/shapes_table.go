package parser

// smallMax is the number of entries a smallMap keeps in its lists before
// it moves them to a Go map.
const smallMax = 16

// smallMap maps the few keys of a program (symbol keys, definitions) to
// shape variables: lists searched in order while short, so that a small
// program's solver makes no map; a Go map once past smallMax entries, so
// that a large one stays linear. The zero value is empty.
type smallMap[K comparable] struct {
	keys []K
	vals []*shapeVar
	m    map[K]*shapeVar
}

// get returns the variable of k and whether there is one.
func (t *smallMap[K]) get(k K) (*shapeVar, bool) {
	if t.m != nil {
		v, ok := t.m[k]
		return v, ok
	}
	for i, x := range t.keys {
		if x == k {
			return t.vals[i], true
		}
	}
	return nil, false
}

// set makes v the variable of k.
func (t *smallMap[K]) set(k K, v *shapeVar) {
	if t.m == nil {
		for i, x := range t.keys {
			if x == k {
				t.vals[i] = v
				return
			}
		}
		if len(t.keys) < smallMax {
			t.keys = append(t.keys, k)
			t.vals = append(t.vals, v)
			return
		}
		t.m = make(map[K]*shapeVar, 2*smallMax)
		for i, x := range t.keys {
			t.m[x] = t.vals[i]
		}
	}
	t.m[k] = v
}

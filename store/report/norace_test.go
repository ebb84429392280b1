//go:build !race

package report

// randomOps is the number of random operations TestAggregatesEqualRecount
// runs.
const randomOps = 10000

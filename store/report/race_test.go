//go:build race

package report

// randomOps is smaller under the race detector, which slows every bbolt
// transaction about fivefold; a build without -race runs all 10,000.
const randomOps = 3000

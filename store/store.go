package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime/debug"
	"sync/atomic"
	"time"

	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout of the buckets that this build reads and
// writes. It is stored in the meta bucket; a file with a higher version was
// written by a newer frontdesk and is not opened.
const SchemaVersion = 1

// DefaultOpenTimeout is how long Open waits for the file lock when
// Config.OpenTimeout is zero.
const DefaultOpenTimeout = 2 * time.Second

// Sentinel errors. Methods wrap them with the values involved, so match them
// with errors.Is.
var (
	ErrInUse             = errors.New("store: database is in use by another frontdesk process")
	ErrNewerSchema       = errors.New("store: database was written by a newer frontdesk")
	ErrNotFound          = errors.New("store: not found")
	ErrInvalid           = errors.New("store: invalid value")
	ErrInvalidTransition = errors.New("store: invalid state transition")
	ErrSequenceExhausted = errors.New("store: ticket numbers of the day are used up")
	ErrDamaged           = errors.New("store: database is damaged")
)

// Config is the configuration of Open. The zero value of every field but Path, Site
// and Terminal has a usable default.
type Config struct {
	// Path is the bbolt file. Its directory must exist.
	Path string
	// Location is the business time zone. Nil means Asia/Dubai.
	Location *time.Location
	// OpenTimeout bounds the wait for the file lock. Zero means
	// DefaultOpenTimeout.
	OpenTimeout time.Duration
	// Site and Terminal go into every ticket id so ids from different
	// halls and appliances never collide: 1 to 8 ASCII letters or digits.
	Site, Terminal string
	// NumberPrefix is put before the ticket number, e.g. "V1" gives
	// "V1-A-007". Empty for halls; the express vehicle sets its own.
	NumberPrefix string
	// NoSync skips fdatasync on commit. Only tests set it, because a
	// committed ticket could be lost on power failure.
	NoSync bool
	// Now is the clock. Nil means time.Now; tests set a fake clock.
	Now func() time.Time
	// Queue holds the rules of calling tickets.
	Queue QueueConfig
	// Staff holds the sign-in rules.
	Staff StaffConfig
}

// DB is an open frontdesk database. Its methods are safe for concurrent use.
type DB struct {
	bolt     *bbolt.DB
	cfg      Config
	loc      *time.Location
	now      func() time.Time
	lockPath string
	changes  changeFeed
	hook     atomic.Pointer[TransitionHook] // see OnTransition
}

var shortID = regexp.MustCompile(`^[A-Za-z0-9]{1,8}$`)
var numberPrefix = regexp.MustCompile(`^[A-Z0-9]{1,4}$`)

// Open opens or creates the database at cfg.Path, creates missing buckets
// and checks the schema version. It returns ErrInUse, after at most
// cfg.OpenTimeout, when another process (or another Open in this process)
// has the file open, and ErrNewerSchema when a newer frontdesk wrote it.
func Open(cfg Config) (*DB, error) {
	cfg, err := checkConfig(cfg)
	if err != nil {
		return nil, err
	}

	bdb, version, err := openBolt(cfg)
	if err != nil {
		return nil, err
	}
	db := &DB{bolt: bdb, cfg: cfg, loc: cfg.Location, now: cfg.Now}
	db.changes.version = version

	// The lock file only names the holder for the ErrInUse message; the
	// flock that bbolt holds on the database file is the real lock.
	db.lockPath, err = writeLockFile(cfg.Path)
	if err != nil {
		bdb.Close()
		return nil, err
	}
	return db, nil
}

// openBolt opens the bbolt file, checks that it is whole and initialises
// the schema. It returns the queue event log's sequence number.
//
// A truncated or overwritten file makes bbolt read past the end of its
// memory map (a SIGBUS) or panic on a bad page. Both are turned into
// ErrDamaged here, so the appliance stops with one line that says what to
// do instead of a crash. NOTE: damage in pages that Open does not read
// can still panic later, in the transaction that reads them, when it is
// damaged after Open has checked every page.
func openBolt(cfg Config) (bdb *bbolt.DB, version uint64, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if bdb != nil {
				bdb.Close()
			}
			bdb, err = nil, damagedError(cfg.Path, fmt.Sprint(r))
		}
	}()

	opts := &bbolt.Options{Timeout: cfg.OpenTimeout, NoSync: cfg.NoSync}
	bdb, err = bbolt.Open(cfg.Path, 0o600, opts)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, 0, inUseError(cfg.Path)
	}
	if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) || errors.Is(err, bolterrors.ErrVersionMismatch) {
		return nil, 0, damagedError(cfg.Path, err.Error())
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: open %s: %w", cfg.Path, err)
	}
	if err := checkWhole(bdb, cfg.Path); err != nil {
		bdb.Close()
		return nil, 0, err
	}
	if err := checkPages(bdb, cfg.Path); err != nil {
		bdb.Close()
		return nil, 0, err
	}

	if err := bdb.Update(initSchema); err != nil {
		bdb.Close()
		return nil, 0, err
	}
	err = bdb.View(func(tx *bbolt.Tx) error {
		version = tx.Bucket(bucketEvents).Sequence()
		return nil
	})
	return bdb, version, err
}

// checkWhole rejects a file shorter than the pages its meta page counts,
// which is what a truncated copy looks like.
func checkWhole(bdb *bbolt.DB, path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	return bdb.View(func(tx *bbolt.Tx) error {
		if size := tx.Size(); size > st.Size() {
			return damagedError(path, fmt.Sprintf("the file is %d bytes but its pages need %d: it was cut short", st.Size(), size))
		}
		return nil
	})
}

// checkPages walks every page of the file with bbolt's consistency check,
// so damage anywhere is found when the store opens rather than as a panic
// in the middle of a citizen's ticket. NOTE: the walk reads the whole
// file, so opening takes longer as the file grows; its time on a file of
// several years of tickets has not been measured.
func checkPages(bdb *bbolt.DB, path string) error {
	return bdb.View(func(tx *bbolt.Tx) error {
		var first error
		// The check runs in its own goroutine until it closes the
		// channel: drain it all before the transaction ends.
		for err := range tx.Check() {
			if first == nil {
				first = err
			}
		}
		if first != nil {
			return damagedError(path, first.Error())
		}
		return nil
	})
}

func damagedError(path, detail string) error {
	return fmt.Errorf("%w: %s (%s); restore it from a backup, or move it aside to start an empty database", ErrDamaged, path, detail)
}

func checkConfig(cfg Config) (Config, error) {
	if cfg.Path == "" {
		return cfg, fmt.Errorf("%w: Config.Path is empty; set the database file", ErrInvalid)
	}
	if !shortID.MatchString(cfg.Site) {
		return cfg, fmt.Errorf("%w: site id %q must be 1 to 8 ASCII letters or digits", ErrInvalid, cfg.Site)
	}
	if !shortID.MatchString(cfg.Terminal) {
		return cfg, fmt.Errorf("%w: terminal id %q must be 1 to 8 ASCII letters or digits",
			ErrInvalid, cfg.Terminal)
	}
	if cfg.NumberPrefix != "" && !numberPrefix.MatchString(cfg.NumberPrefix) {
		return cfg, fmt.Errorf("%w: number prefix %q must be 1 to 4 uppercase ASCII letters or digits",
			ErrInvalid, cfg.NumberPrefix)
	}
	if cfg.Location == nil {
		cfg.Location = dubai()
	}
	if cfg.OpenTimeout <= 0 {
		cfg.OpenTimeout = DefaultOpenTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Queue = cfg.Queue.withDefaults()
	cfg.Staff = cfg.Staff.withDefaults()
	return cfg, nil
}

// dubai returns Asia/Dubai from the system's or the embedded zone database.
// Dubai has kept UTC+4 without daylight saving since 1920, so a fixed zone
// is an exact stand-in on a system with neither.
func dubai() *time.Location {
	loc, err := time.LoadLocation("Asia/Dubai")
	if err != nil {
		return time.FixedZone("+04", 4*60*60)
	}
	return loc
}

func initSchema(tx *bbolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return fmt.Errorf("store: create meta bucket: %w", err)
	}
	if raw := meta.Get(keySchema); raw != nil {
		version := binary.BigEndian.Uint32(raw)
		if version > SchemaVersion {
			return fmt.Errorf("%w: the file has schema version %d and this build reads up to %d; "+
				"install the newer frontdesk or restore a backup", ErrNewerSchema, version, SchemaVersion)
		}
	}
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("store: create bucket %s: %w", name, err)
		}
	}
	return meta.Put(keySchema, binary.BigEndian.AppendUint32(nil, SchemaVersion))
}

// Close removes the lock file and closes the bbolt file.
func (db *DB) Close() error {
	removeLockFile(db.lockPath)
	db.changes.close()
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Bolt returns the underlying bbolt database for sub-packages that keep
// their own buckets in the same file. They must not touch this package's
// buckets, whose names are listed in allBuckets.
func (db *DB) Bolt() *bbolt.DB { return db.bolt }

// Location returns the business time zone.
func (db *DB) Location() *time.Location { return db.loc }

// BusinessDay returns the business day of t as "2006-01-02".
func (db *DB) BusinessDay(t time.Time) string {
	return t.In(db.loc).Format(time.DateOnly)
}

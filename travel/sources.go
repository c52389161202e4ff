package travel

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	kflate "github.com/klauspost/compress/flate"

	"github.com/crossmeet/crossmeet/internal/regular"
)

// ProgramFeeds returns the timetables of a programme folder fsys:
// gtfs.zip, or the gtfs/ folder, which is either one feed (it holds
// agency.txt) or holds several, each a .zip file or a sub-folder
// ("gtfs/sweden.zip", "gtfs/norway/"), named after the file or folder.
// A folder without a timetable gives no sources and no error. Pass the
// result to LoadFeeds.
func ProgramFeeds(fsys fs.FS) ([]Source, error) {
	if st, err := fs.Stat(fsys, "gtfs.zip"); err == nil && !st.IsDir() {
		return []Source{{Name: "gtfs", FS: fsys, Dir: "gtfs.zip"}}, nil
	}
	st, err := fs.Stat(fsys, "gtfs")
	if err != nil || !st.IsDir() {
		return nil, nil
	}
	return FeedsIn(fsys, "gtfs")
}

// FeedsIn returns the feeds in folder dir of fsys: dir itself when it
// holds agency.txt, else each .zip file and each sub-folder holding
// agency.txt, in name order.
func FeedsIn(fsys fs.FS, dir string) ([]Source, error) {
	if _, err := fs.Stat(fsys, path.Join(dir, "agency.txt")); err == nil {
		return []Source{{Name: path.Base(dir), FS: fsys, Dir: dir}}, nil
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		switch {
		case !e.IsDir() && strings.EqualFold(path.Ext(e.Name()), ".zip"):
			out = append(out, Source{Name: strings.TrimSuffix(e.Name(), path.Ext(e.Name())), FS: fsys, Dir: p})
		case e.IsDir():
			if _, err := fs.Stat(fsys, path.Join(p, "agency.txt")); err == nil {
				out = append(out, Source{Name: e.Name(), FS: fsys, Dir: p})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	if len(out) == 0 {
		return nil, &ParseError{File: dir, Err: fmt.Errorf("no GTFS feed (agency.txt, a .zip file or a folder of one): %w", ErrMissingFile)}
	}
	return out, nil
}

// OpenZip opens the zip file name of fsys as a feed's zip: read in
// place when the file allows it (io.ReaderAt: a national feed is hundreds
// of megabytes), else into memory, and inflated by the faster
// decompressor. Close the closer when done with the reader. A file that
// is not a zip gives an error wrapping the one of archive/zip, which the
// caller locates.
func OpenZip(fsys fs.FS, name string) (*zip.Reader, io.Closer, error) {
	// A FIFO would block the open: look first.
	if st, err := fs.Stat(fsys, name); err == nil {
		if err := CheckRegular(st.Mode()); err != nil {
			return nil, nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if ra, ok := f.(io.ReaderAt); ok {
		zr, err := zip.NewReader(ra, st.Size())
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("not a zip file: %w", err)
		}
		if err := CheckZip(zr); err != nil {
			f.Close()
			return nil, nil, err
		}
		inflateFast(zr)
		return zr, f, nil
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, fmt.Errorf("not a zip file: %w", err)
	}
	if err := CheckZip(zr); err != nil {
		return nil, nil, err
	}
	inflateFast(zr)
	return zr, io.NopCloser(nil), nil
}

// MaxZipRatio bounds how much one entry of more than a megabyte of a
// feed's zip may inflate: timetables compress 5 to 30 times, a zip bomb
// thousands of times (a few megabytes that would take the loader an
// hour to read).
const MaxZipRatio = 100

// CheckZip returns an error wrapping ErrTooLarge when an entry of zr
// inflates more than MaxZipRatio times. LoadFeeds and OpenZip check
// every feed zip they open.
func CheckZip(zr *zip.Reader) error {
	for _, f := range zr.File {
		if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64 > MaxZipRatio*max(f.CompressedSize64, 1) {
			return fmt.Errorf("%w: %s inflates %d times (%s from %s), more than %d times: not a timetable",
				ErrTooLarge, path.Clean(f.Name), f.UncompressedSize64/max(f.CompressedSize64, 1),
				regular.Size(int64(min(f.UncompressedSize64, 1<<62))), regular.Size(int64(min(f.CompressedSize64, 1<<62))), MaxZipRatio)
		}
	}
	return nil
}

// inflateFast makes zr read deflated files with the decompressor of
// github.com/klauspost/compress, which reads a national feed's
// stop_times.txt in less time than the standard library's.
func inflateFast(zr *zip.Reader) {
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return kflate.NewReader(r) })
}

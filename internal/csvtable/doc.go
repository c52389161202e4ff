// Package csvtable reads the CSV files crossmeet takes as input: the
// tables of a GTFS feed (stops.txt, stop_times.txt, …) and those of a
// programme folder (startups.csv, contacts.csv, places.csv).
//
// Both use one dialect:
//
//   - UTF-8, with an optional byte-order mark, which is skipped;
//   - a header row naming the columns, in any order;
//   - comma-separated fields, quoted with " when they hold a comma, a
//     quote or a line break, as RFC 4180 and encoding/csv describe;
//   - LF or CRLF line ends; empty lines are skipped.
//
// A Table streams the rows: it keeps one row in memory and reuses its
// buffers, so a stop_times.txt of a million rows costs no more than its
// parsed values. Cells are read by column name with Get. Open's Options
// choose the strictness: by default (GTFS) every row has as many fields as
// the header and header names are taken as written; with Columns (a
// programme folder, edited by hand) header names are matched without
// regard to case and through aliases, unknown columns are reported as
// warnings, short rows are padded with empty cells, blank rows skipped and
// every cell checked to be UTF-8.
//
// Every error is an *Error that names the file, line, column and field
// of the problem and wraps the sentinel the caller chose (Options), so a
// package can keep its own sentinel errors while sharing this reader.
package csvtable

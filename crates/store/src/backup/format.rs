//! The backup file: gzip-compressed JSON lines, the same for both engines (a SQLite backup
//! restores into PostgreSQL and back). A header line (format, schema version, engine, time);
//! for each table a line naming it and its columns, then one JSON array per row (text, whole
//! numbers and nulls only); and a last line with every table's row count and the SHA-256 of
//! all the lines before it. A file cut short, edited or damaged fails that check.

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use trellis_core::{Error, Result};

/// What the first line says: `{"trellis_backup":1,…}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub trellis_backup: u32,
    /// The last migration the database had.
    pub schema_version: i64,
    pub engine: String,
    /// When the copy was taken (RFC 3339, UTC).
    pub created_at: String,
}

/// This release writes and reads format 1.
pub const FORMAT: u32 = 1;

/// The longest line read back (a row of 64 MiB is far beyond anything Trellis stores).
const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct TableLine {
    table: String,
    columns: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct EndLine {
    end: BTreeMap<String, u64>,
    sha256: String,
}

/// Writes a backup file line by line.
pub struct BackupWriter<W: Write> {
    out: GzEncoder<W>,
    hash: Sha256,
    rows: BTreeMap<String, u64>,
    table: String,
}

impl<W: Write> BackupWriter<W> {
    pub fn start(out: W, header: &Header) -> Result<Self> {
        let mut writer = Self {
            out: GzEncoder::new(out, flate2::Compression::fast()),
            hash: Sha256::new(),
            rows: BTreeMap::new(),
            table: String::new(),
        };
        writer.line(&serde_json::to_vec(header).map_err(Error::internal)?)?;
        Ok(writer)
    }

    /// Starts the rows of `table`.
    pub fn table(&mut self, table: &str, columns: Vec<String>) -> Result<()> {
        self.table = table.to_string();
        self.rows.insert(table.to_string(), 0);
        let line = TableLine { table: table.to_string(), columns };
        self.line(&serde_json::to_vec(&line).map_err(Error::internal)?)
    }

    /// One row of the current table.
    pub fn row(&mut self, values: &[Value]) -> Result<()> {
        *self.rows.entry(self.table.clone()).or_default() += 1;
        self.line(&serde_json::to_vec(values).map_err(Error::internal)?)
    }

    /// Writes the last line and flushes; returns the row counts.
    pub fn finish(mut self) -> Result<BTreeMap<String, u64>> {
        let sha256 = hex(&self.hash.finalize_reset());
        let end = EndLine { end: self.rows.clone(), sha256 };
        let mut bytes = serde_json::to_vec(&end).map_err(Error::internal)?;
        bytes.push(b'\n');
        self.out.write_all(&bytes).map_err(write_failed)?;
        self.out.finish().map_err(write_failed)?.flush().map_err(write_failed)?;
        Ok(self.rows)
    }

    fn line(&mut self, json: &[u8]) -> Result<()> {
        self.hash.update(json);
        self.hash.update(b"\n");
        self.out.write_all(json).and_then(|()| self.out.write_all(b"\n")).map_err(write_failed)
    }
}

fn write_failed(error: std::io::Error) -> Error {
    Error::internal(format!("cannot write the backup: {error}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a backup file holds, line by line.
#[derive(Debug, PartialEq)]
pub enum Item {
    Table {
        name: String,
        columns: Vec<String>,
    },
    Row(Vec<Value>),
    /// The last line, checked: the row counts.
    End(BTreeMap<String, u64>),
}

/// Reads a backup file back, checking every line and, at its end, the counts and the hash.
pub struct BackupReader<R: Read> {
    input: BufReader<GzDecoder<R>>,
    hash: Sha256,
    rows: BTreeMap<String, u64>,
    table: Option<(String, usize)>,
    line_number: u64,
    pub header: Header,
    done: bool,
}

fn damaged(line: u64, what: &str) -> Error {
    Error::invalid("backup", format!("the backup file is damaged or not a Trellis backup (line {line}: {what})"))
}

impl<R: Read> BackupReader<R> {
    pub fn open(input: R) -> Result<Self> {
        let mut reader = Self {
            input: BufReader::new(GzDecoder::new(input)),
            hash: Sha256::new(),
            rows: BTreeMap::new(),
            table: None,
            line_number: 0,
            header: Header { trellis_backup: 0, schema_version: 0, engine: String::new(), created_at: String::new() },
            done: false,
        };
        let first = reader.next_line()?.ok_or_else(|| damaged(1, "it is empty"))?;
        let header: Header = serde_json::from_slice(&first).map_err(|_| damaged(1, "no Trellis backup header"))?;
        if header.trellis_backup != FORMAT {
            return Err(Error::invalid(
                "backup",
                format!("the backup is in format {}, and this release reads format {FORMAT}", header.trellis_backup),
            ));
        }
        reader.hash.update(&first);
        reader.hash.update(b"\n");
        reader.header = header;
        Ok(reader)
    }

    fn next_line(&mut self) -> Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        self.line_number += 1;
        let read = (&mut self.input)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut line)
            .map_err(|e| damaged(self.line_number, &e.to_string()))?;
        if read == 0 {
            return Ok(None);
        }
        if line.pop() != Some(b'\n') {
            return Err(damaged(self.line_number, "the file is cut short"));
        }
        Ok(Some(line))
    }

    /// The next item; `None` after the checked last line.
    pub fn next_item(&mut self) -> Result<Option<Item>> {
        if self.done {
            return Ok(None);
        }
        let number = self.line_number + 1;
        let line = self.next_line()?.ok_or_else(|| damaged(number, "the file ends before its last line"))?;
        if line.first() == Some(&b'[') {
            let (table, width) = self.table.clone().ok_or_else(|| damaged(number, "a row before any table"))?;
            let values: Vec<Value> = serde_json::from_slice(&line).map_err(|_| damaged(number, "not a row"))?;
            if values.len() != width || values.iter().any(|v| !(v.is_null() || v.is_string() || v.is_i64())) {
                return Err(damaged(number, "a row that does not fit its table"));
            }
            self.hash.update(&line);
            self.hash.update(b"\n");
            *self.rows.entry(table).or_default() += 1;
            return Ok(Some(Item::Row(values)));
        }
        if let Ok(table) = serde_json::from_slice::<TableLine>(&line) {
            self.hash.update(&line);
            self.hash.update(b"\n");
            self.rows.insert(table.table.clone(), 0);
            self.table = Some((table.table.clone(), table.columns.len()));
            return Ok(Some(Item::Table { name: table.table, columns: table.columns }));
        }
        let end: EndLine = serde_json::from_slice(&line).map_err(|_| damaged(number, "an unknown line"))?;
        if end.sha256 != hex(&self.hash.finalize_reset()) || end.end != self.rows {
            return Err(damaged(number, "its content does not match its checksum"));
        }
        if self.next_line()?.is_some() {
            return Err(damaged(number + 1, "more after the last line"));
        }
        self.done = true;
        Ok(Some(Item::End(end.end)))
    }
}

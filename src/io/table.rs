//! Reading a file of rows as Swedish spreadsheets and e-services write them: CSV with comma or
//! semicolon, UTF-8 with or without BOM or Windows-1252; or a JSON array of objects.
//!
//! The file is read as a stream, never whole: once to tell its encoding (and to find the first
//! byte that is not text), then row by row as the import asks for rows. What cannot be read
//! exactly is refused with the row and column a spreadsheet shows (the header is row 1; a cell
//! with a line break inside quotes is one row; LF, CRLF and CR end a row alike), or for JSON the
//! line and character an editor shows:
//!
//! - a quote that is never closed, text after a closing quote;
//! - a value beyond the header's last column (an empty one is what spreadsheets write, and read);
//! - a byte that is not UTF-8 in a file that otherwise is, or a file that is neither UTF-8 nor
//!   Windows-1252 (a byte Windows-1252 leaves undefined);
//! - NUL, escape and every other control character but tab, and line breaks inside quotes;
//! - in JSON, a key twice in one object, a value that is an array or object;
//! - a file larger than [`MAX_FILE_BYTES`], a cell longer than [`MAX_CELL_BYTES`], a row of more
//!   than [`MAX_COLUMNS`] columns, a JSON object longer than [`MAX_RECORD_BYTES`].

use std::io::Read;
use std::path::Path;

/// The largest file an import reads (64 MiB): far beyond any round of applications, small
/// enough that the check and the write stay well within memory.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The longest cell (64 KiB; a spreadsheet cell holds 32 767 characters).
pub const MAX_CELL_BYTES: usize = 64 << 10;
/// The most columns a row may have (as many as a spreadsheet has).
pub const MAX_COLUMNS: usize = 16_384;
/// The longest object of a JSON file (1 MiB).
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// How the bytes of a file are text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// The bytes of one cell as text. The first pass has seen to it that they are valid.
    fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            Encoding::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
            Encoding::Windows1252 => Some(
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
            ),
        }
    }
}

/// Where in the file something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// A cell, as a spreadsheet numbers it: row (the header is 1) and column (0 is A), with
    /// the column's header where it is known.
    Cell {
        row: usize,
        column: usize,
        header: Option<String>,
    },
    /// A place in a JSON file, as an editor numbers it: line and character, from 1.
    Text { line: usize, column: usize },
}

/// The spreadsheet name of a column: 0 is A, 25 is Z, 26 is AA.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("the file is empty")]
    Empty,
    #[error("cannot read: {0}")]
    Io(String),
    #[error("larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("{at:?}: control character U+{code:04X}")]
    Control { at: At, code: u32 },
    #[error("{at:?}: byte {byte:#04X} is not UTF-8 in a UTF-8 file")]
    StrayByte { at: At, byte: u8 },
    #[error("{at:?}: byte {byte:#04X} is neither UTF-8 nor Windows-1252")]
    NotText { at: At, byte: u8 },
    #[error("{at:?}: the quote is never closed")]
    UnclosedQuote { at: At },
    #[error("{at:?}: text after the closing quote")]
    AfterQuote { at: At },
    #[error("{at:?}: a value beyond the header's {width} columns")]
    ExtraField { at: At, width: usize },
    #[error("{at:?}: a cell longer than {limit} bytes")]
    CellTooLong { at: At, limit: usize },
    #[error("row {row}: more than {limit} columns")]
    TooManyColumns { row: usize, limit: usize },
    #[error("{at:?}: not valid JSON: {message}")]
    Json { at: At, message: String },
    #[error("{at:?}: the key {key:?} twice in one object")]
    JsonDuplicateKey { at: At, key: String },
    #[error("{at:?}: JSON must be an array of objects")]
    JsonShape { at: At },
    #[error("{at:?}: the value of {key:?} is an array or object")]
    JsonValue { at: At, key: String },
    #[error("{at:?}: an object longer than {limit} bytes")]
    RecordTooLong { at: At, limit: usize },
    #[error("{at:?}: text after the end of the JSON array")]
    JsonTrailing { at: At },
}

/// A place in words: "rad 4, kolumn C (beskrivning)", "rad 3, tecken 14".
pub fn at_text(lang: crate::i18n::Lang, at: &At) -> String {
    use crate::i18n::{T, tr};
    match at {
        At::Cell {
            row,
            column,
            header: Some(h),
        } if !h.is_empty() => tr(
            lang,
            T::TblAtCellNamed,
            &[&row.to_string(), &column_letters(*column), h],
        ),
        At::Cell { row, column, .. } => tr(
            lang,
            T::TblAtCell,
            &[&row.to_string(), &column_letters(*column)],
        ),
        At::Text { line, column } => tr(
            lang,
            T::TblAtText,
            &[&line.to_string(), &column.to_string()],
        ),
    }
}

/// A character as a caseworker can name it: "U+0000 (NUL)", "U+001B (ESC)".
fn control_name(code: u32) -> String {
    let name = match code {
        0x00 => "NUL",
        0x07 => "BEL",
        0x08 => "BS",
        0x0B => "VT",
        0x0C => "FF",
        0x1A => "SUB",
        0x1B => "ESC",
        0x7F => "DEL",
        _ => "",
    };
    if name.is_empty() {
        format!("U+{code:04X}")
    } else {
        format!("U+{code:04X} ({name})")
    }
}

/// A table error in words.
pub fn table_error_text(lang: crate::i18n::Lang, e: &TableError) -> String {
    use crate::i18n::{T, tr};
    let at = |at: &At| at_text(lang, at);
    let byte = |b: &u8| format!("0x{b:02X}");
    match e {
        TableError::Empty => T::TblEmpty.text(lang).to_string(),
        TableError::Io(m) => tr(lang, T::TblIo, &[m]),
        TableError::TooLarge { limit } => {
            tr(lang, T::TblTooLarge, &[&format!("{} MiB", limit >> 20)])
        }
        TableError::Control { at: a, code } => {
            tr(lang, T::TblControl, &[&at(a), &control_name(*code)])
        }
        TableError::StrayByte { at: a, byte: b } => tr(lang, T::TblStrayByte, &[&at(a), &byte(b)]),
        TableError::NotText { at: a, byte: b } => tr(lang, T::TblNotText, &[&at(a), &byte(b)]),
        TableError::UnclosedQuote { at: a } => tr(lang, T::TblUnclosedQuote, &[&at(a)]),
        TableError::AfterQuote { at: a } => tr(lang, T::TblAfterQuote, &[&at(a)]),
        TableError::ExtraField { at: a, width } => {
            tr(lang, T::TblExtraField, &[&at(a), &width.to_string()])
        }
        TableError::CellTooLong { at: a, limit } => {
            tr(lang, T::TblCellTooLong, &[&at(a), &limit.to_string()])
        }
        TableError::TooManyColumns { row, limit } => tr(
            lang,
            T::TblTooManyColumns,
            &[&row.to_string(), &limit.to_string()],
        ),
        TableError::Json { at: a, message } => tr(lang, T::TblJsonAt, &[&at(a), message]),
        TableError::JsonDuplicateKey { at: a, key } => {
            tr(lang, T::TblJsonDuplicate, &[&at(a), key])
        }
        TableError::JsonShape { at: a } => tr(lang, T::TblJsonShapeAt, &[&at(a)]),
        TableError::JsonValue { at: a, key } => tr(lang, T::TblJsonValue, &[&at(a), key]),
        TableError::RecordTooLong { at: a, limit } => {
            tr(lang, T::TblRecordTooLong, &[&at(a), &limit.to_string()])
        }
        TableError::JsonTrailing { at: a } => tr(lang, T::TblJsonTrailing, &[&at(a)]),
    }
}

/// Where the rows come from: a file (read twice, as a stream) or bytes in memory.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> Input<'a> {
    fn open(&self) -> Result<Box<dyn Read + 'a>, TableError> {
        match *self {
            Input::File(path) => std::fs::File::open(path)
                .map(|f| Box::new(f) as Box<dyn Read + 'a>)
                .map_err(|e| TableError::Io(e.to_string())),
            Input::Bytes(bytes) => Ok(Box::new(bytes)),
        }
    }

    /// The size a regular file says it has (a pipe or device says nothing reliable).
    fn size(&self) -> Option<u64> {
        match *self {
            Input::File(path) => std::fs::metadata(path)
                .ok()
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len()),
            Input::Bytes(bytes) => Some(bytes.len() as u64),
        }
    }
}

/// Bytes read one at a time from a stream, counting the offset and refusing to go past the
/// file limit.
struct Bytes<'a> {
    inner: Box<dyn Read + 'a>,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    /// The offset in the file of `buf[pos]`.
    offset: u64,
    limit: u64,
}

impl<'a> Bytes<'a> {
    fn new(inner: Box<dyn Read + 'a>, limit: u64) -> Self {
        Self {
            inner,
            buf: vec![0; 64 << 10],
            pos: 0,
            len: 0,
            offset: 0,
            limit,
        }
    }

    fn fill(&mut self) -> Result<bool, TableError> {
        if self.pos < self.len {
            return Ok(true);
        }
        if self.offset >= self.limit {
            // One byte more than the limit tells a larger file from one exactly at it.
            let mut one = [0u8; 1];
            return match read_some(&mut self.inner, &mut one)? {
                0 => Ok(false),
                _ => Err(TableError::TooLarge { limit: self.limit }),
            };
        }
        let room = usize::try_from(self.limit - self.offset)
            .unwrap_or(usize::MAX)
            .min(self.buf.len());
        let n = read_some(&mut self.inner, &mut self.buf[..room])?;
        self.pos = 0;
        self.len = n;
        Ok(n > 0)
    }

    fn peek(&mut self) -> Result<Option<u8>, TableError> {
        Ok(if self.fill()? {
            Some(self.buf[self.pos])
        } else {
            None
        })
    }

    fn next(&mut self) -> Result<Option<u8>, TableError> {
        let b = self.peek()?;
        if b.is_some() {
            self.pos += 1;
            self.offset += 1;
        }
        Ok(b)
    }
}

fn read_some(r: &mut dyn Read, buf: &mut [u8]) -> Result<usize, TableError> {
    loop {
        match r.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(TableError::Io(e.to_string())),
        }
    }
}

/// A control character that has no place in a cell: all but tab, line feed and carriage
/// return (line breaks are allowed inside quotes only, which the parser sees to).
fn is_forbidden_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F)
}

/// What the first pass found: the encoding, and the first byte that cannot be read, if any.
#[derive(Debug, Default)]
struct Scan {
    bom: bool,
    /// The first byte after the BOM and leading whitespace.
    first: Option<u8>,
    /// The first line (up to 64 KiB), to tell the delimiter.
    header_line: Vec<u8>,
    /// The first forbidden control byte: offset and byte.
    control: Option<(u64, u8)>,
    /// The first byte that is not part of valid UTF-8.
    not_utf8: Option<(u64, u8)>,
    /// How many valid UTF-8 sequences of more than one byte the file has.
    multibyte: u64,
    /// The first byte Windows-1252 leaves undefined.
    undefined_1252: Option<(u64, u8)>,
    /// The first C1 control character (U+0080–U+009F) written in UTF-8: where, and which.
    c1_utf8: Option<(u64, u8)>,
}

impl Scan {
    /// Reads the whole input once (stopping at the first control character).
    fn run(input: Input<'_>, limit: u64) -> Result<Self, TableError> {
        if input.size().is_some_and(|n| n > limit) {
            return Err(TableError::TooLarge { limit });
        }
        let mut r = Bytes::new(input.open()?, limit);
        let mut s = Scan::default();
        if r.fill()? && r.buf[r.pos..r.len].starts_with(b"\xEF\xBB\xBF") {
            for _ in 0..3 {
                r.next()?;
            }
            s.bom = true;
        }
        // UTF-8 is checked by hand, a byte at a time: how many continuation bytes are still
        // due, where the sequence began, its first byte and the bounds of the next byte.
        let mut due = 0u8;
        let mut seq_start = 0u64;
        let mut lead = 0u8;
        let mut second: (u8, u8) = (0x80, 0xBF);
        let mut header_done = false;
        let mut quoted = false;
        while let Some(b) = r.next()? {
            let at = r.offset - 1;
            if s.first.is_none() && !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                s.first = Some(b);
            }
            if !header_done && s.first.is_some() {
                match b {
                    b'"' => quoted = !quoted,
                    b'\n' | b'\r' if !quoted => header_done = true,
                    _ => {}
                }
                if !header_done && s.header_line.len() < (64 << 10) {
                    s.header_line.push(b);
                }
            }
            if is_forbidden_control(b) {
                s.control = Some((at, b));
                return Ok(s);
            }
            if matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) && s.undefined_1252.is_none() {
                s.undefined_1252 = Some((at, b));
            }
            // UTF-8.
            if due > 0 {
                let (lo, hi) = second;
                if (lo..=hi).contains(&b) {
                    second = (0x80, 0xBF);
                    due -= 1;
                    if due == 0 {
                        s.multibyte += 1;
                        if lead == 0xC2 && b <= 0x9F && s.c1_utf8.is_none() {
                            s.c1_utf8 = Some((seq_start, b));
                        }
                    }
                    continue;
                }
                // The sequence broke off: its first byte is the bad one.
                if s.not_utf8.is_none() {
                    s.not_utf8 = Some((seq_start, lead));
                }
                due = 0;
                second = (0x80, 0xBF);
            }
            match b {
                0x00..=0x7F => {}
                0xC2..=0xDF => (due, second) = (1, (0x80, 0xBF)),
                0xE0 => (due, second) = (2, (0xA0, 0xBF)),
                0xE1..=0xEC | 0xEE..=0xEF => (due, second) = (2, (0x80, 0xBF)),
                0xED => (due, second) = (2, (0x80, 0x9F)),
                0xF0 => (due, second) = (3, (0x90, 0xBF)),
                0xF1..=0xF3 => (due, second) = (3, (0x80, 0xBF)),
                0xF4 => (due, second) = (3, (0x80, 0x8F)),
                _ => {
                    if s.not_utf8.is_none() {
                        s.not_utf8 = Some((at, b));
                    }
                }
            }
            if due > 0 {
                seq_start = at;
                lead = b;
            }
        }
        if due > 0 && s.not_utf8.is_none() {
            s.not_utf8 = Some((seq_start, lead));
        }
        Ok(s)
    }

    /// The encoding, or the first byte that rules out every encoding: an offset and the error
    /// to report at it.
    fn verdict(&self) -> Result<Encoding, (u64, Located)> {
        if let Some((at, b)) = self.control {
            return Err((at, Located::Control(u32::from(b))));
        }
        match self.not_utf8 {
            None => match self.c1_utf8 {
                Some((at, code)) => Err((at, Located::Control(u32::from(code)))),
                None => Ok(Encoding::Utf8),
            },
            // A BOM says UTF-8, and so do other characters written in UTF-8: then a byte that
            // is not UTF-8 is a stray one (one pasted from elsewhere, say), not another encoding.
            Some((at, b)) if self.bom || self.multibyte > 0 => Err((at, Located::StrayByte(b))),
            Some(_) => match self.undefined_1252 {
                Some((at, b)) => Err((at, Located::NotText(b))),
                None => Ok(Encoding::Windows1252),
            },
        }
    }
}

/// An error found by offset in the first pass, to be told with its row and column.
#[derive(Debug, Clone, Copy)]
enum Located {
    Control(u32),
    StrayByte(u8),
    NotText(u8),
}

/// ';' when the header line has more semicolons than commas outside quotes, else ','.
fn detect_delimiter(header: &[u8]) -> u8 {
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for &c in header {
        match c {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas { b';' } else { b',' }
}

/// One row of a CSV file as bytes: its row number and its cells, each with the offset of its
/// first byte.
#[derive(Debug, Default)]
struct RawRecord {
    row: usize,
    cells: Vec<Vec<u8>>,
    starts: Vec<u64>,
    used: usize,
    /// The offset just past the row (its line break included).
    end: u64,
}

impl RawRecord {
    fn clear(&mut self, row: usize) {
        self.row = row;
        self.used = 0;
    }

    fn push(&mut self, start: u64) -> usize {
        if self.used == self.cells.len() {
            self.cells.push(Vec::new());
            self.starts.push(0);
        }
        self.cells[self.used].clear();
        self.starts[self.used] = start;
        self.used += 1;
        self.used - 1
    }

    fn cells(&self) -> &[Vec<u8>] {
        &self.cells[..self.used]
    }

    /// A row of empty cells (a spreadsheet's trailing rows): no row of data.
    fn is_blank(&self) -> bool {
        self.cells().iter().all(|c| c.trim_ascii().is_empty())
    }
}

/// CSV as RFC 4180 writes it and spreadsheets read it, byte by byte.
struct Csv<'a> {
    bytes: Bytes<'a>,
    delimiter: u8,
    /// The spreadsheet row of the next record.
    row: usize,
}

impl<'a> Csv<'a> {
    fn new(mut bytes: Bytes<'a>, delimiter: u8, bom: bool) -> Result<Self, TableError> {
        if bom {
            for _ in 0..3 {
                bytes.next()?;
            }
        }
        Ok(Self {
            bytes,
            delimiter,
            row: 1,
        })
    }

    fn at(&self, row: usize, column: usize) -> At {
        At::Cell {
            row,
            column,
            header: None,
        }
    }

    /// The next row, blank ones included; false at the end of the file.
    fn next_raw(&mut self, rec: &mut RawRecord) -> Result<bool, TableError> {
        if self.bytes.peek()?.is_none() {
            return Ok(false);
        }
        rec.clear(self.row);
        let row = self.row;
        loop {
            let column = rec.used;
            if column >= MAX_COLUMNS {
                return Err(TableError::TooManyColumns {
                    row,
                    limit: MAX_COLUMNS,
                });
            }
            let i = rec.push(self.bytes.offset);
            let too_long = |cell: &[u8]| cell.len() > MAX_CELL_BYTES;
            if self.bytes.peek()? == Some(b'"') {
                self.bytes.next()?;
                loop {
                    match self.bytes.next()? {
                        None => {
                            return Err(TableError::UnclosedQuote {
                                at: self.at(row, column),
                            });
                        }
                        Some(b'"') if self.bytes.peek()? == Some(b'"') => {
                            self.bytes.next()?;
                            rec.cells[i].push(b'"');
                        }
                        Some(b'"') => break,
                        // A line break inside quotes is one, whichever way it is written.
                        Some(b'\r') => {
                            if self.bytes.peek()? == Some(b'\n') {
                                self.bytes.next()?;
                            }
                            rec.cells[i].push(b'\n');
                        }
                        Some(b) => rec.cells[i].push(b),
                    }
                    if too_long(&rec.cells[i]) {
                        return Err(TableError::CellTooLong {
                            at: self.at(row, column),
                            limit: MAX_CELL_BYTES,
                        });
                    }
                }
                while matches!(self.bytes.peek()?, Some(b' ' | b'\t')) {
                    self.bytes.next()?;
                }
                match self.bytes.next()? {
                    Some(d) if d == self.delimiter => continue,
                    None => break,
                    Some(b'\n') => break,
                    Some(b'\r') => {
                        if self.bytes.peek()? == Some(b'\n') {
                            self.bytes.next()?;
                        }
                        break;
                    }
                    Some(_) => {
                        return Err(TableError::AfterQuote {
                            at: self.at(row, column),
                        });
                    }
                }
            }
            // Unquoted: up to the delimiter or the end of the row. A quote inside is a quote.
            let mut more = false;
            loop {
                match self.bytes.next()? {
                    Some(d) if d == self.delimiter => {
                        more = true;
                        break;
                    }
                    None | Some(b'\n') => break,
                    Some(b'\r') => {
                        if self.bytes.peek()? == Some(b'\n') {
                            self.bytes.next()?;
                        }
                        break;
                    }
                    Some(b) => rec.cells[i].push(b),
                }
                if too_long(&rec.cells[i]) {
                    return Err(TableError::CellTooLong {
                        at: self.at(row, column),
                        limit: MAX_CELL_BYTES,
                    });
                }
            }
            if !more {
                break;
            }
        }
        self.row += 1;
        rec.end = self.bytes.offset;
        Ok(true)
    }

    /// The next row with a value in it.
    fn next(&mut self, rec: &mut RawRecord) -> Result<bool, TableError> {
        while self.next_raw(rec)? {
            if !rec.is_blank() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// The state of a JSON array read one object at a time.
struct Json<'a> {
    bytes: Bytes<'a>,
    encoding: Encoding,
    line: usize,
    /// Characters read on the current line.
    column: usize,
    started: bool,
    ended: bool,
    /// An object's text, reused.
    buf: Vec<u8>,
}

impl<'a> Json<'a> {
    fn new(mut bytes: Bytes<'a>, encoding: Encoding, bom: bool) -> Result<Self, TableError> {
        if bom {
            for _ in 0..3 {
                bytes.next()?;
            }
        }
        Ok(Self {
            bytes,
            encoding,
            line: 1,
            column: 0,
            started: false,
            ended: false,
            buf: Vec::new(),
        })
    }

    fn here(&self) -> At {
        At::Text {
            line: self.line,
            column: self.column.max(1),
        }
    }

    fn next_byte(&mut self) -> Result<Option<u8>, TableError> {
        let b = self.bytes.next()?;
        match b {
            Some(b'\n') => {
                self.line += 1;
                self.column = 0;
            }
            // A lone CR ends a line too; in CRLF the LF does.
            Some(b'\r') if self.bytes.peek()? != Some(b'\n') => {
                self.line += 1;
                self.column = 0;
            }
            Some(b'\r') => {}
            // A character is counted at its first byte.
            Some(0x80..=0xBF) if self.encoding == Encoding::Utf8 => {}
            Some(_) => self.column += 1,
            None => {}
        }
        Ok(b)
    }

    /// The next byte that is not whitespace.
    fn skip_ws(&mut self) -> Result<Option<u8>, TableError> {
        loop {
            match self.bytes.peek()? {
                Some(b' ' | b'\t' | b'\n' | b'\r') => {
                    self.next_byte()?;
                }
                other => return Ok(other),
            }
        }
    }

    /// The next object's text and the line and character it starts at; None after the array.
    fn next_object(&mut self) -> Result<Option<(usize, usize)>, TableError> {
        if self.ended {
            return Ok(None);
        }
        if !self.started {
            match self.skip_ws()? {
                Some(b'[') => {
                    self.next_byte()?;
                    self.started = true;
                }
                None => return Err(TableError::Empty),
                Some(_) => {
                    self.next_byte()?;
                    return Err(TableError::JsonShape { at: self.here() });
                }
            }
            if self.skip_ws()? == Some(b']') {
                self.next_byte()?;
                return self.end();
            }
        }
        match self.skip_ws()? {
            Some(b'{') => {}
            None => {
                return Err(TableError::Json {
                    at: self.here(),
                    message: "EOF while parsing a list".into(),
                });
            }
            Some(_) => {
                self.next_byte()?;
                return Err(TableError::JsonShape { at: self.here() });
            }
        }
        let start = (self.line, self.column + 1);
        self.buf.clear();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let Some(b) = self.next_byte()? else {
                return Err(TableError::Json {
                    at: self.here(),
                    message: "EOF while parsing an object".into(),
                });
            };
            self.buf.push(b);
            if self.buf.len() > MAX_RECORD_BYTES {
                return Err(TableError::RecordTooLong {
                    at: At::Text {
                        line: start.0,
                        column: start.1,
                    },
                    limit: MAX_RECORD_BYTES,
                });
            }
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        // After the object: a comma and another, or the end of the array.
        match self.skip_ws()? {
            Some(b',') => {
                self.next_byte()?;
            }
            Some(b']') => {
                self.next_byte()?;
                self.ended = true;
                if self.skip_ws()?.is_some() {
                    self.next_byte()?;
                    return Err(TableError::JsonTrailing { at: self.here() });
                }
            }
            None => {
                return Err(TableError::Json {
                    at: self.here(),
                    message: "EOF while parsing a list".into(),
                });
            }
            Some(_) => {
                self.next_byte()?;
                return Err(TableError::Json {
                    at: self.here(),
                    message: "expected `,` or `]`".into(),
                });
            }
        }
        Ok(Some(start))
    }

    fn end(&mut self) -> Result<Option<(usize, usize)>, TableError> {
        self.ended = true;
        if self.skip_ws()?.is_some() {
            self.next_byte()?;
            return Err(TableError::JsonTrailing { at: self.here() });
        }
        Ok(None)
    }

    /// The object just read: its keys and values, in the order written.
    fn parse_object(&self, start: (usize, usize)) -> Result<Vec<(String, String)>, TableError> {
        let text = self.encoding.decode(&self.buf).ok_or(TableError::Json {
            at: At::Text {
                line: start.0,
                column: start.1,
            },
            message: "not UTF-8".into(),
        })?;
        let duplicate = std::cell::RefCell::new(None);
        let mut de = serde_json::Deserializer::from_str(&text);
        let parsed = serde::de::DeserializeSeed::deserialize(
            ObjectSeed {
                duplicate: &duplicate,
            },
            &mut de,
        )
        .and_then(|v| de.end().map(|()| v));
        let at_error = |e: &serde_json::Error| {
            // The error's place inside the object, as a place in the file.
            let line = start.0 + e.line().saturating_sub(1);
            let column = if e.line() <= 1 {
                start.1 + e.column().saturating_sub(1)
            } else {
                e.column()
            };
            At::Text {
                line,
                column: column.max(1),
            }
        };
        parsed.map_err(|e| {
            let at = at_error(&e);
            match duplicate.into_inner() {
                Some(Found::Duplicate(key)) => TableError::JsonDuplicateKey { at, key },
                Some(Found::Nested(key)) => TableError::JsonValue { at, key },
                None => {
                    // serde's message without its own "at line … column …".
                    let message = e.to_string();
                    let message = message
                        .rsplit_once(" at line ")
                        .map_or(message.as_str(), |(m, _)| m)
                        .to_string();
                    TableError::Json { at, message }
                }
            }
        })
    }
}

/// What the object visitor found wrong, beside serde's own errors.
enum Found {
    Duplicate(String),
    Nested(String),
}

/// Reads one JSON object into (key, value) pairs, refusing a key twice and a nested value.
struct ObjectSeed<'c> {
    duplicate: &'c std::cell::RefCell<Option<Found>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = Vec<(String, String)>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ObjectSeed<'_> {
    type Value = Vec<(String, String)>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut out: Vec<(String, String)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.iter().any(|(k, _)| *k == key) {
                let e = A::Error::custom(format!("duplicate key {key:?}"));
                *self.duplicate.borrow_mut() = Some(Found::Duplicate(key));
                return Err(e);
            }
            let value = match map.next_value::<serde_json::Value>()? {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                    let e = A::Error::custom(format!("nested value for {key:?}"));
                    *self.duplicate.borrow_mut() = Some(Found::Nested(key));
                    return Err(e);
                }
            };
            out.push((key, value));
        }
        Ok(out)
    }
}

/// One row of values, in the order of the table's headers, and the row it stands on: its
/// spreadsheet row for CSV, the line its object starts on for JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub values: Vec<String>,
}

enum Reader<'a> {
    Csv {
        csv: Csv<'a>,
        rec: RawRecord,
        /// The header's columns, up to its last named one.
        width: usize,
    },
    Json(Json<'a>),
}

/// A table read row by row: its headers are known when it opens (for JSON they grow as new
/// keys turn up), the rows come one at a time from [`Table::next_row`].
pub struct Table<'a> {
    pub encoding: Encoding,
    /// The CSV delimiter found, or None for JSON.
    pub delimiter: Option<char>,
    headers: Vec<String>,
    /// The row (CSV) or line (JSON) each header stands on.
    header_lines: Vec<usize>,
    reader: Reader<'a>,
    /// Rows read so far.
    pub rows: usize,
}

impl<'a> Table<'a> {
    /// Reads the input once to tell its encoding and find what cannot be read, then opens it
    /// again to read its rows. An error names the row and column of the first such place.
    pub fn open(input: Input<'a>) -> Result<Self, TableError> {
        Self::open_with_limit(input, MAX_FILE_BYTES)
    }

    /// As [`Table::open`], with another file limit.
    pub fn open_with_limit(input: Input<'a>, limit: u64) -> Result<Self, TableError> {
        let scan = Scan::run(input, limit)?;
        let Some(first) = scan.first else {
            return Err(TableError::Empty);
        };
        let json = first == b'[';
        let delimiter = detect_delimiter(&scan.header_line);
        let encoding = match scan.verdict() {
            Ok(e) => e,
            Err((offset, what)) => {
                return Err(locate(input, limit, &scan, json, delimiter, offset, what));
            }
        };
        let bytes = Bytes::new(input.open()?, limit);
        if json {
            return Ok(Self {
                encoding,
                delimiter: None,
                headers: Vec::new(),
                header_lines: Vec::new(),
                reader: Reader::Json(Json::new(bytes, encoding, scan.bom)?),
                rows: 0,
            });
        }
        let mut csv = Csv::new(bytes, delimiter, scan.bom)?;
        let mut rec = RawRecord::default();
        if !csv.next(&mut rec)? {
            return Err(TableError::Empty);
        }
        let mut headers = Vec::with_capacity(rec.used);
        for (column, cell) in rec.cells().iter().enumerate() {
            let text = encoding.decode(cell).ok_or(TableError::StrayByte {
                at: csv.at(rec.row, column),
                byte: cell.iter().copied().find(|b| *b >= 0x80).unwrap_or(0),
            })?;
            headers.push(text.trim().to_string());
        }
        let width = headers
            .iter()
            .rposition(|h| !h.is_empty())
            .map_or(0, |i| i + 1);
        headers.truncate(width);
        Ok(Self {
            encoding,
            delimiter: Some(char::from(delimiter)),
            header_lines: vec![rec.row; headers.len()],
            headers,
            reader: Reader::Csv { csv, rec, width },
            rows: 0,
        })
    }

    /// The column names, trimmed, in the order of the values of every row.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The row (CSV) or line (JSON) the `i`th header stands on.
    pub fn header_line(&self, i: usize) -> usize {
        self.header_lines.get(i).copied().unwrap_or(1)
    }

    /// The next row with a value in it, or None at the end.
    pub fn next_row(&mut self) -> Result<Option<Row>, TableError> {
        let row = match &mut self.reader {
            Reader::Csv { csv, rec, width } => {
                let more = csv.next(rec).map_err(|e| with_header(e, &self.headers))?;
                if !more {
                    return Ok(None);
                }
                let mut values = Vec::with_capacity(*width);
                for (column, cell) in rec.cells().iter().enumerate() {
                    let at = |headers: &[String]| At::Cell {
                        row: rec.row,
                        column,
                        header: headers.get(column).cloned(),
                    };
                    if column >= *width {
                        // Beyond the header: an empty cell is what spreadsheets write; a value
                        // would be lost.
                        if cell.trim_ascii().is_empty() {
                            continue;
                        }
                        return Err(TableError::ExtraField {
                            at: at(&self.headers),
                            width: *width,
                        });
                    }
                    let text = self
                        .encoding
                        .decode(cell)
                        .ok_or_else(|| TableError::StrayByte {
                            at: at(&self.headers),
                            byte: cell.iter().copied().find(|b| *b >= 0x80).unwrap_or(0),
                        })?;
                    values.push(text.trim().to_string());
                }
                Row {
                    line: rec.row,
                    values,
                }
            }
            Reader::Json(json) => {
                let Some(start) = json.next_object()? else {
                    return Ok(None);
                };
                let at = At::Text {
                    line: start.0,
                    column: start.1,
                };
                let pairs = json.parse_object(start)?;
                let mut values = vec![String::new(); self.headers.len()];
                for (key, value) in pairs {
                    if let Some(c) = value
                        .chars()
                        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                    {
                        return Err(TableError::Control {
                            at,
                            code: u32::from(c),
                        });
                    }
                    let i = match self.headers.iter().position(|h| *h == key.trim()) {
                        Some(i) => i,
                        None => {
                            self.headers.push(key.trim().to_string());
                            self.header_lines.push(start.0);
                            values.push(String::new());
                            self.headers.len() - 1
                        }
                    };
                    values[i] = value.trim().to_string();
                }
                Row {
                    line: start.0,
                    values,
                }
            }
        };
        self.rows += 1;
        Ok(Some(row))
    }
}

/// An error in a cell, with the name of the cell's column where the header has one.
fn with_header(e: TableError, headers: &[String]) -> TableError {
    let named = |at: At| match at {
        At::Cell {
            row,
            column,
            header: None,
        } => At::Cell {
            row,
            column,
            header: headers.get(column).cloned(),
        },
        other => other,
    };
    match e {
        TableError::UnclosedQuote { at } => TableError::UnclosedQuote { at: named(at) },
        TableError::AfterQuote { at } => TableError::AfterQuote { at: named(at) },
        TableError::CellTooLong { at, limit } => TableError::CellTooLong {
            at: named(at),
            limit,
        },
        other => other,
    }
}

/// The first pass's error at `offset`, told with its row and column: the rows are read again
/// up to it (a quote never closed before it is reported instead, being earlier).
fn locate(
    input: Input<'_>,
    limit: u64,
    scan: &Scan,
    json: bool,
    delimiter: u8,
    offset: u64,
    what: Located,
) -> TableError {
    let make = |at: At| match what {
        Located::Control(code) => TableError::Control { at, code },
        Located::StrayByte(byte) => TableError::StrayByte { at, byte },
        Located::NotText(byte) => TableError::NotText { at, byte },
    };
    let bytes = match input.open() {
        Ok(r) => Bytes::new(r, limit),
        Err(e) => return e,
    };
    if json {
        // Lines and characters, counted as any text is.
        let counting = if scan.multibyte > 0 {
            Encoding::Utf8
        } else {
            Encoding::Windows1252
        };
        let mut j = match Json::new(bytes, counting, scan.bom) {
            Ok(j) => j,
            Err(e) => return e,
        };
        while j.bytes.offset < offset {
            match j.next_byte() {
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(e) => return e,
            }
        }
        return make(At::Text {
            line: j.line,
            column: j.column + 1,
        });
    }
    let mut csv = match Csv::new(bytes, delimiter, scan.bom) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let mut rec = RawRecord::default();
    let mut headers: Option<Vec<String>> = None;
    let column_of = |rec: &RawRecord| {
        rec.starts[..rec.used]
            .iter()
            .rposition(|s| *s <= offset)
            .unwrap_or(0)
    };
    loop {
        match csv.next_raw(&mut rec) {
            Ok(true) => {}
            Ok(false) => {
                return make(At::Cell {
                    row: csv.row,
                    column: 0,
                    header: None,
                });
            }
            // A cell or row grown too long past the byte (a file of NULs, say): the byte is
            // the cause, and is named.
            Err(TableError::CellTooLong { .. } | TableError::TooManyColumns { .. })
                if rec.used > 0 && rec.starts[0] <= offset =>
            {
                let column = column_of(&rec);
                return make(At::Cell {
                    row: rec.row,
                    column,
                    header: headers.as_ref().and_then(|h| h.get(column).cloned()),
                });
            }
            Err(e) => return e,
        }
        if headers.is_none() && !rec.is_blank() && rec.end <= offset {
            headers = Some(
                rec.cells()
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).trim().to_string())
                    .collect(),
            );
        }
        if offset < rec.end {
            let column = column_of(&rec);
            return make(At::Cell {
                row: rec.row,
                column,
                header: headers.as_ref().and_then(|h| h.get(column).cloned()),
            });
        }
    }
}

/// A whole table in memory: for tests and small inputs. An import reads row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    pub encoding: &'static str,
    /// The CSV delimiter found, or None for JSON.
    pub delimiter: Option<char>,
}

/// Reads CSV or JSON (a file whose first non-blank character is '[') whole.
pub fn read_table(bytes: &[u8]) -> Result<RawTable, TableError> {
    let mut t = Table::open(Input::Bytes(bytes))?;
    let mut rows = Vec::new();
    while let Some(r) = t.next_row()? {
        rows.push((r.line, r.values));
    }
    Ok(RawTable {
        headers: t.headers().to_vec(),
        rows,
        encoding: t.encoding.name(),
        delimiter: t.delimiter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: usize, column: usize, header: &str) -> At {
        At::Cell {
            row,
            column,
            header: (!header.is_empty()).then(|| header.to_string()),
        }
    }

    #[test]
    fn bom_semicolon_and_quoted_newlines() {
        let bytes =
            "\u{feff}organisationsnummer;beskrivning\n212000-1124;\"två\nrader\"\n;;\n".as_bytes();
        let t = read_table(bytes).expect("table");
        assert_eq!(t.encoding, "UTF-8");
        assert_eq!(t.delimiter, Some(';'));
        assert_eq!(t.headers, ["organisationsnummer", "beskrivning"]);
        assert_eq!(
            t.rows,
            vec![(2, vec!["212000-1124".into(), "två\nrader".into()])]
        );
    }

    #[test]
    fn windows_1252_is_detected() {
        // "Malmö" in Windows-1252: ö is 0xF6.
        let bytes = b"organisation,kommun\nMalm\xF6,Malm\xF6\n";
        let t = read_table(bytes).expect("table");
        assert_eq!(t.encoding, "Windows-1252");
        assert_eq!(t.rows[0].1, ["Malmö", "Malmö"]);
    }

    #[test]
    fn json_array_of_objects() {
        let t = read_table(br#"[{"organisation": "A", "belopp": 100}, {"organisation": "B"}]"#)
            .expect("json");
        // Keys in the order they first appear.
        assert_eq!(t.headers, ["organisation", "belopp"]);
        assert_eq!(t.rows[0].1, ["A", "100"]);
        assert_eq!(t.rows[1], (1, vec!["B".into(), String::new()]));
        assert!(matches!(
            read_table(b"[1]"),
            Err(TableError::JsonShape { .. })
        ));
        assert_eq!(read_table(b"  \n"), Err(TableError::Empty));
        assert_eq!(read_table(b"[]").map(|t| t.rows.len()), Ok(0));
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        // Header row 1; a quoted line break keeps a row one row; a blank row is a row.
        for nl in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "1,\"x", "y\"", "2,z", "", "3,w", ""].join(nl);
            let t = read_table(text.as_bytes()).expect("table");
            let lines: Vec<usize> = t.rows.iter().map(|r| r.0).collect();
            assert_eq!(lines, [2, 3, 5], "{nl:?}");
            assert_eq!(
                t.rows[0].1[1], "x\ny",
                "{nl:?}: one line break, however written"
            );
        }
    }

    #[test]
    fn what_cannot_be_read_exactly_is_refused_where_it_is() {
        let cases: &[(&[u8], TableError)] = &[
            (
                b"a,b\n1,\"open\n2,x\n3,y\n",
                TableError::UnclosedQuote {
                    at: cell(2, 1, "b"),
                },
            ),
            (
                b"a,b\n1,\"x\"y\n",
                TableError::AfterQuote {
                    at: cell(2, 1, "b"),
                },
            ),
            (
                b"a,b\n1,2\n1,2,3\n",
                TableError::ExtraField {
                    at: cell(3, 2, ""),
                    width: 2,
                },
            ),
            (
                b"a,beskrivning\n1,F\xC3\xB6reningens ans\xC3\xB6kan\n2,Malm\xF6\n",
                TableError::StrayByte {
                    at: cell(3, 1, "beskrivning"),
                    byte: 0xF6,
                },
            ),
            (
                b"a,b\n1,x\x00y\n",
                TableError::Control {
                    at: cell(2, 1, "b"),
                    code: 0,
                },
            ),
            (
                b"a;b\r\n1;x\r\n2;\x1b[31m\r\n",
                TableError::Control {
                    at: cell(3, 1, "b"),
                    code: 0x1B,
                },
            ),
            (
                b"a,b\n1,\x81\n",
                TableError::NotText {
                    at: cell(2, 1, "b"),
                    byte: 0x81,
                },
            ),
        ];
        for (bytes, want) in cases {
            let got = read_table(bytes).map(|t| t.rows);
            assert_eq!(
                got,
                Err(want.clone()),
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        // Trailing empty cells are what spreadsheets write.
        let t = read_table(b"a,b\n1,2,,\n").expect("table");
        assert_eq!(t.rows[0].1, ["1", "2"]);
    }

    #[test]
    fn the_stray_byte_of_a_quoted_line_break_row_is_placed_right() {
        // The bad byte is on the fourth line of the file but in the third row.
        let bytes = b"a,b\n1,\"tv\xC3\xA5\nrader\"\n2,Malm\xC3\xB6 och Lund \xF6\n";
        assert_eq!(
            read_table(bytes).map(|t| t.rows),
            Err(TableError::StrayByte {
                at: cell(3, 1, "b"),
                byte: 0xF6
            })
        );
    }

    #[test]
    fn json_refuses_duplicate_keys_nested_values_and_control_characters() {
        let text = b"[\n  {\"a\": 1},\n  {\"a\": 2, \"b\": 3, \"a\": 4}\n]";
        match read_table(text) {
            Err(TableError::JsonDuplicateKey {
                at: At::Text { line, column },
                key,
            }) => {
                assert_eq!((line, key.as_str()), (3, "a"));
                assert!(column > 18, "{column}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_table(br#"[{"a": [1, 2]}]"#),
            Err(TableError::JsonValue { .. })
        ));
        assert_eq!(
            read_table(b"[{\"a\": \"x\\u0000y\"}]"),
            Err(TableError::Control {
                at: At::Text { line: 1, column: 2 },
                code: 0
            })
        );
        assert!(matches!(
            read_table(b"[{\"a\": 1}] x"),
            Err(TableError::JsonTrailing { .. })
        ));
        assert!(matches!(
            read_table(b"[{\"a\": 1}"),
            Err(TableError::Json { .. })
        ));
    }

    #[test]
    fn a_file_of_nuls_is_refused_at_its_first_byte() {
        let zeros = vec![0u8; 200_000];
        assert_eq!(
            read_table(&zeros).map(|t| t.rows),
            Err(TableError::Control {
                at: cell(1, 0, ""),
                code: 0
            })
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let bytes = b"a,b\n1,2\n3,4\n";
        let t = Table::open_with_limit(Input::Bytes(bytes), 8);
        assert_eq!(t.err(), Some(TableError::TooLarge { limit: 8 }));
        assert!(Table::open_with_limit(Input::Bytes(bytes), bytes.len() as u64).is_ok());
    }

    #[test]
    fn column_letters_as_spreadsheets_name_them() {
        for (i, want) in [
            (0, "A"),
            (1, "B"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letters(i), want);
        }
    }
}

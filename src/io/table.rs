//! Reading a file of rows as Swedish spreadsheets and e-services write them: CSV with comma or
//! semicolon, UTF-8 with or without BOM or Windows-1252; or a JSON array of objects.

/// The file's rows as text, with the line each row starts on (for error reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    pub encoding: &'static str,
    /// The CSV delimiter found, or None for JSON.
    pub delimiter: Option<char>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("the file is empty")]
    Empty,
    #[error("line {line}: {message}")]
    Csv { line: usize, message: String },
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("JSON must be an array of objects")]
    JsonShape,
}

/// A table error in words.
pub fn table_error_text(lang: crate::i18n::Lang, e: &TableError) -> String {
    use crate::i18n::{T, tr};
    match e {
        TableError::Empty => T::TblEmpty.text(lang).to_string(),
        TableError::Csv { line, message } => tr(lang, T::TblCsv, &[&line.to_string(), message]),
        TableError::Json(m) => tr(lang, T::TblJson, &[m]),
        TableError::JsonShape => T::TblJsonShape.text(lang).to_string(),
    }
}

/// Text of the bytes: UTF-8 (a BOM is dropped) when valid, otherwise Windows-1252, which is what
/// a Swedish Excel writes when it does not write UTF-8.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// ';' when the header line has more semicolons than commas outside quotes, else ','.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas { b';' } else { b',' }
}

/// Reads CSV or JSON (a file whose first non-blank character is '[').
pub fn read_table(bytes: &[u8]) -> Result<RawTable, TableError> {
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(TableError::Empty);
    }
    if text.trim_start().starts_with('[') {
        return read_json(&text, encoding);
    }
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| TableError::Csv {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Csv {
            line: e.position().map_or(0, |p| p.line() as usize),
            message: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let values: Vec<String> = record.iter().map(|v| v.trim().to_string()).collect();
        // A line of empty fields (a spreadsheet's trailing rows) is no row.
        if values.iter().all(String::is_empty) {
            continue;
        }
        rows.push((line, values));
    }
    Ok(RawTable {
        headers,
        rows,
        encoding,
        delimiter: Some(char::from(delimiter)),
    })
}

fn read_json(text: &str, encoding: &'static str) -> Result<RawTable, TableError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| TableError::Json(e.to_string()))?;
    let items = value.as_array().ok_or(TableError::JsonShape)?;
    let mut headers: Vec<String> = Vec::new();
    for item in items {
        let object = item.as_object().ok_or(TableError::JsonShape)?;
        for key in object.keys() {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    let rows = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let object = item.as_object()?;
            let values = headers
                .iter()
                .map(|h| match object.get(h) {
                    Some(serde_json::Value::String(s)) => s.trim().to_string(),
                    Some(serde_json::Value::Null) | None => String::new(),
                    Some(other) => other.to_string(),
                })
                .collect();
            // JSON has no lines: the record's number stands in for one.
            Some((i + 1, values))
        })
        .collect();
    Ok(RawTable {
        headers,
        rows,
        encoding,
        delimiter: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // Keys come in name order; columns are found by name, so order does not matter.
        assert_eq!(t.headers, ["belopp", "organisation"]);
        assert_eq!(t.rows[0].1, ["100", "A"]);
        assert_eq!(t.rows[1], (2, vec![String::new(), "B".into()]));
        assert_eq!(read_table(b"[1]"), Err(TableError::JsonShape));
        assert_eq!(read_table(b"  \n"), Err(TableError::Empty));
    }
}

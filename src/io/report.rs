//! "Sammanställning av beviljat statsbidrag": every grant by organisation, with totals per län
//! and per kind of organisation, as text, CSV or Excel.

use crate::domain::text::clean;
use crate::domain::{Money, OrgKind};
use crate::i18n::{self, Lang, T};
use crate::io::neutralise_cell;
use crate::storage::Granted;
use std::collections::BTreeMap;

/// Totals of the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    pub by_area: BTreeMap<String, Money>,
    pub by_county: BTreeMap<String, Money>,
    pub by_kind: BTreeMap<String, Money>,
    pub total: Money,
}

fn kind_label(k: OrgKind, lang: Lang) -> &'static str {
    i18n::org_kind(k).text(lang)
}

fn county_of(g: &Granted, lang: Lang) -> String {
    if g.county.is_empty() {
        // Civil-society organisations carry no län in the reference data.
        T::RptUnknownCounty.text(lang).to_string()
    } else {
        g.county.clone()
    }
}

/// The totals, keyed by län, kind and reform area as named in `lang`.
pub fn totals(rows: &[Granted], lang: Lang) -> Totals {
    let mut t = Totals::default();
    for g in rows {
        let add = |m: &mut Money| *m = Money(m.ore().saturating_add(g.amount.ore()));
        add(t.by_county.entry(county_of(g, lang)).or_default());
        add(t
            .by_kind
            .entry(kind_label(g.kind, lang).to_string())
            .or_default());
        for a in &g.reform_areas {
            add(t
                .by_area
                .entry(i18n::reform_area(*a).text(lang).to_string())
                .or_default());
        }
        add(&mut t.total);
    }
    t
}

/// The column names in `lang` (in Swedish as the import reads them).
pub fn headers(lang: Lang) -> [&'static str; 8] {
    [
        T::RptHOrganisation,
        T::RptHOrgNr,
        T::RptHKind,
        T::RptHCounty,
        T::RptHCall,
        T::RptHStep,
        T::RptHAreas,
        T::RptHAmount,
    ]
    .map(|t| t.text(lang))
}

/// The column of the amount.
const AMOUNT: usize = 7;

fn cells(g: &Granted, lang: Lang) -> [String; 8] {
    let areas: Vec<&str> = g.reform_areas.iter().map(|a| a.code()).collect();
    [
        g.organisation.clone(),
        g.org_nr.clone(),
        kind_label(g.kind, lang).to_string(),
        county_of(g, lang),
        g.call.clone(),
        g.step.number().to_string(),
        areas.join("|"),
        g.amount.format_number(),
    ]
}

/// The column names of the text report, for reading (CSV and Excel keep the names the import
/// reads).
fn text_headers(lang: Lang) -> [&'static str; 8] {
    [
        T::RptTOrganisation,
        T::RptTOrgNr,
        T::RptTKind,
        T::RptTCounty,
        T::RptTCall,
        T::RptTStep,
        T::RptTAreas,
        T::RptTAmount,
    ]
    .map(|t| t.text(lang))
}

/// The report as text, in the user's language for its headings and reform areas.
pub fn text(rows: &[Granted], lang: Lang, title: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    let headers = text_headers(lang);
    let mut out = format!("{title}\n\n");
    // Names come from files and users: no escape sequence reaches the terminal.
    let table: Vec<[String; 8]> = rows
        .iter()
        .map(|g| {
            let mut row = cells(g, lang);
            // The reform areas in words, not their codes.
            row[6] = g
                .reform_areas
                .iter()
                .map(|a| i18n::reform_area(*a).text(lang))
                .collect::<Vec<_>>()
                .join(", ");
            row.map(|c| clean(&c))
        })
        .collect();
    let mut widths = headers.map(|h| h.width());
    for r in &table {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |r: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in r.iter().zip(widths).enumerate() {
            let pad = w.saturating_sub(c.width());
            if i == AMOUNT {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(&headers.map(str::to_string)));
    for r in &table {
        out.push_str(&line(r));
    }
    out.push('\n');
    for l in totals_lines(rows, lang) {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// The totals part of the report, line by line: per län, per kind, per reform area, and the
/// sum (the statistics view shows these without the rows).
pub fn totals_lines(rows: &[Granted], lang: Lang) -> Vec<String> {
    let t = totals(rows, lang);
    let mut out = vec![T::RptByCounty.text(lang).to_string()];
    for (k, v) in &t.by_county {
        out.push(format!("  {:<30} {:>16}", clean(k), v.to_string()));
    }
    out.push(String::new());
    out.push(T::RptByKind.text(lang).to_string());
    for (k, v) in &t.by_kind {
        out.push(format!("  {k:<30} {:>16}", v.to_string()));
    }
    out.push(String::new());
    out.push(T::RptByArea.text(lang).to_string());
    for (k, v) in &t.by_area {
        out.push(format!("  {k:<30} {:>16}", v.to_string()));
    }
    out.push(String::new());
    out.push(format!(
        "{} {} · {}",
        T::RptTotal.text(lang),
        t.total,
        i18n::tr(lang, T::RptCount, &[&rows.len().to_string()])
    ));
    out
}

/// The report as CSV: one row per grant and a total row.
pub fn csv(rows: &[Granted], delimiter: u8, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record(headers(lang))?;
    for g in rows {
        let mut c = cells(g, lang);
        c[AMOUNT] = crate::storage::kronor(Some(g.amount.ore()));
        w.write_record(c.iter().map(|x| neutralise_cell(x).into_owned()))?;
    }
    let total = totals(rows, lang).total;
    w.write_record([
        T::RptTotalRow.text(lang),
        "",
        "",
        "",
        "",
        "",
        "",
        &crate::storage::kronor(Some(total.ore())),
    ])?;
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The report as an Excel workbook: amounts are number cells, with a SUM row, and sheets of
/// totals per län and per kind.
pub fn xlsx(rows: &[Granted], lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("# ##0.00");
    let money_bold = Format::new().set_num_format("# ##0.00").set_bold();
    let kr = |m: Money| m.ore() as f64 / 100.0;
    let sheet = book.add_worksheet();
    sheet.set_name(T::RptSheetGranted.text(lang))?;
    for (c, h) in headers(lang).iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, g) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let c = cells(g, lang);
        for (col, v) in c.iter().take(5).enumerate() {
            sheet.write_string(r, col as u16, neutralise_cell(v))?;
        }
        sheet.write_number(r, 5, f64::from(g.step.number()))?;
        sheet.write_string(r, 6, neutralise_cell(&c[6]))?;
        sheet.write_number_with_format(r, AMOUNT as u16, kr(g.amount), &money)?;
    }
    let sum_row = rows.len() as u32 + 1;
    sheet.write_string_with_format(sum_row, 0, T::RptTotalRow.text(lang), &bold)?;
    let total = totals(rows, lang);
    let formula = Formula::new(format!("=SUM(H2:H{})", sum_row.max(1)))
        .set_result(kr(total.total).to_string());
    sheet.write_formula_with_format(sum_row, AMOUNT as u16, formula, &money_bold)?;
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(4, 40)?;
    sheet.set_column_width(AMOUNT as u16, 16)?;
    for (name, key, map) in [
        (T::RptSheetCounty, T::RptHCounty, &total.by_county),
        (T::RptSheetKind, T::RptHKind, &total.by_kind),
        (T::RptSheetArea, T::RptHArea, &total.by_area),
    ] {
        let s = book.add_worksheet();
        s.set_name(name.text(lang))?;
        s.write_string_with_format(0, 0, key.text(lang), &bold)?;
        s.write_string_with_format(0, 1, T::RptHAmount.text(lang), &bold)?;
        for (i, (k, v)) in map.iter().enumerate() {
            s.write_string(i as u32 + 1, 0, neutralise_cell(k))?;
            s.write_number_with_format(i as u32 + 1, 1, kr(*v), &money)?;
        }
        s.set_column_width(0, 32)?;
        s.set_column_width(1, 16)?;
    }
    book.save_to_buffer()
}

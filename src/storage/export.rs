//! Rows for export, streamed from indexed queries so a large database is never held in memory.

use super::{Result, Store};

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Cases,
    Decisions,
    Organisations,
}

/// Money as a spreadsheet reads it back: whole kronor, or with a decimal comma.
pub fn kronor(ore: Option<i64>) -> String {
    match ore {
        None => String::new(),
        Some(o) if o % 100 == 0 => (o / 100).to_string(),
        Some(o) => format!("{},{:02}", o / 100, (o % 100).abs()),
    }
}

impl Table {
    /// Swedish column names, as the import reads them.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Table::Cases => &[
                "diarienummer",
                "organisationsnummer",
                "organisation",
                "kommun",
                "lan",
                "utlysning",
                "steg",
                "status",
                "inkommen",
                "belopp",
                "beviljat",
                "handlaggare",
                "beskrivning",
                "reformomraden",
            ],
            Table::Decisions => &[
                "diarienummer",
                "typ",
                "beslutsdatum",
                "utfall",
                "belopp",
                "period_fran",
                "period_till",
                "rapport_senast",
                "foredragande",
                "beslutsfattare",
                "motivering",
                "expedierat",
            ],
            Table::Organisations => &["organisationsnummer", "organisation", "typ", "kod", "lan"],
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Table::Cases => {
                "SELECT s.value || ' ' || c.dnr_year || '/' || c.dnr_seq, COALESCE(o.org_nr, ''),
                        o.name, CASE WHEN o.kind = 'kommun' THEN o.name ELSE '' END,
                        COALESCE(o.county, ''), k.name, c.step, c.state, c.received_on,
                        c.requested_ore, c.granted_ore, COALESCE(u.login, ''), c.title,
                        COALESCE((SELECT group_concat(a.area, '|') FROM
                            (SELECT area FROM case_reform_areas WHERE case_id = c.id
                             ORDER BY area) a), '')
                 FROM cases c
                 JOIN organisations o ON o.id = c.organisation_id
                 JOIN calls k ON k.id = c.call_id
                 LEFT JOIN users u ON u.id = c.assignee_id
                 JOIN settings s ON s.key = 'dnr_prefix'
                 ORDER BY c.dnr_year, c.dnr_seq"
            }
            Table::Decisions => {
                "SELECT s.value || ' ' || c.dnr_year || '/' || c.dnr_seq, d.kind, d.decided_on,
                        d.outcome, d.amount_ore, COALESCE(d.period_from, ''),
                        COALESCE(d.period_to, ''), COALESCE(d.report_due_on, ''),
                        COALESCE(p.login, ''), COALESCE(b.login, ''), d.motivation,
                        COALESCE(d.sent_on, '')
                 FROM decisions d
                 JOIN cases c ON c.id = d.case_id
                 LEFT JOIN users p ON p.id = d.presenter_id
                 LEFT JOIN users b ON b.id = d.decider_id
                 JOIN settings s ON s.key = 'dnr_prefix'
                 ORDER BY c.dnr_year, c.dnr_seq, d.id"
            }
            Table::Organisations => {
                "SELECT COALESCE(org_nr, ''), name, kind, COALESCE(code, ''), COALESCE(county, '')
                 FROM organisations ORDER BY name, id"
            }
        }
    }

    /// Which columns hold money (in öre in the database).
    fn money_columns(self) -> &'static [usize] {
        match self {
            Table::Cases => &[9, 10],
            Table::Decisions => &[4],
            Table::Organisations => &[],
        }
    }
}

impl Store {
    /// Calls `row` for every row of `table`, in a stable order; stops at the first error `row`
    /// returns. Returns the number of rows.
    pub fn export_rows(
        &self,
        table: Table,
        mut row: impl FnMut(&[String]) -> std::io::Result<()>,
    ) -> Result<std::result::Result<usize, std::io::Error>> {
        let mut stmt = self.conn.prepare(table.sql())?;
        let n = table.headers().len();
        let money = table.money_columns();
        let mut rows = stmt.query([])?;
        let mut values = vec![String::new(); n];
        let mut count = 0;
        while let Some(r) = rows.next()? {
            for (i, v) in values.iter_mut().enumerate() {
                *v = if money.contains(&i) {
                    kronor(r.get::<_, Option<i64>>(i)?)
                } else {
                    match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => String::new(),
                        rusqlite::types::ValueRef::Integer(x) => x.to_string(),
                        rusqlite::types::ValueRef::Real(x) => x.to_string(),
                        rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                            String::from_utf8_lossy(t).into_owned()
                        }
                    }
                };
            }
            if let Err(e) = row(&values) {
                return Ok(Err(e));
            }
            count += 1;
        }
        Ok(Ok(count))
    }

    /// A consistent copy of the whole database into a new file, while others may use it.
    pub fn backup_to(&self, target: &std::path::Path) -> Result<()> {
        let mut dst = rusqlite::Connection::open(target)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
        backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::kronor;

    #[test]
    fn money_for_spreadsheets() {
        assert_eq!(kronor(None), "");
        assert_eq!(kronor(Some(125_000_000)), "1250000");
        assert_eq!(kronor(Some(125_000_050)), "1250000,50");
    }
}

//! Everything that can change the state: a named action, or what an effect came back with.

use crate::app::{Action, BatchLine, Done, Pane};
use crate::domain::search::{CaseQuery, ListSize};
use crate::domain::{Call, CaseDetail, CaseRow, Organisation, Queue, User};

/// Everything that can change the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Action(Action),
    AdminLoaded(Box<AdminData>),
    /// An administrative change went through.
    AdminWritten(crate::app::effect::AdminDone),
    HomeLoaded(HomeData),
    CasesLoaded {
        query: CaseQuery,
        size: ListSize,
        offset: usize,
        rows: Vec<CaseRow>,
    },
    CaseLoaded(Box<CaseDetail>),
    /// A write went through.
    Written {
        case_id: i64,
        done: Done,
    },
    /// A rule refused the act; nothing was written.
    Refused(crate::domain::refused::Refused),
    /// Someone else changed the case first.
    Conflict {
        by: String,
        at: chrono::DateTime<chrono::Utc>,
    },
    /// A document's file path names no file.
    FileMissing(String),
    /// Another process holds the database's write lock longer than the busy timeout.
    Busy,
    /// Text pasted into the terminal.
    Paste(String),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// The loop's clock, at each turn: a status message fades a few seconds after it was
    /// first shown.
    Tick(std::time::Instant),
    /// Long work on the worker has taken `done` of `total` steps.
    Progress {
        done: usize,
        total: usize,
    },
    /// Long work was cancelled before anything was written.
    Cancelled,
    /// The clock says it is this day (the terminal asks every so often): a new day brings new
    /// queues, clocks and deadlines.
    Today(chrono::NaiveDate),
    /// Whether the organisation may apply in the chosen call's step.
    Eligibility {
        org_id: i64,
        call_id: i64,
        label: String,
        lacking: Option<crate::domain::decision::NotEligible>,
    },
    StandingLoaded(i64, crate::domain::decision::Standing),
    /// The proposals for a beslutstillfälle.
    RoundLoaded(Vec<CaseDetail>),
    /// A beslutstillfälle decided this many cases.
    RoundDone(usize),
    /// The letter could not be made or written; nothing was registered.
    LetterFailed(String),
    /// A file to import was checked (nothing written).
    ImportPlanned {
        plan: std::sync::Arc<crate::io::import::Plan>,
        source: String,
        encoding: &'static str,
        delimiter: Option<char>,
    },
    /// A file to import could not be read (the system's reason) or parsed.
    ImportUnreadable {
        path: String,
        io: Option<String>,
        table: Option<crate::io::table::TableError>,
    },
    /// A mouse click on a home pane, on the list row at this position (None: the border).
    Click {
        pane: Pane,
        row: Option<usize>,
    },
    /// The mouse wheel over the screen.
    Scroll {
        down: bool,
    },
    BatchPreviewed(Vec<BatchLine>),
    /// A batch changed this many cases.
    BatchDone(usize),
    QueueSaved(String),
    QueueDeleted,
    OrganisationLoaded(Box<crate::domain::views::OrgOverview>),
    /// Cases, organisations written; rows that existed already.
    Imported(usize, usize, usize),
    Stats(Box<StatsData>),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeData {
    pub calls: Vec<Call>,
    pub orgs: Vec<Organisation>,
    pub queues: Vec<(Queue, i64)>,
    /// The user's saved queues with their sizes (a common word's count is capped).
    pub saved: Vec<(ListSize, crate::domain::search::SavedQueue)>,
    pub users: Vec<User>,
}

/// A call with everything an administratör sets, and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminCall {
    pub call: Call,
    pub setup: crate::domain::admin::CallSetup,
}

/// What the administration view shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AdminData {
    pub users: Vec<User>,
    pub calls: Vec<AdminCall>,
    pub settings: Vec<(crate::domain::admin::Setting, String)>,
    /// The set-up's own history, newest first.
    pub history: Vec<crate::domain::Event>,
    /// Every kommun by id, to name a call's list.
    pub kommuner: Vec<(i64, String)>,
}

/// What the statistics view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsData {
    pub granted: Vec<crate::domain::views::Granted>,
    pub by_state: Vec<(crate::domain::CaseState, i64)>,
    pub by_step: Vec<(crate::domain::Step, i64)>,
    pub calls: Vec<Call>,
    /// Later years of multi-year grants with no call for their year yet: (year, step, amount).
    pub unassigned: Vec<(i32, crate::domain::Step, crate::domain::Money)>,
}

//! Long work off the terminal's thread: an import, a batch over many cases, a beslutstillfälle
//! (and the check of a file to import) run here, on a connection of their own, while the
//! screen keeps drawing. They report their progress, and Esc stops them before anything is
//! written: every one writes in a single transaction, so stopped is the same as never begun.

use super::{Ctx, Watch};
use crate::app::{Effect, Msg, Work};
use crate::checklists::Checklist;
use crate::storage::Store;
use chrono::{DateTime, NaiveDate, Utc};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

/// One piece of long work, with what its acts are stamped with.
struct Job {
    effect: Effect,
    user_id: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
}

/// The worker thread and the way to it.
pub struct Worker {
    jobs: Sender<Job>,
    /// Progress and the final message of each job, in order.
    pub results: Receiver<Msg>,
    cancel: Arc<AtomicBool>,
}

/// How often progress is reported, in steps (each report wakes the screen).
const EVERY: usize = 250;

/// Progress to the screen, and the cancel flag read at every step.
struct Reporter<'a> {
    results: &'a Sender<Msg>,
    cancel: &'a AtomicBool,
    /// The last count reported (steps may come in leaps of a batch).
    reported: std::cell::Cell<Option<usize>>,
}

impl Watch for Reporter<'_> {
    fn step(&self, done: usize, total: usize) -> bool {
        let due = match self.reported.get() {
            None => true,
            Some(last) => done >= last + EVERY || (done == total && last != done),
        };
        if due {
            self.reported.set(Some(done));
            let _ = self.results.send(Msg::Progress { done, total });
        }
        !self.cancel.load(Ordering::Relaxed)
    }
}

impl Worker {
    /// Is this effect long work, for the worker?
    pub fn takes(effect: &Effect) -> bool {
        Work::of(effect).is_some()
    }

    /// Starts the worker on its own connection to the database at `path` (WAL: it writes while
    /// the screen's connection reads).
    pub fn start(
        path: &Path,
        checklists: Vec<Checklist>,
        letters_dir: PathBuf,
    ) -> Result<Worker, crate::storage::OpenError> {
        let mut store = Store::open(path, Utc::now())?;
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (results_tx, results) = mpsc::channel::<Msg>();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        std::thread::spawn(move || {
            for job in inbox {
                let ctx = Ctx {
                    user_id: job.user_id,
                    today: job.today,
                    now: job.now,
                    checklists: &checklists,
                    letters_dir: &letters_dir,
                };
                let reporter = Reporter {
                    results: &results_tx,
                    cancel: &flag,
                    reported: std::cell::Cell::new(None),
                };
                let msg = run_long(&mut store, &ctx, &job.effect, &reporter);
                if results_tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Ok(Worker {
            jobs,
            results,
            cancel,
        })
    }

    /// Hands long work to the worker; its messages come back through `results`.
    pub fn submit(&self, effect: Effect, user_id: i64, today: NaiveDate, now: DateTime<Utc>) {
        self.cancel.store(false, Ordering::Relaxed);
        let _ = self.jobs.send(Job {
            effect,
            user_id,
            today,
            now,
        });
    }

    /// Stops the work under way before it is written.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Runs one piece of long work with progress and cancel; other effects as the service does.
pub fn run_long(store: &mut Store, ctx: &Ctx<'_>, effect: &Effect, watch: &dyn Watch) -> Msg {
    use super::{ServiceError, batch, decision, import, message_of};
    let result = match effect {
        Effect::ApplyImport { plan, source } => import::apply(store, ctx, plan, source, watch)
            .map(|i| Msg::Imported(i.cases, i.organisations, plan.existing + i.skipped)),
        Effect::ApplyBatch { items } => batch::apply(store, ctx, items, watch).map(Msg::BatchDone),
        Effect::DecideRound {
            items,
            appeal_text,
            over_budget_calls,
        } => decision::round(store, ctx, items, appeal_text, over_budget_calls, watch)
            .map(Msg::RoundDone),
        other => {
            let msg = super::run(store, ctx, other);
            // A check that finished after Esc is not shown: the user asked to stop.
            return if watch.step(1, 1) {
                msg
            } else {
                Msg::Cancelled
            };
        }
    };
    result.unwrap_or_else(|e: ServiceError| message_of(e))
}

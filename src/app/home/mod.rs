//! The home screen: three panes and the case list beside them.

mod filter;
mod lists;
mod marks;
mod organisation;
mod palette;
mod saved_queues;
mod stats;

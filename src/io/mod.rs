//! Files in and out: import of applications and organisations, the report of granted grants.

pub mod import;
pub mod report;
pub mod table;

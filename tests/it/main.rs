//! Every integration test of pactbot, in one test binary (one link step
//! instead of one per file, and the shared support compiled once).
//!
//! `support/` holds what the modules share: the Discord-limits checker (also
//! used by `fuzz/`), the loopback server harness, the child-process harness,
//! the signed payload builder, the fake Discord and the data-copy helper.
//! Nothing here changes process-global state (environment, current
//! directory, panic hook), so every test can share the one process.

mod support;

mod basis;
mod chart;
mod cli;
mod dataset;
mod deploy_data_sync;
mod dotenv;
mod endpoint;
mod endpoint_faults;
mod gateway_e2e;
mod gateway_faults;
mod gateway_fixtures;
mod gateway_limits;
mod gateway_mentions;
mod gateway_rest;
mod languages;
mod money;
mod properties;
mod questions;
mod regressions;
mod reload;
mod replies;
mod resolve_table;
mod telegram_e2e;
mod telegram_replies;

//! Discord transports: the shared interaction handler, the gateway client
//! and the HTTP interactions endpoint. Both transports call
//! [`interaction::respond`]; neither holds any logic of its own.

pub mod config;
pub mod endpoint;
pub mod gateway;
pub mod interaction;
pub mod mention;
pub mod metrics;
pub mod register;
pub mod reload;
pub mod signals;

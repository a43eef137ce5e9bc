//! The interaction handler from raw bytes to response, as the HTTP endpoint
//! runs it after the signature check: `discord::interaction::parse`, then
//! `respond`. Whatever parses must get a response inside Discord's limits
//! that pings nobody.

use afl::fuzz_nohook;
use pactbot::discord::interaction;
use pactbot_fuzz::{check, ds};

fn main() {
    fuzz_nohook!(|data: &[u8]| {
        if let Ok(i) = interaction::parse(data) {
            let (resp, _outcome) = interaction::respond(ds(), &i);
            check(&resp);
        }
    });
}

//! Fuzz target `compare`: see `mimecast_audit_fuzz::compare` (fuzz/src/lib.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mimecast_audit_fuzz::compare(data));

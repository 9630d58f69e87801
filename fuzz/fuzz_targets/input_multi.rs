//! Fuzz target `input_multi`: see `mimecast_audit_fuzz::input_multi` (fuzz/src/lib.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mimecast_audit_fuzz::input_multi(data));

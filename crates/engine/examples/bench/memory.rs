//! Peak memory of this process, as the kernel counts it (the high-water
//! mark of its resident set, `VmHWM` in `/proc/self/status`).
//!
//! A counting global allocator would need `unsafe`, which the workspace
//! forbids; the resident set is what the user pays for anyway, allocator
//! overhead and fragmentation included. Each measurement runs in a fresh
//! child process, so one run's memory never counts in another's.

/// The peak resident set in bytes so far, or 0 where it cannot be read.
pub fn peak_rss() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

//! What both commands (`mimecast-audit` and `mimecast-audit collect`) do
//! the same way around their work: the clock, and turning parsed arguments
//! into work or an early exit.

use chrono::{DateTime, Utc};

/// The system clock, to the second.
pub fn now() -> DateTime<Utc> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    DateTime::from_timestamp(secs as i64, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

/// The arguments to work with, or the exit code: `Ok(None)` (help was
/// asked for) prints `usage` on standard output and exits 0; an error is
/// told with `say`, followed by `usage`, and exits 2.
pub fn args_or_exit<T>(
    parsed: Result<Option<T>, String>,
    usage: &str,
    say: impl Fn(&str),
) -> Result<T, i32> {
    match parsed {
        Ok(Some(a)) => Ok(a),
        Ok(None) => {
            // A closed pipe (`| head`) is not an error worth a panic.
            use std::io::Write;
            let _ = writeln!(std::io::stdout(), "{usage}");
            Err(0)
        }
        Err(e) => {
            say(&format!("{e}\n\n{usage}"));
            Err(2)
        }
    }
}

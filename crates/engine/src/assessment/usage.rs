//! What the Assessments page says about the browser storage it uses.

/// A byte count for people: "812 bytes", "4.2 kB", "12.3 MB", "2.1 GB"
/// (decimal units, as browsers and disks report them).
pub fn bytes_text(bytes: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
    UNITS
        .iter()
        .find(|(size, _)| bytes >= *size)
        .map(|(size, unit)| {
            // Whole tenths as an integer: formatting an `f64` would link the
            // float-printing code (about 8 KB gzipped) into the app for this
            // one line.
            let tenths = (bytes / size * 10.0).round() as u64;
            format!("{}.{} {unit}", tenths / 10, tenths % 10)
        })
        .unwrap_or_else(|| format!("{} bytes", bytes.max(0.0).round() as u64))
}

/// "Stored in this browser: 12.3 MB of 2.1 GB" (used and quota in bytes).
pub fn usage_text(used: f64, quota: f64) -> String {
    format!(
        "Stored in this browser: {} of {}",
        bytes_text(used),
        bytes_text(quota)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_take_the_largest_unit_they_reach() {
        assert_eq!(bytes_text(0.0), "0 bytes");
        assert_eq!(bytes_text(812.0), "812 bytes");
        assert_eq!(bytes_text(999.4), "999 bytes");
        assert_eq!(bytes_text(1_000.0), "1.0 kB");
        assert_eq!(bytes_text(4_200.0), "4.2 kB");
        assert_eq!(bytes_text(12_345_678.0), "12.3 MB");
        assert_eq!(bytes_text(2.1e9), "2.1 GB");
        assert_eq!(bytes_text(3.5e12), "3.5 TB");
        assert_eq!(bytes_text(-5.0), "0 bytes");
        assert_eq!(bytes_text(1_050_000.0), "1.1 MB");
        assert_eq!(bytes_text(999_990.0), "1000.0 kB");
    }

    #[test]
    fn usage_names_used_and_quota() {
        assert_eq!(
            usage_text(12_200_000.0, 10_700_000_000.0),
            "Stored in this browser: 12.2 MB of 10.7 GB"
        );
    }
}

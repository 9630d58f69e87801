//! Display names as the explainer compares them (spec R2.3), and the word
//! rule of the internal user name identifier (R4.7.2).
//!
//! R2.3 asks for Unicode NFKC. Without normalisation tables (the engine
//! takes no new dependency) the compatibility forms an impersonator is
//! likely to use are mapped instead: full-width ASCII, mathematical
//! alphanumeric letters and digits (bold, italic, script, fraktur,
//! double-struck, sans-serif, monospace) with the letter-like symbols that
//! fill their gaps, circled letters, the `ff fi fl ffi ffl st` ligatures and
//! the Unicode spaces. Each mapping equals NFKC's for the characters it
//! covers; other compatibility characters are kept as written.

/// A display name as compared (R2.3): compatibility forms mapped (see the
/// module), trimmed, one pair of surrounding quotes (`"` or `'`) removed,
/// lower-cased, runs of whitespace made one space.
pub fn normalise_display_name(text: &str) -> String {
    let mut mapped = String::with_capacity(text.len());
    for c in text.chars() {
        push_compatibility(c, &mut mapped);
    }
    let trimmed = mapped.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|q| trimmed.strip_prefix(*q).and_then(|t| t.strip_suffix(*q)))
        .unwrap_or(trimmed);
    unquoted
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends the compatibility mapping of one character.
fn push_compatibility(c: char, out: &mut String) {
    let code = u32::from(c);
    let mapped = match code {
        // Full-width ASCII.
        0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0),
        // No-break, typographic, medium mathematical and ideographic spaces.
        0x00A0 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => Some(' '),
        // Mathematical alphanumeric letters: 13 alphabets of A–Z then a–z.
        0x1D400..=0x1D6A3 => {
            let k = (code - 0x1D400) % 52;
            if k < 26 {
                char::from_u32(u32::from(b'A') + k)
            } else {
                char::from_u32(u32::from(b'a') + k - 26)
            }
        }
        // Mathematical digits: 5 sets of 0–9.
        0x1D7CE..=0x1D7FF => char::from_u32(u32::from(b'0') + (code - 0x1D7CE) % 10),
        // Circled letters.
        0x24B6..=0x24CF => char::from_u32(u32::from(b'A') + code - 0x24B6),
        0x24D0..=0x24E9 => char::from_u32(u32::from(b'a') + code - 0x24D0),
        _ => letterlike(c),
    };
    match (mapped, ligature(c)) {
        (Some(m), _) => out.push(m),
        (None, Some(l)) => out.push_str(l),
        (None, None) => out.push(c),
    }
}

/// Letter-like symbols that stand in the gaps of the mathematical
/// alphabets (script, fraktur, double-struck), and what NFKC makes of them.
fn letterlike(c: char) -> Option<char> {
    Some(match c {
        'ℂ' | 'ℭ' => 'C',
        'ℊ' => 'g',
        'ℋ' | 'ℌ' | 'ℍ' => 'H',
        'ℎ' => 'h',
        'ℐ' | 'ℑ' => 'I',
        'ℒ' => 'L',
        'ℕ' => 'N',
        'ℙ' => 'P',
        'ℚ' => 'Q',
        'ℛ' | 'ℜ' | 'ℝ' => 'R',
        'ℤ' | 'ℨ' => 'Z',
        'ℬ' => 'B',
        'ℯ' => 'e',
        'ℰ' => 'E',
        'ℱ' => 'F',
        'ℳ' => 'M',
        'ℴ' => 'o',
        _ => return None,
    })
}

/// Latin ligatures and the letters NFKC spells them with.
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

/// The words of a display name: normalised, split on spaces and commas,
/// sorted.
fn name_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = normalise_display_name(text)
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words
}

/// True when two display names have the same words (the same multiset,
/// after [`normalise_display_name`], splitting on spaces and commas): "Doe,
/// Jane" and "Jane Doe" (R4.7.2 word rule). Names without words never
/// match.
pub fn same_name_words(a: &str, b: &str) -> bool {
    let wa = name_words(a);
    !wa.is_empty() && wa == name_words(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_are_trimmed_unquoted_lower_cased_and_collapsed() {
        assert_eq!(normalise_display_name("  \"Jane   Doe\" "), "jane doe");
        assert_eq!(normalise_display_name("'JANE DOE'"), "jane doe");
        assert_eq!(normalise_display_name("Jane\u{a0}\tDoe"), "jane doe");
        // Only one pair of quotes, and only a matching pair.
        assert_eq!(normalise_display_name("\"\"Jane\"\""), "\"jane\"");
        assert_eq!(normalise_display_name("\"Jane'"), "\"jane'");
        assert_eq!(normalise_display_name("\""), "\"");
        assert_eq!(normalise_display_name(""), "");
        assert_ne!(
            normalise_display_name("Jane Doe"),
            normalise_display_name("Jane Do")
        );
    }

    #[test]
    fn compatibility_forms_become_the_letters_they_show() {
        assert_eq!(normalise_display_name("Ｊａｎｅ\u{3000}Ｄｏｅ"), "jane doe");
        // Mathematical bold, and script with its letter-like gaps (ℯ, ℴ).
        assert_eq!(normalise_display_name("𝐉𝐚𝐧𝐞 𝐃𝐨𝐞"), "jane doe");
        assert_eq!(normalise_display_name("𝒥𝒶𝓃ℯ 𝒟ℴℯ"), "jane doe");
        assert_eq!(normalise_display_name("ⒿⒶⓃⒺ"), "jane");
        assert_eq!(normalise_display_name("ﬁnance Oﬃce"), "finance office");
        assert_eq!(normalise_display_name("CFO 𝟙𝟚𝟛"), "cfo 123");
        assert_eq!(normalise_display_name("Jane\u{2009}Doe"), "jane doe");
        // Quotes written full-width are quotes too.
        assert_eq!(normalise_display_name("＂Jane Doe＂"), "jane doe");
        // Other characters are kept.
        assert_eq!(normalise_display_name("Zoë Ñúñez"), "zoë ñúñez");
        assert_eq!(normalise_display_name("王芳"), "王芳");
    }

    #[test]
    fn the_word_rule_ignores_order_and_commas_but_not_words() {
        assert!(same_name_words("Doe, Jane", "Jane Doe"));
        assert!(same_name_words("\"DOE,JANE\"", "jane doe"));
        assert!(same_name_words("Jane Doe", "Jane Doe"));
        assert!(same_name_words("𝐃𝐨𝐞, 𝐉𝐚𝐧𝐞", "Jane Doe"));
        assert!(!same_name_words("Jane Doe", "Jane Doe Smith"));
        assert!(!same_name_words("Jane Jane Doe", "Jane Doe Doe"));
        assert!(!same_name_words("Jane", "Jane Doe"));
        assert!(!same_name_words("", ""));
        assert!(!same_name_words(" , ", ","));
    }
}

//! JSON parsing with errors that name the line and column.

use serde_json::Value;

use super::InputError;

/// Parses JSON text; a syntax error carries its line and column.
pub fn parse_json(text: &str) -> Result<Value, InputError> {
    serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let what = strip_location(&e.to_string());
        let message = if e.is_eof() {
            format!("invalid JSON: the file ends early at line {line}, column {column} (is it truncated?)")
        } else if what.contains("recursion limit") {
            format!("invalid JSON at line {line}, column {column}: nested too deeply to be a Mimecast export")
        } else {
            format!("invalid JSON at line {line}, column {column}: {what}")
        };
        InputError { line: Some(line), column: Some(column), ..InputError::plain(message) }
    })
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = parse_json("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((err.line, err.column), (Some(3), Some(7)));
        assert!(
            err.message
                .starts_with("invalid JSON at line 3, column 7: expected `:`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn truncated_and_deep_inputs_are_explained() {
        assert!(parse_json("{\"data\": [")
            .unwrap_err()
            .message
            .contains("ends early"));
        let deep = "[".repeat(100_000);
        assert!(parse_json(&deep)
            .unwrap_err()
            .message
            .contains("nested too deeply"));
    }
}

//! JSON parsing with errors that name the line, the column and the JSON path
//! where the parser was.

use serde_json::Value;

use super::InputError;

/// Parses JSON text; a syntax error carries its line, column and JSON path
/// (`data[2].policy.description`; `.` when the parser was at the top level).
pub fn parse_json(text: &str) -> Result<Value, InputError> {
    serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let what = strip_location(&e.to_string());
        let path = path_of_error(text);
        let at = match path.as_str() {
            "." => format!("line {line}, column {column}"),
            p => format!("line {line}, column {column} (in {p})"),
        };
        let message = if e.is_eof() {
            format!("invalid JSON: the file ends early at {at} (is it truncated?)")
        } else if what.contains("recursion limit") {
            format!("invalid JSON at {at}: nested too deeply to be a Mimecast export")
        } else {
            format!("invalid JSON at {at}: {what}")
        };
        InputError {
            line: Some(line),
            column: Some(column),
            path: Some(path),
            ..InputError::plain(message)
        }
    })
}

/// The JSON path of the value the parser was in when `text` failed to
/// parse. Only called on failure, so well-formed files pay nothing: the text
/// is parsed again with every object key and array index tracked.
fn path_of_error(text: &str) -> String {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Value>(&mut de) {
        // Trailing characters after a whole value: the top level.
        Ok(_) => ".".to_string(),
        Err(e) => {
            // A last segment `?` stands for a key not read yet: the path is
            // that of the object it is in.
            let path = e.path().to_string();
            let path = match path.strip_suffix(".?") {
                Some(parent) => parent.to_string(),
                None if path == "?" => ".".to_string(),
                None => path,
            };
            // Deep nesting gives a path as long as the nesting: keep the end.
            const MAX: usize = 200;
            if path.len() > MAX {
                let mut cut = path.len() - MAX;
                while !path.is_char_boundary(cut) {
                    cut += 1;
                }
                format!("…{}", &path[cut..])
            } else {
                path
            }
        }
    }
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
    fn syntax_errors_name_the_json_path() {
        let path = |t: &str| parse_json(t).unwrap_err().path.unwrap();
        // Between a key and its value: the object the key is in.
        assert_eq!(path("{\"a\": 1,\n \"b\" 2}"), ".");
        assert_eq!(path("{\"data\": [{\"id\" 1}]}"), "data[0]");
        assert_eq!(
            path("{\"data\": [{\"id\": 1}, {\"id\": tru}]}"),
            "data[1].id"
        );
        assert_eq!(path("{\"data\": [1, 2, x]}"), "data[2]");
        assert_eq!(
            path("{\"data\": [{\"policy\": {\"description\": \"cut"),
            "data[0].policy.description"
        );
        let err = parse_json("{\"data\": [{\"id\": 1}, {\"id\": tru}]}").unwrap_err();
        assert!(
            err.message.contains("(in data[1].id): expected"),
            "{}",
            err.message
        );
        assert_eq!(path("nonsense"), ".");
        assert_eq!(path("{} {}"), ".");
        assert_eq!(path("{\"a\": 1"), ".");
        assert_eq!(path("{\"why?\": tru}"), "why?");
        let deep = parse_json(&"[".repeat(100_000)).unwrap_err();
        assert!(deep.path.unwrap().ends_with("[0][0]"));
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

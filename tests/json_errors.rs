//! JSON that is not well-formed, in every JSON format Chainsight reads: each kind of syntax
//! error is reported at its line and column, with the JSON path being read where there is one,
//! in plain words that say what was found and what was expected — never serde_json's own
//! ("EOF while parsing a string", "expected ident").

use chainsight::formats::{self, LoadError};

/// A syntax error as the user sees it.
#[derive(Debug)]
struct Syntax {
    line: usize,
    column: usize,
    json_path: Option<String>,
    message: String,
    shown: String,
}

fn syntax_error_in(file: &str, text: &str) -> Syntax {
    let error = match formats::load_bytes(file, text.as_bytes()) {
        Err(error) => error,
        Ok(loaded) => panic!("{text}: loaded as {}", loaded.report.format),
    };
    let shown = error.to_string();
    let LoadError::Syntax {
        position,
        json_path,
        message,
        ..
    } = error
    else {
        panic!("{text}: not a syntax error: {error:?}");
    };
    for serde_word in [
        "EOF",
        "while parsing",
        "ident",
        "trailing characters",
        "hex escape",
        "surrogate in",
        "(\\u0000-\\u001F)",
    ] {
        assert!(!message.contains(serde_word), "serde's wording: {message}");
    }
    // serde_json's place, "at line 3 column 7", counts bytes: ours has a comma.
    for (at, _) in message.match_indices("at line ") {
        let after = &message[at + "at line ".len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        assert!(
            after[digits..].starts_with(", column "),
            "serde's place: {message}"
        );
    }
    assert!(message.starts_with("invalid JSON: "), "{message}");
    Syntax {
        line: position.line,
        column: position.column,
        json_path,
        message: message["invalid JSON: ".len()..].to_owned(),
        shown,
    }
}

fn syntax_error(text: &str) -> Syntax {
    syntax_error_in("broken.json", text)
}

/// A networkx node-link file, cut short inside the second node's label.
const CUT_IN_A_LABEL: &str = "{\"directed\": true, \"graph\": {},\n \"nodes\": [\n  {\"id\": \"a\", \"label\": \"Acme\"},\n  {\"id\": \"b\", \"label\": \"Bolt Ind";

#[test]
fn a_file_cut_inside_a_string_says_so_with_the_path_and_where_the_string_opened() {
    let error = syntax_error(CUT_IN_A_LABEL);
    assert_eq!((error.line, error.column), (4, 32));
    assert_eq!(error.json_path.as_deref(), Some("nodes[1].label"));
    assert_eq!(
        error.message,
        "the file ends inside a text value (the string opened with \" at line 4, column 24 is \
         never closed); it may have been cut short"
    );
    assert_eq!(
        error.shown,
        format!(
            "broken.json: line 4, column 32: in nodes[1].label: invalid JSON: {}",
            error.message
        )
    );
}

#[test]
fn a_file_cut_inside_a_key_says_so() {
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\", \"lab");
    assert_eq!((error.line, error.column), (1, 27));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0]"));
    assert_eq!(
        error.message,
        "the file ends inside a key (the \" at line 1, column 24 is never closed); it may have \
         been cut short"
    );
}

#[test]
fn a_file_cut_inside_a_list_names_its_bracket_and_those_before_it() {
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\"},\n  {\"id\": \"b\"}");
    assert_eq!((error.line, error.column), (2, 13));
    assert_eq!(error.json_path.as_deref(), Some("nodes"));
    assert_eq!(
        error.message,
        "the file ends inside a list (the [ at line 1, column 11 and 1 bracket before it are \
         never closed); it may have been cut short"
    );
}

#[test]
fn a_file_cut_inside_an_object_names_its_brace() {
    let error = syntax_error("{\"nodes\": [],\n \"links\": [], \"directed\": true");
    assert_eq!((error.line, error.column), (2, 30));
    assert_eq!(error.json_path.as_deref(), None);
    assert_eq!(
        error.message,
        "the file ends inside an object (the { at line 1, column 1 is never closed); it may \
         have been cut short"
    );
}

#[test]
fn a_file_cut_where_a_value_is_due_says_which() {
    // After a list's comma: the fixture the first fix was made for.
    let error = syntax_error(
        "{\n  \"format\": \"chainsight\",\n  \"version\": 1,\n  \"entities\": [\n    {\"id\": \"a\", \"name\": \"A\"},\n",
    );
    assert_eq!((error.line, error.column), (6, 1));
    assert_eq!(error.json_path.as_deref(), Some("entities[1]"));
    assert_eq!(
        error.message,
        "the file ends where the list's next item should be; it may have been cut short"
    );
    // After a key's colon, after an object's comma, in the middle of a word.
    let error = syntax_error("{\"nodes\": [], \"links\": ");
    assert_eq!(error.json_path.as_deref(), Some("links"));
    assert_eq!(
        error.message,
        "the file ends where the value of \"links\" should be; it may have been cut short"
    );
    let error = syntax_error("{\"nodes\": [{\"id\": 1,");
    assert_eq!(error.json_path.as_deref(), Some("nodes[0]"));
    assert_eq!(
        error.message,
        "the file ends where the object's next key should be; it may have been cut short"
    );
    let error = syntax_error("{\"directed\": tr");
    assert_eq!((error.line, error.column), (1, 15));
    assert_eq!(error.json_path.as_deref(), Some("directed"));
    assert_eq!(
        error.message,
        "the file ends in the middle of the value \"tr\"; it may have been cut short"
    );
}

#[test]
fn a_missing_colon_names_the_key() {
    let error = syntax_error("{\"nodes\": [{\"id\" \"a\"}]}");
    assert_eq!((error.line, error.column), (1, 18));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0]"));
    assert_eq!(
        error.message,
        "expected \":\" after the key \"id\", found '\"'"
    );
}

#[test]
fn a_missing_comma_in_a_list_is_named() {
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\"}\n  {\"id\": \"b\"}]}");
    assert_eq!((error.line, error.column), (2, 3));
    assert_eq!(error.json_path.as_deref(), Some("nodes"));
    assert_eq!(
        error.message,
        "expected \",\" or \"]\" after an item of the list, found \"{\"; a \",\" may be missing before it"
    );
}

#[test]
fn a_missing_comma_in_an_object_names_the_record_and_the_key_before_it() {
    let text = "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n \"links\": [{\"source\": \"a\", \"target\": \"b\"},\n           {\"source\": \"a\" \"target\": \"b\"}]}";
    let error = syntax_error(text);
    assert_eq!((error.line, error.column), (3, 27));
    assert_eq!(error.json_path.as_deref(), Some("links[1]"));
    assert_eq!(
        error.message,
        "expected \",\" or \"}\" after the value of \"source\", found '\"'; a \",\" may be missing \
         before it"
    );
}

#[test]
fn brackets_that_do_not_match_say_which_opened() {
    let error = syntax_error("{\"nodes\": [\"a\", \"b\"},\n \"links\": []}");
    assert_eq!((error.line, error.column), (1, 20));
    assert_eq!(error.json_path.as_deref(), Some("nodes"));
    assert_eq!(
        error.message,
        "expected \",\" or \"]\" after an item of the list, found \"}\"; the list opened with [ at \
         line 1, column 11 closes with ]"
    );
    let error = syntax_error("{\"graph\": {\"name\": \"x\"],\n \"nodes\": []}");
    assert_eq!(error.json_path.as_deref(), Some("graph"));
    assert_eq!(
        error.message,
        "expected \",\" or \"}\" after the value of \"name\", found \"]\"; the object opened with { \
         at line 1, column 11 closes with }"
    );
}

#[test]
fn a_misspelt_true_false_or_null_is_quoted_whole() {
    let error = syntax_error("{\"directed\": ture, \"nodes\": []}");
    assert_eq!((error.line, error.column), (1, 15));
    assert_eq!(error.json_path.as_deref(), Some("directed"));
    assert_eq!(
        error.message,
        "expected true, false or null, found \"ture\""
    );
}

#[test]
fn something_that_is_no_value_is_named() {
    let error = syntax_error("{\"nodes\": [{\"id\": a}]}");
    assert_eq!((error.line, error.column), (1, 19));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].id"));
    assert_eq!(
        error.message,
        "expected a value (a string in double quotes, a number, true, false, null, a list or an \
         object), found \"a\""
    );
}

/// Python's json.dump writes NaN and Infinity unless told not to; no JSON reader reads them.
#[test]
fn nan_and_infinity_say_json_has_none() {
    let error = syntax_error(
        "{\"nodes\": [{\"id\": \"a\", \"x\": NaN}],\n \"links\": [{\"source\": \"a\", \"target\": \"a\", \"weight\": -Infinity}]}",
    );
    assert_eq!((error.line, error.column), (1, 29));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].x"));
    assert_eq!(
        error.message,
        "found \"NaN\": JSON has no NaN or Infinity (Python's json.dump writes them): write null, \
         or the value in quotes"
    );
    // Lower case, read as the start of `null`.
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\", \"x\": nan}]}");
    assert_eq!((error.line, error.column), (1, 30));
    assert!(
        error.message.starts_with("found \"nan\": JSON has no NaN"),
        "{}",
        error.message
    );
    let error = syntax_error("{\"nodes\": [], \"links\": [{\"weight\": -Infinity}]}");
    assert_eq!((error.line, error.column), (1, 37));
    assert_eq!(error.json_path.as_deref(), Some("links[0].weight"));
    assert_eq!(
        error.message,
        "found \"-Infinity\": JSON has no NaN or Infinity (Python's json.dump writes them): write \
         null, or the value in quotes"
    );
}

/// A Windows path written as it is: `\U` is no escape.
#[test]
fn an_invalid_escape_is_quoted_with_what_json_allows() {
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\", \"file\": \"C:\\Users\\a.txt\"}]}");
    assert_eq!((error.line, error.column), (1, 36));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].file"));
    assert_eq!(
        error.message,
        "the escape \"\\U\" in a string is not one JSON has: after \\ come only \", \\, /, b, f, n, \
         r, t or u and four hexadecimal digits (a \\ itself is written \\\\)"
    );
    let error = syntax_error("{\"nodes\": [{\"id\": \"\\u00e\"}]}");
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].id"));
    assert_eq!(
        error.message,
        "the escape \"\\u00e\" in a string is not \\u followed by four hexadecimal digits (0-9, \
         a-f)"
    );
}

#[test]
fn half_a_surrogate_pair_is_named() {
    let error = syntax_error("{\"nodes\": [{\"id\": \"\\ud83d\\u0041\"}]}");
    assert_eq!((error.line, error.column), (1, 31));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].id"));
    assert_eq!(
        error.message,
        "\"\\ud83d\" is the first half of a character written as two \\u escapes (a surrogate \
         pair), and \"\\u0041\" after it is not a second half (\\udc00 to \\udfff)"
    );
    let error = syntax_error("{\"nodes\": [{\"id\": \"\\ud83d\"}]}");
    assert_eq!(
        error.message,
        "\"\\ud83d\" is the first half of a character written as two \\u escapes (a surrogate \
         pair), and no second half (\\udc00 to \\udfff) follows it"
    );
    let error = syntax_error("{\"nodes\": [{\"id\": \"\\ude00\"}]}");
    assert_eq!(
        error.message,
        "\"\\ude00\" is the second half of a character written as two \\u escapes (a surrogate \
         pair), with no first half (\\ud800 to \\udbff) before it"
    );
}

/// The commonest cause: a closing quote missing, so the string runs on to the line's end.
#[test]
fn a_line_break_inside_a_string_is_reported_where_the_line_ends() {
    let error =
        syntax_error("{\"nodes\": [{\"id\": \"a\", \"label\": \"Acme},\n  {\"id\": \"b\"}]}");
    assert_eq!((error.line, error.column), (1, 40));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].label"));
    assert_eq!(
        error.message,
        "a text value runs on past the end of its line (opened with \" at line 1, column 33): \
         a closing \" may be missing, or a line break inside a string must be written \\n"
    );
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\tb\"}]}");
    assert_eq!((error.line, error.column), (1, 21));
    assert_eq!(
        error.message,
        "a tab inside a text value (opened with \" at line 1, column 19) must be written \\t"
    );
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\u{1}b\"}]}");
    assert_eq!(
        error.message,
        "the control character U+0001 inside a text value (opened with \" at line 1, column \
         19) must be written \\u0001"
    );
}

#[test]
fn an_invalid_number_says_what_a_number_is() {
    let error = syntax_error("{\"nodes\": [{\"id\": 007}]}");
    assert_eq!((error.line, error.column), (1, 20));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].id"));
    assert_eq!(
        error.message,
        "\"007\" is not a number as JSON writes one: it may not start with 0 (write it in quotes \
         to keep the zeros, as text)"
    );
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\", \"x\": 1.}]}");
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].x"));
    assert_eq!(
        error.message,
        "\"1.\" is not a number as JSON writes one: a digit must follow the decimal point"
    );
}

#[test]
fn a_number_too_large_says_so() {
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\", \"size\": 1e400}]}");
    assert_eq!((error.line, error.column), (1, 36));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0].size"));
    assert_eq!(
        error.message,
        "the number \"1e400\" is too large for JSON, which reads numbers up to about 1.8e308; \
         write it in quotes to keep it as text"
    );
}

#[test]
fn a_key_without_quotes_is_named() {
    let error = syntax_error("{\"nodes\": [{id: \"a\"}]}");
    assert_eq!((error.line, error.column), (1, 13));
    assert_eq!(error.json_path.as_deref(), Some("nodes[0]"));
    assert_eq!(
        error.message,
        "expected a key in double quotes, found \"id\""
    );
}

#[test]
fn a_trailing_comma_is_pointed_at() {
    let error = syntax_error(
        "{\n  \"format\": \"chainsight\",\n  \"version\": 1,\n  \"entities\": [],\n  \"relations\": [],\n}\n",
    );
    assert_eq!((error.line, error.column), (6, 1));
    assert_eq!(error.json_path, None);
    assert_eq!(
        error.message,
        "a \",\" after the last member of an object (the \",\" at line 5, column 18), which JSON \
         does not allow: remove it"
    );
    let error = syntax_error("{\"nodes\": [\"a\", \"b\", ], \"links\": []}");
    assert_eq!(error.json_path.as_deref(), Some("nodes"));
    assert_eq!(
        error.message,
        "a \",\" after the last item of a list (the \",\" at line 1, column 20), which JSON does \
         not allow: remove it"
    );
}

#[test]
fn text_after_the_json_says_where_the_json_ended() {
    let error = syntax_error("{\"nodes\": [], \"links\": []}\n}\n");
    assert_eq!((error.line, error.column), (2, 1));
    assert_eq!(error.json_path, None);
    assert_eq!(
        error.message,
        "the JSON ended at line 1, column 26, but more follows: found \"}\""
    );
    // Two documents: the second one is named for what it is.
    let error = syntax_error("{\"nodes\": [], \"links\": []}\n{\"nodes\": []}\n");
    assert_eq!(
        error.message,
        "the JSON ended at line 1, column 26, but more follows: found \"{\"; a JSON file holds one \
         value (JSON lines, one whole object on each line, are read when every line is one)"
    );
}

#[test]
fn nesting_too_deep_says_so() {
    let text = format!(
        "{{\"nodes\": [], \"graph\": {}{}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    let error = syntax_error(&text);
    assert_eq!(error.line, 1);
    assert!(
        error
            .json_path
            .as_deref()
            .is_some_and(|path| path.starts_with("graph[0][0]")),
        "{:?}",
        error.json_path
    );
    assert_eq!(
        error.message,
        "lists and objects are nested more than 128 deep here, deeper than Chainsight reads"
    );
    // Long keys all the way down: the path is cut, as every path of a message is.
    let key = "k".repeat(300);
    let text = format!(
        "{}1{}",
        format!("{{\"{key}\": ").repeat(200),
        "}".repeat(200)
    );
    let error = syntax_error(&text);
    let path = error.json_path.unwrap_or_default();
    assert!(path.len() < 1100, "{} bytes", path.len());
    assert!(path.ends_with("more bytes not shown)"), "{path}");
    assert!(path.starts_with(&format!("{}…", "k".repeat(100))), "{path}");
}

/// A Python dict's text gets the plain words and the hint.
#[test]
fn python_s_true_and_single_quotes_are_named() {
    let error = syntax_error_in("graph.cyjs", "{\"directed\": True, \"nodes\": []}");
    assert_eq!((error.line, error.column), (1, 14));
    assert!(
        error.message.starts_with(
            "expected a value (a string in double quotes, a number, true, false, null, a list \
             or an object), found \"True\"; JSON writes true, false and null in lower case; this \
             looks like a Python dict"
        ),
        "{}",
        error.message
    );
}

/// FollowTheMoney's JSON lines: a broken line is reported as that line, not as more text after
/// the first.
#[test]
fn a_broken_line_of_json_lines_is_reported_at_that_line() {
    let text = concat!(
        "{\"id\": \"c1\", \"schema\": \"Company\", \"properties\": {\"name\": [\"IBM\"]}}\n",
        "{\"id\": \"c2\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Huawei\"]}\n",
        "{\"id\": \"c3\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Cisco\"]}}\n",
    );
    let error = syntax_error_in("entities.ftm", text);
    assert_eq!((error.line, error.column), (2, 68));
    assert_eq!(error.json_path, None);
    assert_eq!(
        error.message,
        "line 2 ends inside an object (the { at line 2, column 1 is never closed); in JSON lines \
         (as FollowTheMoney writes them) each line holds one whole JSON object"
    );
    let text = concat!(
        "{\"id\": \"c1\", \"schema\": \"Company\", \"properties\": {\"name\": [\"IBM\"]}}\n",
        "{\"id\": \"c2\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Huawei]}}\n",
    );
    let error = syntax_error_in("entities.ftm", text);
    assert_eq!(error.line, 2);
    assert_eq!(error.json_path.as_deref(), Some("properties.name[0]"));
    assert!(
        error.message.starts_with(
            "line 2 ends inside a text value (the string opened with \" at line 2, column 59"
        ),
        "{}",
        error.message
    );
}

/// Every JSON format, cut short inside a string: the same words, with the path being read.
#[test]
fn every_json_format_cut_short_says_so_with_its_path() {
    for (format, text, path) in [
        (
            "Chainsight",
            "{\"format\": \"chainsight\", \"version\": 1, \"entities\": [{\"id\": \"a\", \"name\": \"Ac",
            "entities[0].name",
        ),
        ("node-link", CUT_IN_A_LABEL, "nodes[1].label"),
        (
            "vis-network",
            "{\"nodes\": [{\"id\": 1, \"label\": \"a\"}], \"edges\": [{\"from\": 1, \"to\": 1, \"title\": \"x",
            "edges[0].title",
        ),
        (
            "Cytoscape.js",
            "{\"elements\": {\"nodes\": [{\"data\": {\"id\": \"a\", \"name\": \"Ac",
            "elements.nodes[0].data.name",
        ),
        (
            "JSON Graph Format",
            "{\"graph\": {\"directed\": true, \"nodes\": {\"a\": {\"label\": \"Ac",
            "graph.nodes.a.label",
        ),
        (
            "Gephi Lite",
            "{\"type\": \"gephi-lite\", \"graphDataset\": {\"nodeData\": {\"a\": {\"label\": \"Ac",
            "graphDataset.nodeData.a.label",
        ),
        (
            "graphology",
            "{\"options\": {\"type\": \"directed\"}, \"nodes\": [{\"key\": \"a\", \"attributes\": {\"label\": \"Ac",
            "nodes[0].attributes.label",
        ),
        (
            "Oligrapher",
            "{\"graph\": {\"nodes\": {\"1\": {\"id\": 1, \"name\": \"Ac",
            "graph.nodes.1.name",
        ),
        (
            "Kumu",
            "{\"elements\": [{\"label\": \"Acme\"}], \"connections\": [{\"from\": \"Acme\", \"to\": \"Ac",
            "connections[0].to",
        ),
        (
            "FollowTheMoney",
            "{\"id\": \"c1\", \"schema\": \"Company\", \"properties\": {\"name\": [\"IB",
            "properties.name[0]",
        ),
    ] {
        let error = syntax_error(text);
        assert_eq!(error.json_path.as_deref(), Some(path), "{format}");
        assert!(
            error
                .message
                .starts_with("the file ends inside a text value (the string opened with \" at"),
            "{format}: {}",
            error.message
        );
        assert!(
            error.message.ends_with("it may have been cut short"),
            "{format}: {}",
            error.message
        );
    }
}

/// The streaming node-link reader checks what follows the document itself.
#[test]
fn text_after_a_streamed_node_link_document_is_named() {
    let error = syntax_error("{\"nodes\": [{\"id\": \"a\"}], \"links\": []} x");
    assert_eq!((error.line, error.column), (1, 39));
    assert_eq!(
        error.message,
        "the JSON ended at line 1, column 37, but more follows: found \"x\""
    );
}

/// Well-formed JSON of the wrong shape is a structure error, in plain words too.
#[test]
fn a_key_given_twice_in_a_chainsight_file_is_named() {
    let text = "{\"format\": \"chainsight\", \"version\": 1, \"entities\": [],\n \"relations\": [], \"entities\": []}";
    let error = formats::load_bytes("twice.json", text.as_bytes()).unwrap_err();
    let shown = error.to_string();
    assert!(matches!(error, LoadError::Structure { .. }), "{error:?}");
    assert_eq!(error.position().map(|p| (p.line, p.column)), Some((2, 28)));
    assert!(
        shown.ends_with("at .: the key \"entities\" is given twice; give it once"),
        "{shown}"
    );
}

/// An old Mac file ends its lines with a lone "\r", which serde_json does not count as a line
/// end: each error is named at the line and column an editor shows, the same as in the file
/// with "\n" or "\r\n" line ends.
#[test]
fn errors_in_a_file_with_old_mac_line_ends_name_the_right_line() {
    let cases: [(&str, &str); 6] = [
        // A comma missing (a syntax error at serde_json's place).
        (
            "broken.json",
            "{\"directed\": true,\n \"nodes\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\" \"label\": \"x\"}\n ],\n \"links\": []}\n",
        ),
        // A closing quote missing (reported where the line ends).
        (
            "broken.json",
            "{\"directed\": true,\n \"nodes\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"label\": \"Bolt\n  }\n ]}\n",
        ),
        // Cut short (the message names where the brackets left open were opened).
        (
            "broken.json",
            "{\"directed\": true,\n \"nodes\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\"",
        ),
        // Well-formed, of the wrong shape (a place found from the JSON path).
        (
            "links.json",
            "{\"directed\": true,\n \"nodes\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\"}\n ],\n \"links\": [\n  {\"source\": \"a\"}\n ]}\n",
        ),
        // Well-formed, of the wrong shape (serde_json's place).
        (
            "twice.json",
            "{\"format\": \"chainsight\", \"version\": 1, \"entities\": [],\n \"relations\": [],\n \"entities\": []}",
        ),
        // Text after the JSON.
        ("broken.json", "{\"nodes\": [],\n \"links\": []}\n\n x"),
    ];
    for (file, unix) in cases {
        let expected = formats::load_bytes(file, unix.as_bytes()).unwrap_err();
        let expected_at = expected.position().expect("a place in the text");
        assert!(expected_at.line > 1, "{expected}");
        for ends in ["\r", "\r\n"] {
            let text = unix.replace('\n', ends);
            let error = formats::load_bytes(file, text.as_bytes()).unwrap_err();
            assert_eq!(
                error.position(),
                Some(expected_at),
                "{ends:?}: {error} (with \\n: {expected})"
            );
            assert_eq!(error.to_string(), expected.to_string(), "{ends:?}");
        }
    }
}

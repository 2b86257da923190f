//! `chainsight path`, run as a user runs it.

use std::process::Output;

#[path = "common/binary.rs"]
mod binary;
use binary::{builtin, chainsight};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn json_lists_paths_shortest_first_with_every_hops_evidence() {
    let file = builtin();
    let output = chainsight(&[
        "path",
        &file,
        "--from",
        "ibm",
        "--to",
        "Xinjiang",
        "-k",
        "3",
        "--directed",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("one JSON object");
    let paths = value["paths"].as_array().expect("paths");
    assert!(!paths.is_empty() && paths.len() <= 3);
    let lengths: Vec<usize> = paths
        .iter()
        .map(|p| p["hops"].as_array().unwrap().len())
        .collect();
    assert!(lengths.windows(2).all(|w| w[0] <= w[1]), "{lengths:?}");
    for path in paths {
        let hops = path["hops"].as_array().unwrap();
        assert_eq!(hops.first().unwrap()["from"], "IBM");
        assert_eq!(hops.last().unwrap()["to"], "Xinjiang");
        for pair in hops.windows(2) {
            assert_eq!(pair[0]["to"], pair[1]["from"], "hops join up");
        }
        for hop in hops {
            assert_eq!(
                hop["forward"], true,
                "--directed follows the links' direction"
            );
            let evidence = hop["evidence"].as_array().unwrap();
            assert!(!evidence.is_empty());
            assert!(
                evidence
                    .iter()
                    .all(|e| e["quote"].as_str().is_some_and(|q| !q.is_empty()))
            );
            assert!(
                hop["relation"].is_string() && hop["status"].is_string() && hop["years"].is_array()
            );
        }
    }
}

#[test]
fn reported_only_leaves_hedged_links_out() {
    let file = builtin();
    let output = chainsight(&[
        "path",
        &file,
        "--from",
        "Microsoft",
        "--to",
        "Xinjiang",
        "-k",
        "5",
        "--reported-only",
        "--json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    for path in value["paths"].as_array().unwrap() {
        for hop in path["hops"].as_array().unwrap() {
            assert_eq!(hop["status"], "reported");
        }
    }
}

#[test]
fn chain_only_walks_only_steps_along_the_chain() {
    let file = builtin();
    let output = chainsight(&[
        "path",
        &file,
        "--from",
        "IBM",
        "--to",
        "Urumqi Public Security Bureau",
        "-k",
        "5",
        "--chain-only",
        "--json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let paths = value["paths"].as_array().unwrap();
    assert!(!paths.is_empty());
    for path in paths {
        for hop in path["hops"].as_array().unwrap() {
            let relation = hop["relation"].as_str().unwrap();
            assert!(
                !["criticized", "partnered_with", "other", "promoted"].contains(&relation),
                "{relation} is no step along the chain"
            );
        }
    }
}

#[test]
fn text_output_reads_as_a_chain() {
    let file = builtin();
    let output = chainsight(&["path", &file, "--from", "IBM", "--to", "Huawei", "-k", "1"]);
    let out = stdout(&output);
    assert!(out.starts_with("Path 1 (1 hop):"), "{out}");
    assert!(out.contains("IBM —") && out.contains("→ Huawei"), "{out}");
    assert!(out.contains('“'), "quotes are printed: {out}");
    // A quote that opens with its own quotation mark (William Xu's) gets no second one.
    assert!(out.contains("“Collaborating with IBM"), "{out}");
    assert!(!out.contains("““"), "a doubled quotation mark: {out}");
    // IBM and Huawei have more than one relation: the others are named under the hop.
    assert!(
        out.contains("also between them: IBM —"),
        "the other relations between the hop's ends: {out}"
    );
}

#[test]
fn an_unknown_name_is_an_error_listing_candidates() {
    let file = builtin();
    let output = chainsight(&["path", &file, "--from", "IBM", "--to", "Urumqi police"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.starts_with("error: no entity is named \"Urumqi police\"; did you mean"),
        "{out}"
    );
    assert!(out.contains("Urumqi Public Security Bureau"), "{out}");
}

#[test]
fn no_path_within_the_limits_exits_1() {
    let file = builtin();
    let output = chainsight(&[
        "path",
        &file,
        "--from",
        "IBM",
        "--to",
        "Xinjiang",
        "--max-hops",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("No path"));
}

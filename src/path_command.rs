//! `chainsight path FILE --from NAME --to NAME`: how one entity reaches another, headless, as
//! readable chains or one JSON object. Names are matched against names and aliases; an unknown
//! or ambiguous name is an error that lists the candidates.

use std::path::Path;

use serde_json::{Value, json};

use crate::formats::{self, escape_controls};
use crate::model::paths::{self, PathOptions};
use crate::model::{Dataset, EntityIdx, Network};
use crate::view::search::{self, HitTarget};

/// What `chainsight path` was asked.
#[derive(Clone, Debug)]
pub struct PathRequest<'a> {
    pub file: &'a Path,
    pub from: &'a str,
    pub to: &'a str,
    pub options: PathOptions,
    pub json: bool,
}

/// Runs the command; returns the exit code (0: paths found, 1: none or an error).
pub fn run(request: &PathRequest<'_>) -> i32 {
    let loaded = match formats::load_path(request.file) {
        Ok(loaded) => loaded,
        Err(error) => {
            outln!("error: {}", escape_controls(&error.to_string()));
            return 1;
        }
    };
    let dataset = &loaded.dataset;
    let ends = resolve(dataset, request.from)
        .and_then(|from| resolve(dataset, request.to).map(|to| (from, to)));
    let (from, to) = match ends {
        Ok(ends) => ends,
        Err(message) => {
            outln!("error: {}", escape_controls(&message));
            return 1;
        }
    };
    let network = Network::build(dataset);
    let found = paths::k_shortest_paths(dataset, &network, from, to, request.options, &|_| true);
    if request.json {
        outln!("{}", paths_json(dataset, &found));
    } else {
        print_chains(dataset, &network, &found, from, to);
    }
    i32::from(found.is_empty())
}

/// The one entity whose name or alias is `name` (ignoring case), or an error naming the
/// candidates.
pub fn resolve(dataset: &Dataset, name: &str) -> Result<EntityIdx, String> {
    let wanted = name.trim();
    let exact: Vec<EntityIdx> = dataset
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.name.trim().eq_ignore_ascii_case(wanted)
                || e.aliases
                    .iter()
                    .any(|a| a.trim().eq_ignore_ascii_case(wanted))
        })
        .map(|(i, _)| EntityIdx(i))
        .collect();
    let describe = |e: EntityIdx| {
        dataset
            .entity(e)
            .map(|e| format!("\"{}\" (id {})", e.name, e.entity_id))
            .unwrap_or_default()
    };
    match exact.as_slice() {
        [one] => Ok(*one),
        [] => {
            let candidates: Vec<String> = search::search(dataset, wanted)
                .into_iter()
                .filter_map(|hit| match hit.target {
                    HitTarget::Entity(e) => Some(describe(e)),
                    _ => None,
                })
                .take(5)
                .collect();
            if candidates.is_empty() {
                Err(format!("no entity is named \"{wanted}\""))
            } else {
                Err(format!(
                    "no entity is named \"{wanted}\"; did you mean {}?",
                    candidates.join(", ")
                ))
            }
        }
        many => Err(format!(
            "\"{wanted}\" names {} entities: {}; use a more precise name",
            many.len(),
            many.iter()
                .map(|&e| describe(e))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// `{"paths": [{"hops": [{"from", "to", "relation", "label", "years", "status", "evidence"}]}]}`.
pub fn paths_json(dataset: &Dataset, found: &[paths::Path]) -> Value {
    let name = |e: EntityIdx| dataset.entity(e).map(|e| e.name.clone());
    let paths: Vec<Value> = found
        .iter()
        .map(|path| {
            let entities = path.entities(dataset);
            let hops: Vec<Value> = path
                .hops
                .iter()
                .zip(entities.windows(2))
                .filter_map(|(hop, pair)| {
                    let relation = dataset.relation(hop.relation)?;
                    let years = match relation.when.years() {
                        Some((first, last)) if first == last => vec![first],
                        Some((first, last)) => vec![first, last],
                        None => Vec::new(),
                    };
                    let evidence: Vec<Value> = relation
                        .evidence
                        .iter()
                        .map(|e| {
                            json!({
                                "quote": e.quote,
                                "source": e.source.and_then(|s| dataset.source(s)).map(|s| s.title.clone()),
                                "speaker": e.speaker.as_ref().map(crate::model::Speaker::display),
                            })
                        })
                        .collect();
                    Some(json!({
                        "from": name(*pair.first()?),
                        "to": name(*pair.get(1)?),
                        "relation": relation.kind.as_str(),
                        "label": relation.label,
                        "forward": hop.forward,
                        "years": years,
                        "status": relation.status.as_str(),
                        "evidence": evidence,
                    }))
                })
                .collect();
            json!({ "hops": hops })
        })
        .collect();
    json!({ "paths": paths })
}

fn print_chains(
    dataset: &Dataset,
    network: &Network,
    found: &[paths::Path],
    from: EntityIdx,
    to: EntityIdx,
) {
    let name = |e: EntityIdx| escape_controls(dataset.entity(e).map_or("?", |e| e.name.as_str()));
    if found.is_empty() {
        outln!(
            "No path from {} to {} within these limits.",
            name(from),
            name(to)
        );
        return;
    }
    for (number, path) in found.iter().enumerate() {
        let hops = path.hops.len();
        outln!(
            "Path {} ({}):",
            number + 1,
            crate::words::counted(hops, "hop", "hops")
        );
        let entities = path.entities(dataset);
        for (hop, pair) in path.hops.iter().zip(entities.windows(2)) {
            let (Some(relation), [a, b]) = (dataset.relation(hop.relation), pair) else {
                continue;
            };
            let mut label = relation.phrase().to_owned();
            if let Some(when) = relation.when.display() {
                label = format!("{label} ({when})");
            }
            if relation.status.is_hedged() {
                label = format!("{label}, {}", relation.status.as_str());
            }
            let arrow = relation.arrow(&label, hop.forward);
            outln!("  {} {} {}", name(*a), escape_controls(&arrow), name(*b));
            // A path is a route through entities: the other relations between the same two.
            let others = network
                .between(*a, *b)
                .into_iter()
                .filter(|&r| r != hop.relation);
            for other in others.filter_map(|r| dataset.relation(r)) {
                let arrow = other.arrow(other.phrase(), other.source == *a);
                outln!(
                    "    also between them: {} {} {}",
                    name(*a),
                    escape_controls(&arrow),
                    name(*b)
                );
            }
            for evidence in &relation.evidence {
                let speaker = evidence
                    .speaker
                    .as_ref()
                    .map(|s| format!("{} {}: ", dataset.speaker_verb(evidence), s.display()))
                    .unwrap_or_default();
                outln!(
                    "      {}{}",
                    escape_controls(&speaker),
                    escape_controls(&crate::words::in_quotation_marks(evidence.quote.trim()))
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_resolve_ignoring_case() {
        let dataset = formats::load_builtin().unwrap().dataset;
        let ibm = dataset.entity_by_name("IBM").unwrap();
        assert_eq!(resolve(&dataset, "ibm"), Ok(ibm));
        assert_eq!(
            resolve(&dataset, "International Business Machines"),
            Ok(ibm)
        );
    }

    #[test]
    fn an_unknown_name_lists_candidates() {
        let dataset = formats::load_builtin().unwrap().dataset;
        let error = resolve(&dataset, "Urumqi police").unwrap_err();
        assert!(error.contains("did you mean"), "{error}");
        assert!(error.contains("Urumqi"), "{error}");
    }
}

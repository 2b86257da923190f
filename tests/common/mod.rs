//! Helpers shared by the integration tests.

use std::collections::BTreeMap;

use chainsight::model::{Dataset, EntityIdx, Source, SourceIdx};

/// Everything about a dataset that must survive a round trip, with indices replaced by ids so
/// that two datasets compare whatever their internal order; every source counts, cited or not.
pub fn essentials(d: &Dataset) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let describe_source = |s: &Source| {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            s.source_id, s.title, s.kind, s.author, s.publisher, s.date, s.url, s.text_file
        )
    };
    let source = |idx: Option<SourceIdx>| idx.and_then(|i| d.source(i)).map(describe_source);
    let entity_id = |idx: EntityIdx| {
        d.entity(idx)
            .map(|e| e.entity_id.clone())
            .unwrap_or_default()
    };
    for s in &d.sources {
        out.insert(format!("source {:?}", s.source_id), describe_source(s));
    }
    for e in &d.entities {
        out.insert(
            format!("entity {:?}", e.entity_id),
            format!(
                "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
                e.name, e.kind, e.aliases, e.country, e.description, e.url, e.attributes
            ),
        );
    }
    for r in &d.relations {
        let evidence: Vec<String> = r
            .evidence
            .iter()
            .map(|ev| {
                let cites: Vec<_> = ev.cites.iter().map(|&c| source(Some(c))).collect();
                format!(
                    "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
                    ev.quote,
                    source(ev.source),
                    ev.locator,
                    cites,
                    ev.note,
                    ev.speaker
                )
            })
            .collect();
        out.insert(
            format!("relation {:?}", r.relation_id),
            format!(
                "{:?}->{:?}|{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{:?}",
                entity_id(r.source),
                entity_id(r.target),
                r.kind,
                r.label,
                r.when,
                r.status,
                r.directed,
                r.weight,
                r.attributes,
                evidence
            ),
        );
    }
    for (idx, p) in &d.positions {
        // + 0.0: −0 and 0 are one place (GEXF and GraphML store y turned, as 0 − y).
        out.insert(
            format!("position {:?}", entity_id(*idx)),
            format!("{:?},{:?}", p.x + 0.0, p.y + 0.0),
        );
    }
    out.insert("title".into(), d.metadata.title.clone());
    out
}

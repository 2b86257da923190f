//! Maltego graphs (`.mtgx`): the GraphML inside the archive, read as GraphML is.

use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::path::Path;

use chainsight::formats::{self, LoadError, Loaded};
use chainsight::model::{EntityIdx, EntityKind};

fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/maltego")
            .join(relative),
    )
    .unwrap()
}

/// A ZIP archive of `entries` (name, content), as Maltego writes one.
fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn graph(node: &str) -> String {
    format!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"directed\">\
         <node id=\"{node}\"/><node id=\"b\"/><edge source=\"{node}\" target=\"b\"/></graph></graphml>"
    )
}

#[test]
fn a_maltego_archive_opens_as_the_graph_it_holds() {
    let loaded: Loaded = formats::load_path(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/maltego/huawei_case.mtgx"),
    )
    .unwrap();
    assert_eq!(loaded.report.file, "huawei_case.mtgx");
    assert_eq!(loaded.dataset.metadata.title, "huawei_case.mtgx");
    assert!(
        loaded.report.format.starts_with("Maltego graph"),
        "{}",
        loaded.report.format
    );
    let d = &loaded.dataset;
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Huawei Technologies", "Ren Zhengfei", "huawei.com"]);
    let huawei = &d.entities[0];
    assert_eq!(huawei.kind, EntityKind::Company);
    assert_eq!(huawei.country.as_deref(), Some("China"));
    assert_eq!(
        huawei.description.as_deref(),
        Some("Telecoms giant named throughout the article.")
    );
    let ren = &d.entities[1];
    assert_eq!(ren.kind, EntityKind::Person);
    assert_eq!(ren.attributes["First Names"], "Zhengfei");
    // A type of Maltego's own that is none of Chainsight's kinds stays as written.
    assert_eq!(d.entities[2].attributes["kind"], "Domain");
    // Where Maltego drew them.
    let position = |at: usize| {
        d.positions
            .iter()
            .find(|(idx, _)| *idx == EntityIdx(at))
            .map(|(_, p)| (p.x, p.y))
    };
    assert_eq!(position(0), Some((-120.0, 40.0)));
    assert_eq!(position(2), Some((-40.0, 160.0)));
    // A typed-in link: its label, its description the analyst's words (not a quote from a
    // source); a transform's, labelled
    // only by the transform's name: what the transform found, and which transform.
    let founded = &d.relations[0];
    assert_eq!(founded.display_label(), "founded");
    assert_eq!(d.entities[founded.source.0].name, "Ren Zhengfei");
    assert_eq!(
        founded.attributes["description"],
        "Founded the company in 1987."
    );
    assert!(founded.evidence.is_empty());
    assert!(
        !founded.attributes.contains_key("Color"),
        "{:?}",
        founded.attributes
    );
    let found_domain = &d.relations[1];
    assert_eq!(found_domain.display_label(), "has domain");
    assert_eq!(
        found_domain.attributes["Transform"],
        "paterva.v2.CompanyToDomain"
    );
    assert_eq!(
        found_domain.attributes["Transform name"],
        "To Domain [Company]"
    );
    assert!(
        !loaded.report.notes.iter().any(|n| n.contains("yEd")),
        "{:?}",
        loaded.report.notes
    );
    // The bytes alone, under any name, are recognised too.
    let again = formats::load_bytes("download", &fixture("huawei_case.mtgx")).unwrap();
    assert_eq!(again.dataset.entities.len(), 3);
}

#[test]
fn of_several_graphs_the_first_is_read_and_the_others_named() {
    let bytes = archive(&[
        ("version.properties", "maltego.graph.version=1.3\n"),
        ("Graphs/Graph10.graphml", &graph("ten")),
        ("Graphs/Graph2.graphml", &graph("two")),
        ("Graphs/Graph1.graphml", &graph("one")),
    ]);
    let loaded = formats::load_bytes("three.mtgx", &bytes).unwrap();
    assert_eq!(loaded.dataset.entities[0].name, "one");
    assert!(
        loaded.report.notes.contains(
            &"2 other graphs of this archive not read: Graphs/Graph2.graphml, Graphs/Graph10.graphml"
                .to_owned()
        ),
        "{:?}",
        loaded.report.notes
    );
}

/// A link Maltego draws reversed (`maltego.link.is_reversed`) goes the way it is drawn.
#[test]
fn a_reversed_link_goes_the_way_maltego_draws_it() {
    let link = |id: &str, reversed: &str| {
        format!(
            "<edge source=\"a\" target=\"b\" id=\"{id}\"><data key=\"d2\">\
             <mtg:MaltegoLink xmlns:mtg=\"http://maltego.paterva.com/xml/mtgx\" \
             type=\"maltego.link.manual-link\"><mtg:Properties>\
             <mtg:Property name=\"maltego.link.is_reversed\" type=\"boolean\">\
             <mtg:Value>{reversed}</mtg:Value></mtg:Property></mtg:Properties>\
             </mtg:MaltegoLink></data></edge>"
        )
    };
    let text = format!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\
         <key attr.name=\"MaltegoLink\" for=\"edge\" id=\"d2\"/><graph edgedefault=\"directed\">\
         <node id=\"a\"/><node id=\"b\"/>{}{}</graph></graphml>",
        link("e0", "true"),
        link("e1", "false")
    );
    let bytes = archive(&[("Graphs/Graph1.graphml", &text)]);
    let d = formats::load_bytes("case.mtgx", &bytes).unwrap().dataset;
    let ends: Vec<(&str, &str)> = d
        .relations
        .iter()
        .map(|r| {
            (
                d.entities[r.source.0].name.as_str(),
                d.entities[r.target.0].name.as_str(),
            )
        })
        .collect();
    assert_eq!(ends, [("b", "a"), ("a", "b")]);
}

#[test]
fn a_broken_graph_is_named_inside_the_archive_at_its_line() {
    let bytes = archive(&[(
        "Graphs/Graph1.graphml",
        "<graphml>\n<graph>\n<node id=\"a\">\n</graph></graphml>",
    )]);
    let error = formats::load_bytes("case.mtgx", &bytes).unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error}");
    assert!(
        error
            .to_string()
            .starts_with("case.mtgx › Graphs/Graph1.graphml: line 4"),
        "{error}"
    );
}

/// The fixture's links, each as (source name, label, target name), in file order.
fn links(d: &chainsight::model::Dataset) -> Vec<(&str, Option<&str>, &str)> {
    d.relations
        .iter()
        .map(|r| {
            (
                d.entities[r.source.0].name.as_str(),
                r.label.as_deref(),
                d.entities[r.target.0].name.as_str(),
            )
        })
        .collect()
}

/// A link a transform made, labelled only by the transform's name, reads as what the
/// transform found where that is an online identifier of the source's ("has domain"), and
/// with no label otherwise, never as the transform's name; a label someone typed, or one a
/// transform chose, stays as it is. The transform is kept either way.
#[test]
fn a_link_made_by_a_transform_reads_as_what_it_found() {
    let loaded = formats::load_bytes("case.mtgx", &fixture("transform_links.mtgx")).unwrap();
    let d = &loaded.dataset;
    let company = "Northwind Surveillance Ltd";
    let domain = "northwind-surveillance.example";
    let website = "www.northwind-surveillance.example";
    assert_eq!(
        links(d),
        [
            (company, Some("has domain"), domain),
            (domain, Some("has website"), website),
            (
                domain,
                Some("has email address"),
                "sales@northwind-surveillance.example"
            ),
            (website, Some("has IPv4 address"), "203.0.113.24"),
            (company, Some("registered office line"), "+44 20 7946 0321"),
            (domain, None, "Dana Whitlock"),
            (domain, None, "Leeds, United Kingdom"),
            (website, Some("has URL"), "Partners – Northwind"),
            ("Dana Whitlock", Some("director of"), company),
            (company, Some("member of"), "Safe Streets Consortium"),
        ]
    );
    // Nothing of the transform is lost.
    let whois = &d.relations[5];
    assert_eq!(
        whois.attributes["Transform"],
        "paterva.v2.DomainToPerson_Whois"
    );
    assert_eq!(whois.attributes["Transform name"], "To Person [WHOIS]");
    assert_eq!(whois.display_label(), "related to");
    assert!(!whois.has_phrase(), "drawn only when pointed at");
    let chosen = &d.relations[4];
    assert_eq!(
        chosen.attributes["Transform name"],
        "To Phone numbers [Companies House]"
    );
    // How Maltego draws a link is not kept; when the transform ran is.
    assert!(!whois.attributes.contains_key("Color"));
    assert_eq!(whois.attributes["Date Run"], "2024-03-11 10:42:07.118 UTC");
    // A typed link keeps its description as the analyst's words, not as a quote.
    assert_eq!(
        d.relations[8].attributes["description"],
        "Listed as a director in the company's 2022 annual return."
    );
    assert!(d.relations[8].evidence.is_empty());
    assert!(
        loaded.report.notes.contains(
            &"7 links labelled only by the name of the Maltego transform that made them: 5 read \
              as what the transform found (“has domain”, “has website”, “has email address”, \
              “has IPv4 address”, “has URL”), 2 left with no label, as a link no one labelled \
              is; the transform is kept as the attributes “Transform” and “Transform name”"
                .to_owned()
        ),
        "{:?}",
        loaded.report.notes
    );
}

/// A Maltego link of `properties` (name, value) from `a` to `b`, in a graph of `a` (`a_type`)
/// and `b` (`b_type`), read.
fn one_link(a_type: &str, b_type: &str, link_type: &str, properties: &[(&str, &str)]) -> Loaded {
    let entity = |id: &str, kind: &str| {
        format!(
            "<node id=\"{id}\"><data key=\"d0\"><mtg:MaltegoEntity xmlns:mtg=\"m\" \
             type=\"{kind}\"><mtg:Properties><mtg:Property name=\"title\">\
             <mtg:Value>{id}</mtg:Value></mtg:Property></mtg:Properties></mtg:MaltegoEntity>\
             </data></node>"
        )
    };
    let mut written = String::new();
    for (name, value) in properties {
        write!(
            written,
            "<mtg:Property name=\"{name}\"><mtg:Value>{value}</mtg:Value></mtg:Property>"
        )
        .unwrap();
    }
    let properties = written;
    let text = format!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\
         <key attr.name=\"MaltegoEntity\" for=\"node\" id=\"d0\"/>\
         <key attr.name=\"MaltegoLink\" for=\"edge\" id=\"d2\"/>\
         <graph edgedefault=\"directed\"><edge source=\"a\" target=\"b\"><data key=\"d2\">\
         <mtg:MaltegoLink xmlns:mtg=\"m\" type=\"{link_type}\"><mtg:Properties>{properties}\
         </mtg:Properties></mtg:MaltegoLink></data></edge>{}{}</graph></graphml>",
        entity("a", a_type),
        entity("b", b_type),
    );
    formats::load_bytes("case.graphml", text.as_bytes()).unwrap()
}

#[test]
fn a_transform_s_name_is_no_relation_whatever_it_finds() {
    let transform = "maltego.link.transform-link";
    let label = |loaded: &Loaded| loaded.dataset.relations[0].label.clone();
    // Listed before the entities it joins, in Maltego's GraphML alone.
    let found = one_link(
        "maltego.Person",
        "maltego.PhoneNumber",
        transform,
        &[
            ("maltego.link.label", "To Phone numbers [Whitepages]"),
            (
                "maltego.link.transform.name",
                "acme.PersonToPhoneNumber_Whitepages",
            ),
        ],
    );
    assert_eq!(label(&found).as_deref(), Some("has phone number"));
    // A domain found from another domain is not one it has.
    let sibling = one_link(
        "maltego.Domain",
        "maltego.Domain",
        transform,
        &[
            ("maltego.link.label", "To Domains [Sharing this MX]"),
            (
                "maltego.link.transform.name",
                "paterva.v2.DomainToDomain_SharedMX",
            ),
        ],
    );
    assert_eq!(label(&sibling), None);
    assert_eq!(
        sibling.dataset.relations[0].attributes["Transform name"],
        "To Domains [Sharing this MX]"
    );
    // Nor is a transform that finds something else than what the link joins.
    let other = one_link(
        "maltego.Company",
        "maltego.Website",
        transform,
        &[("maltego.link.transform.name", "paterva.v2.CompanyToDomain")],
    );
    assert_eq!(label(&other), None);
    // A label typed on a transform's link is the user's.
    let typed = one_link(
        "maltego.Company",
        "maltego.Domain",
        transform,
        &[
            ("maltego.link.manual.type", "To Domain [Company]"),
            ("maltego.link.label", "To Domain [Company]"),
            ("maltego.link.transform.name", "paterva.v2.CompanyToDomain"),
        ],
    );
    assert_eq!(label(&typed).as_deref(), Some("To Domain [Company]"));
    // A label of the form, which names something else than the transform finds, is the
    // transform's own word.
    let own = one_link(
        "maltego.Company",
        "maltego.Domain",
        transform,
        &[
            ("maltego.link.label", "To be confirmed"),
            ("maltego.link.transform.name", "paterva.v2.CompanyToDomain"),
        ],
    );
    assert_eq!(label(&own).as_deref(), Some("To be confirmed"));
    // A link drawn by hand is no transform's, whatever its label.
    let manual = one_link(
        "maltego.Company",
        "maltego.Domain",
        "maltego.link.manual-link",
        &[("maltego.link.label", "To Domain [Company]")],
    );
    assert_eq!(label(&manual).as_deref(), Some("To Domain [Company]"));
    assert!(
        !manual.report.notes.iter().any(|n| n.contains("transform")),
        "{:?}",
        manual.report.notes
    );
}

/// Maltego's types that are Chainsight's kinds are those kinds; the others, online
/// identifiers most of all, keep the name Maltego shows for them, which the panel and the
/// legend say.
#[test]
fn maltego_types_are_kinds_or_keep_the_name_maltego_shows() {
    let kind_of = |maltego_type: &str| {
        let loaded = one_link(
            maltego_type,
            "maltego.Phrase",
            "maltego.link.manual-link",
            &[],
        );
        let entity = loaded.dataset.entities[0].clone();
        (entity.kind, entity.attributes.get("kind").cloned())
    };
    for (maltego_type, kind) in [
        ("maltego.Person", EntityKind::Person),
        ("maltego.Company", EntityKind::Company),
        ("maltego.Organization", EntityKind::Organization),
    ] {
        assert_eq!(kind_of(maltego_type), (kind, None), "{maltego_type}");
    }
    for (maltego_type, name) in [
        ("maltego.Domain", "Domain"),
        ("maltego.Website", "Website"),
        ("maltego.URL", "URL"),
        ("maltego.EmailAddress", "Email Address"),
        ("maltego.PhoneNumber", "Phone Number"),
        ("maltego.IPv4Address", "IPv4 Address"),
        ("maltego.DNSName", "DNS Name"),
        ("maltego.MXRecord", "MX Record"),
        ("maltego.Location", "Location"),
        ("maltego.affiliation.Twitter", "Twitter"),
        ("acme.ShellCompany", "Shell Company"),
        ("acme.Shell-Company", "Shell-Company"),
    ] {
        assert_eq!(
            kind_of(maltego_type),
            (EntityKind::Other, Some(name.to_owned())),
            "{maltego_type}"
        );
    }
}

/// A URL entity is named by its short title, as Maltego labels it, not by its page's title.
#[test]
fn a_url_is_named_by_its_short_title() {
    let text = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\
         <key attr.name=\"MaltegoEntity\" for=\"node\" id=\"d0\"/>\
         <graph edgedefault=\"directed\"><node id=\"u\"><data key=\"d0\">\
         <mtg:MaltegoEntity xmlns:mtg=\"m\" type=\"maltego.URL\"><mtg:Properties>\
         <mtg:Property name=\"url\"><mtg:Value>https://huawei.com/safe-city</mtg:Value></mtg:Property>\
         <mtg:Property name=\"title\"><mtg:Value>Huawei — Safe City solutions for a safer \
         world</mtg:Value></mtg:Property>\
         <mtg:Property name=\"short-title\"><mtg:Value>Safe City</mtg:Value></mtg:Property>\
         </mtg:Properties></mtg:MaltegoEntity></data></node></graph></graphml>";
    let loaded = formats::load_bytes("url.graphml", text.as_bytes()).unwrap();
    let entity = &loaded.dataset.entities[0];
    assert_eq!(entity.name, "Safe City");
    // The page's title and the address are kept.
    assert_eq!(
        entity.description.as_deref(),
        Some("Huawei — Safe City solutions for a safer world")
    );
    assert_eq!(entity.url.as_deref(), Some("https://huawei.com/safe-city"));
}

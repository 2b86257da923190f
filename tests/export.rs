//! Exports of the picture and its evidence: the SVG is well-formed and shows every label of
//! the scene, the PNG has the asked size and the scene's colours, and the appendix lists
//! exactly the relations in view, with nothing a spreadsheet would run.

use std::collections::BTreeSet;

use chainsight::export::{self, HeadlessFonts, PictureRequest};
use chainsight::formats;
use chainsight::model::{EntityIdx, RelationKind};
use chainsight::palette::{Palette, Theme};
use chainsight::scene::{Caption, Scene};
use chainsight::session::Session;
use chainsight::view::{Lens, Selection, View};
use resvg::tiny_skia::Pixmap;

fn settled_builtin() -> Session {
    let mut session = Session::new(formats::load_builtin().unwrap(), None);
    session.layout.settle(3000);
    session
}

fn scene_of(
    fonts: &HeadlessFonts,
    session: &Session,
    view: &View,
    theme: Theme,
    caption: Option<Caption>,
) -> Scene {
    fonts.scene(&PictureRequest {
        session,
        view,
        size: egui::vec2(1280.0, 720.0),
        palette: Palette::of(theme, false),
        caption,
    })
}

/// The SVG of `scene`, checked to be well-formed, and the text of its `<text>` elements.
fn svg_texts(scene: &Scene, fonts: &HeadlessFonts) -> BTreeSet<String> {
    let svg = export::scene_to_svg(scene, fonts);
    let document = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let legend = export::legend_height(&scene.legend, 1280.0, &scene.palette, fonts);
    assert!(legend > 0.0);
    assert_eq!(root.attribute("width"), Some("1280"));
    assert_eq!(
        root.attribute("height").unwrap().parse::<f32>().unwrap(),
        scene.viewport.height() + legend
    );
    assert_eq!(scene.viewport.height() + legend, 720.0);
    let circles = document
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert!(circles >= scene.nodes.len());
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn svg_is_well_formed_sized_to_the_picture_and_shows_every_label() {
    let mut session = settled_builtin();
    // The best-connected entity gets a name full of what XML and text layout find hard.
    let hub = (0..session.dataset.entities.len())
        .max_by_key(|&i| session.index.degree(EntityIdx(i)))
        .unwrap();
    let nasty = "A&B <C> \"q\" 'x' عربي 🙂 \u{1}]]>";
    session.dataset.entities[hub].name = nasty.to_owned();
    let fonts = HeadlessFonts::new();
    let caption = Caption {
        title: "Step 1 & <all>".to_owned(),
        text: "IBM's design, Karamay's \"smart city\", and what Huawei built on it. ".repeat(4),
    };
    let scene = scene_of(
        &fonts,
        &session,
        &View::default(),
        Theme::Dark,
        Some(caption),
    );
    let texts = svg_texts(&scene, &fonts);
    assert!(scene.labels.len() > 10, "{} labels", scene.labels.len());
    for label in &scene.labels {
        // A control character is shown as its Control Picture, as GEXF and GraphML write it.
        let shown = label.text.replace('\u{1}', "\u{2401}");
        assert!(texts.contains(&shown), "label {:?} missing", label.text);
    }
    for item in &scene.legend {
        assert!(texts.contains(&item.text), "legend {:?} missing", item.text);
    }
    assert!(texts.contains("Step 1 & <all>"), "the caption's title");

    // Selected, the hub is labelled whatever else crowds it.
    let view = View {
        selection: Selection::Entity(EntityIdx(hub)),
        ..View::default()
    };
    let scene = scene_of(&fonts, &session, &view, Theme::Light, None);
    let texts = svg_texts(&scene, &fonts);
    assert!(
        texts.contains(&nasty.replace('\u{1}', "\u{2401}")),
        "{texts:?}"
    );
}

#[test]
fn png_has_the_asked_size_the_canvas_and_the_node_colours() {
    let session = settled_builtin();
    let fonts = HeadlessFonts::new();
    for (theme, scale) in [(Theme::Light, 1.0), (Theme::Dark, 2.0)] {
        let scene = scene_of(&fonts, &session, &View::default(), theme, None);
        let svg = export::scene_to_svg(&scene, &fonts);
        let bytes = export::svg_to_png(&svg, scale, &fonts.definitions()).unwrap();
        let pixmap = Pixmap::decode_png(&bytes).expect("a PNG");
        assert_eq!(
            (pixmap.width(), pixmap.height()),
            ((1280.0 * scale) as u32, (720.0 * scale) as u32)
        );
        let pixel = |x: f32, y: f32| {
            let p = pixmap
                .pixel((x * scale) as u32, (y * scale) as u32)
                .unwrap()
                .demultiply();
            [p.red(), p.green(), p.blue(), p.alpha()]
        };
        let canvas = scene.palette.canvas.to_srgba_unmultiplied();
        assert_eq!(pixel(2.0, 2.0), canvas, "{theme:?} background");
        // A node whose centre nothing else covers shows its own fill there.
        let clear = scene
            .nodes
            .iter()
            .filter(|n| n.radius >= 4.0 && n.pinned_dot.is_none())
            .find(|n| {
                scene
                    .nodes
                    .iter()
                    .filter(|o| o.entity != n.entity)
                    .all(|o| o.center.distance(n.center) > o.radius + 2.0)
                    && scene
                        .labels
                        .iter()
                        .all(|l| !l.rect.expand(2.0).contains(n.center))
            })
            .expect("a node in the clear");
        let fill = clear.fill.to_srgba_unmultiplied();
        let seen = pixel(clear.center.x, clear.center.y);
        for channel in 0..4 {
            assert!(
                seen[channel].abs_diff(fill[channel]) <= 3,
                "{theme:?}: node centre {seen:?}, fill {fill:?}"
            );
        }
        assert_ne!(fill, canvas);
    }
}

#[test]
fn png_of_an_absurd_scale_is_refused() {
    let fonts = HeadlessFonts::new();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\"/>";
    assert!(export::svg_to_png(svg, 1000.0, &fonts.definitions()).is_err());
    assert!(export::svg_to_png(svg, 0.0, &fonts.definitions()).is_err());
    let png = export::svg_to_png(svg, 1.0, &fonts.definitions()).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (100, 50));
}

/// The relation ids of the CSV's rows, in order, one per relation.
fn csv_relation_ids(csv: &str) -> Vec<String> {
    // Excel needs the byte-order mark to read the file as UTF-8; the header follows it.
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("the CSV starts with a byte-order mark");
    assert!(csv.starts_with(&export::appendix::CSV_COLUMNS.join(",")));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(0).unwrap().to_owned())
        .collect();
    ids.dedup();
    ids
}

#[test]
fn the_appendix_lists_exactly_the_relations_in_view() {
    let session = settled_builtin();
    let dataset = &session.dataset;
    let all = View::default();
    let lens = Lens::compute(dataset, &session.network, &all);
    let everything: Vec<String> = dataset
        .relations
        .iter()
        .map(|r| r.relation_id.clone())
        .collect();
    assert_eq!(
        csv_relation_ids(&export::appendix_csv(dataset, &lens)),
        everything
    );

    // Hiding one kind of relation leaves exactly the others.
    let hidden = RelationKind::Supplied;
    let mut view = View::default();
    view.filters.hidden_relation_kinds.insert(hidden);
    let lens = Lens::compute(dataset, &session.network, &view);
    let expected: Vec<String> = dataset
        .relations
        .iter()
        .filter(|r| r.kind != hidden)
        .map(|r| r.relation_id.clone())
        .collect();
    assert!(
        expected.len() < everything.len(),
        "the dataset has {hidden:?} relations"
    );
    assert_eq!(
        csv_relation_ids(&export::appendix_csv(dataset, &lens)),
        expected
    );
    let markdown = export::appendix_markdown(dataset, &lens);
    let sections = markdown.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(sections, expected.len());
    for relation in &dataset.relations {
        let listed = markdown.contains(&format!("**Relation id:** {}", relation.relation_id));
        assert_eq!(listed, relation.kind != hidden, "{}", relation.relation_id);
    }
}

#[test]
fn with_an_entity_selected_the_appendix_documents_its_relations_only() {
    let session = settled_builtin();
    let dataset = &session.dataset;
    let huawei = dataset.entity_by_name("Huawei").unwrap();
    let view = View {
        selection: Selection::Entity(huawei),
        ..View::default()
    };
    let lens = Lens::compute(dataset, &session.network, &view);
    let incident: Vec<String> = dataset
        .relations
        .iter()
        .filter(|r| r.source == huawei || r.target == huawei)
        .map(|r| r.relation_id.clone())
        .collect();
    assert!(!incident.is_empty() && incident.len() < dataset.relations.len());
    assert_eq!(
        csv_relation_ids(&export::appendix_csv(dataset, &lens)),
        incident
    );
    let markdown = export::appendix_markdown(dataset, &lens);
    assert_eq!(
        markdown.lines().filter(|l| l.starts_with("## ")).count(),
        incident.len()
    );
    assert!(markdown.contains(&format!(
        "{} relations emphasised in the view (those it shows faded are left out)",
        incident.len()
    )));
}

#[test]
fn the_csv_never_hands_a_spreadsheet_a_formula() {
    let mut session = settled_builtin();
    let formula = "=HYPERLINK(\"http://example.com/x\",\"click\")";
    let relation = session
        .dataset
        .relations
        .iter_mut()
        .find(|r| !r.evidence.is_empty())
        .unwrap();
    relation.evidence[0].quote = formula.to_owned();
    relation.label = Some("-1+1".to_owned());
    let relation_id = relation.relation_id.clone();
    let lens = Lens::compute(&session.dataset, &session.network, &View::default());
    let csv = export::appendix_csv(&session.dataset, &lens);
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");

    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut found = false;
    for record in reader.records() {
        let record = record.unwrap();
        for cell in &record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
        if record.get(0) == Some(relation_id.as_str())
            && record.get(column("evidence_number")) == Some("1")
        {
            assert_eq!(
                record.get(column("quote")),
                Some(format!("'{formula}").as_str())
            );
            assert_eq!(record.get(column("relation_label")), Some("'-1+1"));
            found = true;
        }
    }
    assert!(found);
    // The Markdown keeps the quote's text, escaped only where it would become markup.
    let markdown = export::appendix_markdown(&session.dataset, &lens);
    assert!(markdown.contains("> \\=HYPERLINK(\"http://example.com/x\",\"click\")"));
}

#[test]
fn png_text_falls_back_through_every_font_as_egui_does() {
    // No font has Arabic (nor does egui's), which must not keep the symbols font from
    // drawing the arrow and the tick after it: were both left as "missing" boxes, the two
    // pictures would be the same.
    let fonts = HeadlessFonts::new();
    let picture = |text: &str| {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"60\" \
             font-family=\"{}\"><rect width=\"200\" height=\"60\" fill=\"black\"/>\
             <text x=\"10\" y=\"45\" font-size=\"40\" fill=\"white\">{text}</text></svg>",
            export::svg::FONT_FAMILY.replace('\'', "&apos;")
        );
        export::svg_to_png(&svg, 1.0, &fonts.definitions()).unwrap()
    };
    assert!(
        picture("عب →") != picture("عب ✓"),
        "the arrow and the tick after Arabic are drawn alike"
    );
    assert!(
        picture("→") != picture("✓"),
        "the arrow and the tick are drawn alike"
    );
}

#[test]
fn citations_name_the_sources_author_and_a_bare_citation_has_no_empty_quote() {
    let mut session = Session::new(formats::load_builtin().unwrap(), None);
    let author = session.dataset.sources[0]
        .author
        .clone()
        .expect("the article has an author");
    let lens = Lens::compute(&session.dataset, &session.network, &View::default());
    let markdown = export::appendix_markdown(&session.dataset, &lens);
    assert!(markdown.contains(&author), "the appendix names {author}");
    let csv = export::appendix_csv(&session.dataset, &lens);
    assert!(csv.contains(&author), "the CSV names {author}");

    // Evidence that only cites its source (a spreadsheet's URL column) is no “” quote.
    let relation = session
        .dataset
        .relations
        .iter_mut()
        .find(|r| r.evidence.iter().any(|e| e.source.is_some()))
        .unwrap();
    let evidence = relation
        .evidence
        .iter_mut()
        .find(|e| e.source.is_some())
        .unwrap();
    evidence.quote = "  ".to_owned();
    evidence.speaker = None;
    let bare = evidence.clone();
    let citation = export::appendix::plain_citation(&session.dataset, &bare);
    assert!(citation.contains(&author), "{citation}");
    assert!(!citation.contains('“'), "{citation}");
    let lens = Lens::compute(&session.dataset, &session.network, &View::default());
    let markdown = export::appendix_markdown(&session.dataset, &lens);
    assert!(markdown.contains("Cited without a quote."));
    assert!(!markdown.contains("> \n"), "no empty block quote");
}

/// A section is headed by the words the graph draws on the link: a file's own relation of no
/// particular kind reads as its label ("holder"), not as "related to".
#[test]
fn the_appendix_heads_each_relation_with_its_phrase() {
    let mut session = Session::new(formats::load_builtin().unwrap(), None);
    let relation = &mut session.dataset.relations[0];
    relation.kind = RelationKind::Other;
    relation.label = Some("holder".to_owned());
    let (from, to) = (relation.source, relation.target);
    let name = |e: EntityIdx| session.dataset.entity(e).unwrap().name.clone();
    let lens = Lens::compute(&session.dataset, &session.network, &View::default());
    let markdown = export::appendix_markdown(&session.dataset, &lens);
    let heading = format!("## 1. {} → {}: holder", name(from), name(to));
    assert!(
        markdown.lines().any(|l| l == heading),
        "no {heading:?} in {}",
        markdown.chars().take(500).collect::<String>()
    );
    assert!(markdown.contains("- **Relation:** related to"));
}

/// The text of step `number`'s section of a story page.
fn page_section(page: &str, number: usize) -> &str {
    let start = page
        .find(&format!("id=\"step-{number}\""))
        .unwrap_or_else(|| panic!("no step {number}"));
    let end = page[start..].find("</section>").unwrap() + start;
    &page[start..end]
}

/// A story's web page: one section per step with its picture inline and, word for word, the
/// quotes of the relations it highlights; the font the pictures were measured with is inside
/// it, and nothing is fetched from elsewhere.
#[test]
fn a_story_page_holds_every_step_its_picture_and_its_quotes() {
    let session = settled_builtin();
    let fonts = HeadlessFonts::new();
    let size = egui::vec2(1280.0, 720.0);
    let page = export::story_page(&session, 0, size, Theme::Dark, &fonts).unwrap();
    let story = &session.dataset.stories[0];
    assert_eq!(
        page.matches("<section class=\"step\"").count(),
        story.steps.len()
    );
    assert!(!page.contains("<?xml"), "an inline SVG has no declaration");
    for (at, step) in story.steps.iter().enumerate() {
        let section = page_section(&page, at + 1);
        assert_eq!(section.matches("<svg ").count(), 1, "step {}", at + 1);
        assert!(
            section.contains(&export::svg::escape(&step.title, false)),
            "step {}",
            at + 1
        );
        for &relation in &step.relations {
            for evidence in &session.dataset.relations[relation.0].evidence {
                let quote = export::svg::escape(evidence.quote.trim(), false);
                assert!(section.contains(&quote), "step {} lacks {quote}", at + 1);
            }
        }
    }
    assert!(page.contains("@font-face{font-family:Ubuntu"));
    for fetch in ["src=\"http", "url(http", "@import", "<link "] {
        assert!(!page.contains(fetch), "{fetch}");
    }
    assert!(export::story_page(&session, 1, size, Theme::Dark, &fonts).is_none());
}

/// Words from the file are text on the page, never markup, and only a web address is a link.
#[test]
fn a_story_page_escapes_the_files_words_and_links_only_web_addresses() {
    let mut session = settled_builtin();
    session.dataset.stories[0].title = "<script>alert(1)</script>".to_owned();
    session.dataset.stories[0].steps[0].caption = "\"><img src=x onerror=alert(2)>".to_owned();
    for source in &mut session.dataset.sources {
        source.url = Some("javascript:alert(3)".to_owned());
    }
    let fonts = HeadlessFonts::new();
    let page =
        export::story_page(&session, 0, egui::vec2(1280.0, 720.0), Theme::Light, &fonts).unwrap();
    assert!(!page.contains("<script>alert"), "the title is text");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<img src=x"), "the caption is text");
    assert!(
        !page.contains("href=\"javascript:"),
        "no script address is a link"
    );
    assert!(page.contains("javascript:alert(3)"), "it is shown as text");
}

#[test]
fn svg_rings_a_placeholder_with_a_dashed_line_as_the_window_does() {
    let text = r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <graph edgedefault="directed">
          <node id="a"/><edge source="a" target="ghost"/>
        </graph></graphml>"#;
    let mut session = Session::new(
        formats::load_bytes("t.graphml", text.as_bytes()).unwrap(),
        None,
    );
    session.layout.settle(3000);
    let fonts = HeadlessFonts::new();
    let scene = scene_of(&fonts, &session, &View::default(), Theme::Dark, None);
    let ghost = scene
        .nodes
        .iter()
        .find(|n| n.outline_dash.is_some())
        .expect("the placeholder is dashed");
    let svg = export::scene_to_svg(&scene, &fonts);
    let document = roxmltree::Document::parse(&svg).expect("well-formed");
    let dashed_rings: Vec<roxmltree::Node<'_, '_>> = document
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-dasharray").is_some())
        .filter(|n| {
            let first = n.attribute("points").unwrap().split(' ').next().unwrap();
            let (x, y) = first.split_once(',').unwrap();
            let at = egui::pos2(x.parse().unwrap(), y.parse().unwrap());
            (at.distance(ghost.center) - ghost.radius).abs() < 0.1
        })
        .collect();
    assert_eq!(
        dashed_rings.len(),
        1,
        "one dashed ring round the placeholder"
    );
    // Its disc is filled with the canvas, so it reads as hollow.
    let canvas = format!(
        "#{:02x}{:02x}{:02x}",
        scene.palette.canvas.r(),
        scene.palette.canvas.g(),
        scene.palette.canvas.b()
    );
    assert!(document.descendants().any(|n| n.has_tag_name("circle")
        && n.attribute("fill") == Some(canvas.as_str())
        && n.attribute("stroke").is_none()));
    // And the legend keys it.
    assert!(svg_texts(&scene, &fonts).contains("dashed: named by a link only (1)"));
}

#[test]
fn an_exported_picture_credits_its_dataset_and_main_source_clear_of_every_name() {
    let session = settled_builtin();
    let fonts = HeadlessFonts::new();
    for caption in [None, Caption::of_step(&session.dataset.stories[0], 2)] {
        let scene = scene_of(&fonts, &session, &View::default(), Theme::Dark, caption);
        let (credit, rect) = scene.credit.clone().expect("a credit line");
        assert!(
            credit.starts_with(&session.dataset.metadata.title),
            "{credit}"
        );
        assert!(
            credit.contains("Nafeez Ahmed, Insurge Intelligence"),
            "{credit}"
        );
        assert!(scene.viewport.contains_rect(rect));
        for label in &scene.labels {
            assert!(
                !label.rect.intersects(rect),
                "{} is under the credit",
                label.text
            );
        }
        assert!(svg_texts(&scene, &fonts).contains(&credit));
    }
}

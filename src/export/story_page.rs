//! A story as a web page, to publish or send to someone without Chainsight: one HTML file
//! that fetches nothing (no script, font or picture from elsewhere) holding each step's
//! picture as the presenter shows it (large type, its caption under the graph) and the
//! quoted evidence of the relations the step highlights, each quote with its speaker and
//! source. With scripts on, one step at a time, moved through with ←/→, Page Up/Page Down
//! or Space (what a presentation clicker sends), the address saying which (`#step-3`);
//! without, the steps one under another, as printed.

use std::fmt::Write as _;

use egui::Vec2;

use super::appendix::{Cited, attribution, relations_in_view};
use super::svg::escape;
use super::{HeadlessFonts, PictureRequest, scene_to_svg};
use crate::model::{Dataset, Relation};
use crate::palette::{Palette, Theme};
use crate::scene::Caption;
use crate::session::Session;
use crate::view::{Lens, View};

/// The page of the story at `story` of the session's dataset, each picture `size` points
/// (legend included) in `theme`'s presenter colours, with positions as the session has them;
/// `None` where there is no such story.
pub fn story_page(
    session: &Session,
    story: usize,
    size: Vec2,
    theme: Theme,
    fonts: &HeadlessFonts,
) -> Option<String> {
    let dataset = &session.dataset;
    let story = dataset.stories.get(story)?;
    let palette = Palette::of(theme, true);
    let title = if dataset.metadata.title.trim().is_empty() {
        story.title.clone()
    } else {
        format!("{} \u{2014} {}", story.title, dataset.metadata.title)
    };
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Chainsight\">\n<title>{}</title>\n<style>{}</style>\n\
         </head>\n<body>\n<header>\n<h1>{}</h1>\n<p>{} \u{b7} made with Chainsight</p>\n</header>\n<main>\n",
        escape(&title, false),
        style(&palette, fonts),
        escape(&story.title, false),
        escape(
            &crate::words::counted(story.steps.len(), "step", "steps"),
            false
        ),
    );
    for (at, step) in story.steps.iter().enumerate() {
        let previous = at.checked_sub(1).and_then(|p| story.steps.get(p));
        let view = View::for_story_step(
            dataset,
            (step, previous),
            step.relations.len(),
            &View::default(),
        );
        let scene = fonts.scene(&PictureRequest {
            session,
            view: &view,
            size,
            palette,
            caption: Caption::of_step(story, at),
        });
        let svg = scene_to_svg(&scene, fonts);
        // Inline in HTML, an SVG needs no XML declaration (and may not have one).
        let svg = svg.find("<svg").map_or(svg.as_str(), |start| &svg[start..]);
        let number = at + 1;
        let _ = write!(
            page,
            "<section class=\"step\" id=\"step-{number}\" aria-label=\"Step {number} of {}: {}\">\n\
             <h2>{number}. {}</h2>\n<figure role=\"img\" aria-label=\"{}\">\n{svg}</figure>\n",
            story.steps.len(),
            escape(&step.title, true),
            escape(&step.title, false),
            escape(&step.caption, true),
        );
        let lens = Lens::compute(dataset, &session.network, &view);
        evidence(&mut page, dataset, &relations_in_view(dataset, &lens));
        page.push_str("</section>\n");
    }
    page.push_str(
        "</main>\n<nav hidden>\n<button id=\"previous\">\u{2190} Previous</button>\n\
                   <span id=\"where\" aria-live=\"polite\"></span>\n\
                   <button id=\"next\">Next \u{2192}</button>\n</nav>\n",
    );
    let _ = write!(page, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    Some(page)
}

/// The quoted evidence of a step's relations, under its picture: each relation as the graph
/// words it (its hedge with it), then each quote with what it is attributed to.
fn evidence(page: &mut String, dataset: &Dataset, relations: &[crate::model::RelationIdx]) {
    let shown: Vec<&Relation> = relations
        .iter()
        .filter_map(|&r| dataset.relation(r))
        .collect();
    if shown.is_empty() {
        return;
    }
    let _ = write!(
        page,
        "<details class=\"evidence\">\n<summary>The evidence: {}</summary>\n<ol>\n",
        crate::words::counted(shown.len(), "relation", "relations")
    );
    for relation in shown {
        let name = |e| dataset.entity(e).map_or("", |e| e.name.as_str());
        let when = relation
            .when
            .display()
            .map(|w| format!(" <span class=\"when\">({})</span>", escape(&w, false)))
            .unwrap_or_default();
        let _ = write!(
            page,
            "<li>\n<p class=\"relation\"><strong>{}</strong> \u{2014}{}\u{2192} <strong>{}</strong>{when}</p>\n",
            escape(name(relation.source), false),
            escape(&relation.hedged_phrase(), false),
            escape(name(relation.target), false),
        );
        for evidence in &relation.evidence {
            if evidence.has_quote() {
                let _ = writeln!(
                    page,
                    "<blockquote>{}</blockquote>",
                    escape(evidence.quote.trim(), false)
                );
            }
            let cited: Vec<String> = attribution(dataset, evidence)
                .into_iter()
                .map(|part| match part {
                    Cited::Title(title) => format!("<cite>{}</cite>", escape(&title, false)),
                    Cited::Address(url) => address(&url),
                    Cited::Locator(locator) => format!("at {}", escape(&locator, false)),
                    Cited::Speaker(text) | Cited::Detail(text) => escape(text.trim(), false),
                })
                .collect();
            if !cited.is_empty() {
                let _ = writeln!(page, "<p class=\"cited\">\u{2014} {}</p>", cited.join(", "));
            }
        }
        page.push_str("</li>\n");
    }
    page.push_str("</ol>\n</details>\n");
}

/// A source's web address: a link where it would be opened (http or https), else text, so
/// no `javascript:` address becomes clickable.
fn address(url: &str) -> String {
    match crate::model::openable_url(url) {
        Ok(url) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escape(url, true),
            escape(url, false)
        ),
        Err(_) => escape(&url.trim().escape_debug().to_string(), false),
    }
}

/// The page's look: the presenter's colours, each picture as wide as the window allows.
/// Paged, a step's picture fits one screen with the title above it and the buttons below
/// (at 720p the picture had run under the buttons): its heading, which the picture's caption
/// repeats, is left to screen readers.
fn style(palette: &Palette, fonts: &HeadlessFonts) -> String {
    let hex = |c: egui::Color32| format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b());
    format!(
        "{}body{{margin:0;background:{canvas};color:{text};font:18px/1.5 system-ui,sans-serif}}\
         header,section{{max-width:1280px;margin:0 auto;padding:0 16px}}\
         h1{{font-size:1.6em;margin:.6em 0 0}}h2{{font-size:1.2em;margin:1.2em 0 .4em}}\
         figure{{margin:0}}figure svg{{width:100%;height:auto;max-height:calc(100vh - 8em);display:block}}\
         blockquote{{margin:.6em 0 0 1.2em;font-style:italic}}.cited{{margin:.2em 0 .6em 1.2em;opacity:.8}}\
         a{{color:inherit}}summary{{cursor:pointer;margin:.6em 0}}\
         nav{{position:fixed;bottom:0;left:0;right:0;display:flex;gap:16px;justify-content:center;\
         align-items:center;padding:8px;background:{canvas}}}nav button{{font:inherit;padding:4px 16px}}\
         .paged{{padding-bottom:4em}}.paged section{{display:none}}.paged section.shown{{display:block}}\
         .paged header p{{margin:.1em 0 .4em}}\
         .paged h2{{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}}\
         .paged figure svg{{max-height:calc(100vh - 9em)}}\
         @media print{{nav{{display:none}}.paged section{{display:block}}}}",
        embedded_font(fonts),
        canvas = hex(palette.canvas),
        text = hex(palette.body_text),
    )
}

/// The font the pictures' text was measured with (egui's Ubuntu Light, which the SVG names
/// first), inside the page: a browser without it would draw wider text that runs out of its
/// boxes. Fallbacks for other scripts (a CJK font of the machine's, megabytes) are left to
/// the reader's own fonts.
fn embedded_font(fonts: &HeadlessFonts) -> String {
    use base64::Engine as _;
    let definitions = fonts.definitions();
    let Some(data) = definitions.font_data.get("Ubuntu-Light") else {
        return String::new();
    };
    format!(
        "@font-face{{font-family:Ubuntu;font-weight:100 900;\
         src:url(data:font/ttf;base64,{}) format('truetype')}}",
        base64::engine::general_purpose::STANDARD.encode(&data.font)
    )
}

/// One step at a time where scripts run: the address's `#step-N`, else the first.
const SCRIPT: &str = "\
(function(){\
var steps=[].slice.call(document.querySelectorAll('section.step'));\
if(!steps.length)return;\
var nav=document.querySelector('nav'),where=document.getElementById('where'),at=0;\
document.body.classList.add('paged');nav.hidden=false;\
function show(k){at=Math.max(0,Math.min(steps.length-1,k));\
steps.forEach(function(s,i){s.classList.toggle('shown',i===at);});\
where.textContent='Step '+(at+1)+' of '+steps.length;\
if(location.hash!=='#'+steps[at].id)history.replaceState(null,'','#'+steps[at].id);\
window.scrollTo(0,0);}\
var m=/^#step-(\\d+)$/.exec(location.hash);show(m?m[1]-1:0);\
document.getElementById('previous').onclick=function(){show(at-1);};\
document.getElementById('next').onclick=function(){show(at+1);};\
document.addEventListener('keydown',function(e){\
if(e.key===' '&&e.target.closest&&e.target.closest('summary,button,a'))return;\
if(['ArrowRight','PageDown',' '].indexOf(e.key)>=0){show(at+1);e.preventDefault();}\
else if(['ArrowLeft','PageUp'].indexOf(e.key)>=0){show(at-1);e.preventDefault();}});\
})();";

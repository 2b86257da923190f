//! The source reader: a source's whole text beside the graph, the quote being checked
//! highlighted and scrolled into view, every other quoted passage of the same source marked
//! too. Clicking a passage shows its relation in the side panel.

use egui::{Align, Label, RichText, Sense};

use crate::command::Command;
use crate::model::{RelationIdx, SourceIdx};
use crate::session::Session;
use crate::source_text::{AttachedText, Passage};
use crate::ui::theme;
use crate::view::Selection;

/// What the reader shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    pub source: SourceIdx,
    /// The quote being read (relation, evidence index): highlighted most strongly.
    pub focus: Option<(RelationIdx, usize)>,
    /// Scroll to the focused quote on the next frame (once, so the user can scroll away).
    scroll_pending: bool,
}

impl Reader {
    /// The reader on `source`'s text, at `focus` if given.
    pub fn new(source: SourceIdx, focus: Option<(RelationIdx, usize)>) -> Self {
        Self {
            source,
            focus,
            scroll_pending: focus.is_some(),
        }
    }
}

/// Draws the reader for `reader.source`.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    reader: &mut Reader,
    commands: &mut Vec<Command>,
) {
    let Some(attached) = session.source_texts.get(&reader.source) else {
        commands.push(Command::CloseReader);
        return;
    };
    ui.horizontal(|ui| {
        ui.heading("Source text");
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            if ui
                .button("Close")
                .on_hover_text("Close the reader")
                .clicked()
            {
                commands.push(Command::CloseReader);
            }
        });
    });
    if let Some(source) = session.dataset.source(reader.source) {
        ui.label(RichText::new(&source.title).strong());
    }
    ui.label(RichText::new(attached.path.display().to_string()).small());
    let found = attached.passages.len();
    let total = found + attached.missing.len();
    ui.label(format!("{found} of {total} quotes from this source found verbatim; click a marked passage to see its relation."));
    if !attached.missing.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} not found: their panels say so.",
                attached.missing.len()
            ))
            .color(theme::palette(ui.ctx()).warning),
        );
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| text_body(ui, session, attached, reader, commands));
}

/// The text, a paragraph per line, each passage a clickable highlighted run.
fn text_body(
    ui: &mut egui::Ui,
    session: &Session,
    attached: &AttachedText,
    reader: &mut Reader,
    commands: &mut Vec<Command>,
) {
    let text = attached.text.text();
    let mut line_start = 0;
    for line in text.split('\n') {
        let line_range = line_start..line_start + line.len();
        line_start = line_range.end + 1;
        if line.trim().is_empty() {
            ui.add_space(4.0);
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(0.0, 2.0);
            for (piece, covering) in pieces(&attached.passages, line_range.clone()) {
                let Some(piece_text) = text.get(piece) else {
                    continue;
                };
                if covering.is_empty() {
                    ui.label(piece_text);
                    continue;
                }
                let focused = covering
                    .iter()
                    .find(|p| Some((p.relation, p.evidence_index)) == reader.focus);
                let background = if focused.is_some() {
                    theme::palette(ui.ctx()).passage_focus
                } else {
                    theme::palette(ui.ctx()).passage
                };
                let passage = focused.or(covering.first()).copied();
                let response = ui
                    .add(
                        Label::new(RichText::new(piece_text).background_color(background))
                            .sense(Sense::click()),
                    )
                    .on_hover_text(passage_summary(session, &covering));
                if let Some(passage) = passage
                    && response.clicked()
                {
                    reader.focus = Some((passage.relation, passage.evidence_index));
                    commands.push(Command::Select(Selection::Relation(passage.relation)));
                }
                if focused.is_some() && reader.scroll_pending {
                    response.scroll_to_me(Some(Align::Center));
                    reader.scroll_pending = false;
                }
            }
        });
    }
}

/// Splits `line` (a byte range of the text) where passages start and end; each piece comes
/// with the passages covering it.
fn pieces(
    passages: &[Passage],
    line: std::ops::Range<usize>,
) -> Vec<(std::ops::Range<usize>, Vec<&Passage>)> {
    let touching: Vec<&Passage> = passages
        .iter()
        .filter(|p| p.range.start < line.end && p.range.end > line.start)
        .collect();
    let mut cuts = vec![line.start, line.end];
    for passage in &touching {
        cuts.push(passage.range.start.clamp(line.start, line.end));
        cuts.push(passage.range.end.clamp(line.start, line.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|pair| match *pair {
            [start, end] if start < end => {
                let covering = touching
                    .iter()
                    .copied()
                    .filter(|p| p.range.start <= start && p.range.end >= end)
                    .collect();
                Some((start..end, covering))
            }
            _ => None,
        })
        .collect()
}

/// "IBM — designed → Karamay smart city pilot", one line per relation quoting this passage.
fn passage_summary(session: &Session, covering: &[&Passage]) -> String {
    let name = |e| session.dataset.entity(e).map_or("?", |e| e.name.as_str());
    let mut lines: Vec<String> = covering
        .iter()
        .filter_map(|p| session.dataset.relation(p.relation))
        .map(|r| {
            format!(
                "{} — {} → {}",
                name(r.source),
                r.display_label(),
                name(r.target)
            )
        })
        .collect();
    lines.dedup();
    lines.push("Click to show the relation".to_owned());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(relation: usize, range: std::ops::Range<usize>) -> Passage {
        Passage {
            relation: RelationIdx(relation),
            evidence_index: 0,
            range,
        }
    }

    #[test]
    fn a_line_is_cut_where_passages_start_and_end() {
        let passages = [passage(0, 5..15), passage(1, 10..30)];
        let cut: Vec<_> = pieces(&passages, 0..20)
            .into_iter()
            .map(|(range, covering)| {
                (
                    range,
                    covering.iter().map(|p| p.relation.0).collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            cut,
            vec![
                (0..5, vec![]),
                (5..10, vec![0]),
                (10..15, vec![0, 1]),
                (15..20, vec![1]),
            ]
        );
    }

    #[test]
    fn a_line_without_passages_is_one_piece() {
        let passages = [passage(0, 50..60)];
        let cut = pieces(&passages, 0..20);
        assert_eq!(cut.len(), 1);
        assert!(cut[0].1.is_empty());
    }
}

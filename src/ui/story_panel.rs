//! The stories of the dataset at the top of the side panel: play one, move through its steps,
//! and edit it — add the current view as a step, reorder, retitle, recaption, delete. Edits
//! change the open dataset; Save as… (Chainsight format) keeps them.

use egui::RichText;

use crate::command::{Command, StoryEdit};
use crate::model::Dataset;
use crate::view::Presenter;

/// Shows the stories, the one played with its steps open. `target`: the story "Add this view
/// as a step" adds to while none is played.
pub fn show(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    presenter: Option<Presenter>,
    target: usize,
    commands: &mut Vec<Command>,
) {
    // A story since undone: the last one there is.
    let target = presenter
        .map_or(target, |p| p.story)
        .min(dataset.stories.len().saturating_sub(1));
    egui::CollapsingHeader::new(RichText::new("Stories").strong())
        .id_salt("stories")
        .default_open(true)
        .show(ui, |ui| {
            for (index, story) in dataset.stories.iter().enumerate() {
                let playing = presenter.filter(|p| p.story == index);
                ui.horizontal(|ui| {
                    // With several stories, a click chooses the one steps are added to.
                    let title = RichText::new(&story.title).strong();
                    if dataset.stories.len() > 1 {
                        if ui
                            .selectable_label(index == target, title)
                            .on_hover_text("Add steps to this story")
                            .clicked()
                        {
                            commands.push(Command::ChooseStory(index));
                        }
                    } else {
                        ui.label(title);
                    }
                    ui.label(
                        RichText::new(crate::words::counted(story.steps.len(), "step", "steps"))
                            .weak(),
                    );
                    if playing.is_some() {
                        if ui
                            .button("Stop")
                            .on_hover_text("Stop playing (Esc)")
                            .clicked()
                        {
                            commands.push(Command::PlayStory(None));
                        }
                    } else if ui
                        .add_enabled(!story.steps.is_empty(), egui::Button::new("▶ Play"))
                        .on_hover_text("Walk through it here; F5 presents it full screen")
                        .clicked()
                    {
                        commands.push(Command::PlayStory(Some(index)));
                    }
                });
                if let Some(presenter) = playing {
                    steps(ui, dataset, presenter, commands);
                }
            }
            ui.horizontal_wrapped(|ui| {
                let story = target;
                let to = dataset
                    .stories
                    .get(story)
                    .filter(|_| dataset.stories.len() > 1)
                    .map(|s| format!(" to “{}”", crate::words::shortened(&s.title, 24)))
                    .unwrap_or_default();
                if ui
                    .button(format!("Add this view as a step{to}"))
                    .on_hover_text(
                        "What is highlighted now, the years, filters, focus and camera become \
                         a step after the one shown",
                    )
                    .clicked()
                {
                    commands.push(Command::EditStory(StoryEdit::AddCurrentView { story }));
                }
                if ui.button("New story").clicked() {
                    commands.push(Command::EditStory(StoryEdit::NewStory));
                }
            });
        });
    ui.separator();
}

/// The steps of the story played: the one shown opens for editing; the others are a click
/// away.
fn steps(ui: &mut egui::Ui, dataset: &Dataset, presenter: Presenter, commands: &mut Vec<Command>) {
    let Some(story) = presenter.story(dataset) else {
        return;
    };
    let count = story.steps.len();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(presenter.step > 0, egui::Button::new("← Previous"))
            .on_hover_text("← or Page Up")
            .clicked()
        {
            commands.push(Command::StoryPrevious);
        }
        ui.label(format!("Step {} of {count}", presenter.step + 1));
        if ui
            .button("Next →")
            .on_hover_text("→, Page Down or Space")
            .clicked()
        {
            commands.push(Command::StoryNext);
        }
    });
    for (index, step) in story.steps.iter().enumerate() {
        let current = index == presenter.step;
        let title = format!("{}. {}", index + 1, step.title);
        if !current {
            if ui.selectable_label(false, title).clicked() {
                commands.push(Command::GoToStep(index));
            }
            continue;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let mut title = step.title.clone();
            if ui
                .add(
                    egui::TextEdit::singleline(&mut title)
                        .hint_text("Title")
                        .desired_width(f32::INFINITY),
                )
                .changed()
            {
                commands.push(Command::EditStory(StoryEdit::SetTitle {
                    story: presenter.story,
                    step: index,
                    title,
                }));
            }
            let mut caption = step.caption.clone();
            if ui
                .add(
                    egui::TextEdit::multiline(&mut caption)
                        .hint_text("Caption: what the highlighted quotes show")
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .changed()
            {
                commands.push(Command::EditStory(StoryEdit::SetCaption {
                    story: presenter.story,
                    step: index,
                    caption,
                }));
            }
            ui.horizontal(|ui| {
                let edit = |step, up| StoryEdit::Move {
                    story: presenter.story,
                    step,
                    up,
                };
                if ui
                    .add_enabled(index > 0, egui::Button::new("Move up"))
                    .clicked()
                {
                    commands.push(Command::EditStory(edit(index, true)));
                    commands.push(Command::GoToStep(index - 1));
                }
                if ui
                    .add_enabled(index + 1 < count, egui::Button::new("Move down"))
                    .clicked()
                {
                    commands.push(Command::EditStory(edit(index, false)));
                    commands.push(Command::GoToStep(index + 1));
                }
                if ui.button("Delete step").clicked() {
                    commands.push(Command::EditStory(StoryEdit::Remove {
                        story: presenter.story,
                        step: index,
                    }));
                }
            });
        });
    }
}

//! The stories of the dataset at the top of the side panel: play one, move through its steps,
//! and edit it — add the current view as a step, reorder, retitle, recaption, delete; rename
//! or delete a story from its "…" menu. Edits
//! change the open dataset; Save as… (Chainsight format) keeps them.

use egui::RichText;

use crate::app::ExportKind;
use crate::command::{Command, StoryEdit};
use crate::model::Dataset;
use crate::view::Presenter;

/// Shows the stories, the one played with its steps open. `target`: the story "Add this view
/// as a step" adds to while none is played.
/// `deleted`: the story deleted last, with the command that puts it back, while it is not
/// back (by Restore or by undo). `presenting`: in presenter mode, where the panel is the
/// audience's, the stories without their editing (see [`show_presenting`]).
pub fn show(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    (presenter, target, presenting): (Option<Presenter>, usize, bool),
    deleted: Option<(&str, &Command)>,
    commands: &mut Vec<Command>,
) {
    if presenting {
        show_presenting(ui, dataset, presenter, commands);
        ui.separator();
        return;
    }
    // A story since undone: the last one there is.
    let target = presenter
        .map_or(target, |p| p.story)
        .min(dataset.stories.len().saturating_sub(1));
    // The story whose title is being typed, kept between frames.
    let renaming_id = egui::Id::new("story-renaming");
    let mut renaming: Option<usize> = ui.data(|d| d.get_temp(renaming_id)).flatten();
    egui::CollapsingHeader::new(RichText::new("Stories").strong())
        .id_salt("stories")
        .default_open(!dataset.stories.is_empty())
        .show(ui, |ui| {
            // Here as long as it is gone, not only while the notice lasts; a button in the
            // panel, which any click leaves where it is.
            if let Some((title, restore)) = deleted {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!("Deleted “{}”.", crate::words::shortened(title, 40)))
                            .weak(),
                    );
                    if ui.small_button("Restore").clicked() {
                        commands.push(restore.clone());
                    }
                });
            }
            if dataset.stories.is_empty() {
                ui.label(
                    RichText::new(
                        "No story yet: \"Add this view as a step\" starts one with what is \
                         highlighted now.",
                    )
                    .weak(),
                );
            }
            for (index, story) in dataset.stories.iter().enumerate() {
                let playing = presenter.filter(|p| p.story == index);
                ui.horizontal(|ui| {
                    if renaming == Some(index) {
                        renaming = rename_field(ui, index, &story.title, commands);
                    } else if story_row(ui, dataset, (index, target), playing.is_some(), commands) {
                        renaming = Some(index);
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
    ui.data_mut(|d| d.insert_temp(renaming_id, renaming));
    ui.separator();
}

/// One story: its title (a click chooses it, with several), its count of steps, Play or
/// Stop, and its "…" menu. Returns whether Rename was chosen.
fn story_row(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    (index, target): (usize, usize),
    playing: bool,
    commands: &mut Vec<Command>,
) -> bool {
    let Some(story) = dataset.stories.get(index) else {
        return false;
    };
    // With several stories, a click chooses the one steps are added to.
    let title = if story.title.trim().is_empty() {
        RichText::new("Untitled story").strong().italics()
    } else {
        RichText::new(&story.title).strong()
    };
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
    ui.label(RichText::new(crate::words::counted(story.steps.len(), "step", "steps")).weak());
    if playing {
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
    let mut rename = false;
    ui.menu_button("…", |ui| {
        rename = ui.button("Rename").clicked();
        if ui
            .add_enabled(
                !story.steps.is_empty(),
                egui::Button::new(ExportKind::StoryPage(index).label()),
            )
            .on_hover_text(
                "One HTML file to publish or send: each step's picture as presented, with the \
                 quoted evidence of what it highlights; ←/→ move through the steps",
            )
            .clicked()
        {
            commands.push(Command::Export(ExportKind::StoryPage(index)));
        }
        if ui
            .button("Delete story")
            .on_hover_text("Ctrl+Z, or Restore under Stories, brings it back")
            .clicked()
        {
            commands.push(Command::EditStory(StoryEdit::DeleteStory { story: index }));
        }
    })
    .response
    .on_hover_text("Rename, export or delete this story");
    rename
}

/// The title of story `index` as a text field, in focus from the start; typing renames the
/// story. Returns the story still being renamed: none once the field is left (Enter, Esc or
/// a click elsewhere).
fn rename_field(
    ui: &mut egui::Ui,
    index: usize,
    title: &str,
    commands: &mut Vec<Command>,
) -> Option<usize> {
    let mut text = title.to_owned();
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .id_salt(("story-title", index))
            .hint_text("Story title")
            .desired_width(f32::INFINITY),
    );
    if !response.has_focus() && !response.lost_focus() {
        response.request_focus();
    }
    if response.changed() {
        commands.push(Command::EditStory(StoryEdit::RenameStory {
            story: index,
            title: text,
        }));
    }
    (!response.lost_focus()).then_some(index)
}

/// The stories as a presenter shows them, with the evidence panel open for the audience: the
/// story played, with where it stands and the buttons that move through it, or each story
/// with Play. No step list, no caption fields, no "Add this view as a step": at 720p they
/// had filled the panel and pushed the evidence of what the presenter clicked out of sight.
fn show_presenting(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    presenter: Option<Presenter>,
    commands: &mut Vec<Command>,
) {
    if let Some(presenter) = presenter
        && let Some(story) = presenter.story(dataset)
    {
        ui.label(RichText::new(&story.title).strong());
        step_navigation(ui, dataset, presenter, commands);
        return;
    }
    for (index, story) in dataset.stories.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&story.title).strong());
            if ui
                .add_enabled(!story.steps.is_empty(), egui::Button::new("▶ Play"))
                .clicked()
            {
                commands.push(Command::PlayStory(Some(index)));
            }
        });
    }
}

/// ← Previous, "Step 3 of 8", Next →.
fn step_navigation(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    presenter: Presenter,
    commands: &mut Vec<Command>,
) {
    let count = presenter.story(dataset).map_or(0, |s| s.steps.len());
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                presenter.has_previous(dataset),
                egui::Button::new("← Previous"),
            )
            .on_hover_text("← or Page Up")
            .clicked()
        {
            commands.push(Command::StoryPrevious);
        }
        let more = presenter.has_next(dataset);
        ui.label(format!(
            "Step {} of {count}{}",
            presenter.step + 1,
            if more { "" } else { " (the end)" }
        ));
        if ui
            .add_enabled(more, egui::Button::new("Next →"))
            .on_hover_text("→, Page Down or Space")
            .on_disabled_hover_text("The story ends here")
            .clicked()
        {
            commands.push(Command::StoryNext);
        }
    });
}

/// The steps of the story played: where it stands, the step shown open for editing, and
/// every step a click away in a list that opens on demand. Listed in full, the eight steps of
/// the built-in story had filled a 720p panel and left the step's evidence below out of sight.
fn steps(ui: &mut egui::Ui, dataset: &Dataset, presenter: Presenter, commands: &mut Vec<Command>) {
    let Some(story) = presenter.story(dataset) else {
        return;
    };
    step_navigation(ui, dataset, presenter, commands);
    if let Some(step) = story.steps.get(presenter.step) {
        step_editor(ui, presenter, step, story.steps.len(), commands);
    }
    egui::CollapsingHeader::new(format!("All {} steps", story.steps.len()))
        .id_salt(("story-steps", presenter.story))
        .default_open(false)
        .show(ui, |ui| {
            for (index, step) in story.steps.iter().enumerate() {
                let title = format!("{}. {}", index + 1, step.title);
                if ui
                    .selectable_label(index == presenter.step, title)
                    .clicked()
                {
                    commands.push(Command::GoToStep(index));
                }
            }
        });
}

/// The step shown, `index` of `count`: its title and caption as fields, and the buttons that
/// move or delete it.
fn step_editor(
    ui: &mut egui::Ui,
    presenter: Presenter,
    step: &crate::model::StoryStep,
    count: usize,
    commands: &mut Vec<Command>,
) {
    let index = presenter.step;
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

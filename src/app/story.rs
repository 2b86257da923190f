//! Stories and presenting: playing a story step by step, presenter mode (full screen, chrome
//! hidden, large type), the theme, and editing the dataset's stories.

use super::ChainsightApp;
use crate::command::{Command, StoryEdit};
use crate::model::{Story, StoryStep};
use crate::palette::{Palette, Theme};
use crate::scene::Caption;
use crate::ui::theme;
use crate::view::Presenter;

/// The window's chrome: the theme, presenter mode and the side panel.
#[derive(Debug)]
pub(super) struct Chrome {
    pub(super) theme: Theme,
    /// Presenter mode: full screen, toolbar hidden, large type.
    pub(super) presenting: bool,
    /// Whether the side panel shows, outside presenter mode and in it.
    pub(super) side_panel: bool,
    pub(super) side_panel_presenting: bool,
    /// The palette last applied to egui (re-applied when the theme or the mode changes).
    applied_palette: Option<Palette>,
}

impl Default for Chrome {
    fn default() -> Self {
        Self {
            theme: Theme::Dark,
            presenting: false,
            side_panel: true,
            side_panel_presenting: false,
            applied_palette: None,
        }
    }
}

impl Chrome {
    /// The chrome the settings ask for.
    pub(super) fn from_settings(settings: &crate::settings::Settings) -> Self {
        Self {
            theme: settings.theme(),
            side_panel: settings.side_panel,
            side_panel_presenting: settings.side_panel_presenting,
            ..Self::default()
        }
    }

    /// Writes the chrome's choices into `settings`.
    pub(super) fn to_settings(&self, settings: &mut crate::settings::Settings) {
        self.theme.as_str().clone_into(&mut settings.theme);
        settings.side_panel = self.side_panel;
        settings.side_panel_presenting = self.side_panel_presenting;
    }
}

impl ChainsightApp {
    /// Carries out a story, presenter or theme command.
    pub(super) fn run_story_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::PlayStory(Some(story)) => {
                let started = Presenter::start(&self.session.dataset, story);
                if started.is_none() {
                    self.fail("This story has no steps yet.".to_owned());
                    return;
                }
                self.story_target = story;
                if self.presenter.is_none() {
                    self.view_before_story = Some(self.view.clone());
                }
                self.show_step(started);
            }
            Command::PlayStory(None) => self.stop_story(),
            Command::ChooseStory(story) => self.story_target = story,
            Command::GoToStep(step) => {
                let story = self.presenter.map_or(0, |p| p.story);
                self.show_step(Presenter::at(&self.session.dataset, story, step));
            }
            Command::StoryNext | Command::StoryPrevious => {
                if let Some(mut presenter) = self.presenter {
                    let moved = if command == Command::StoryNext {
                        presenter.next(&self.session.dataset)
                    } else {
                        presenter.previous(&self.session.dataset)
                    };
                    if moved {
                        self.show_step(Some(presenter));
                    }
                }
            }
            Command::Present(on) => {
                self.chrome.presenting = on;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
                if on && self.presenter.is_none() && !self.session.dataset.stories.is_empty() {
                    self.view_before_story = Some(self.view.clone());
                    self.show_step(Presenter::start(&self.session.dataset, 0));
                }
            }
            Command::ShowSidePanel(show) => {
                if self.chrome.presenting {
                    self.chrome.side_panel_presenting = show;
                } else {
                    self.chrome.side_panel = show;
                }
            }
            Command::SetTheme(chosen) => self.chrome.theme = chosen,
            Command::EditStory(edit) => self.edit_story(edit),
            _ => {}
        }
    }

    /// Shows a story step: the view it asks for (one undo step for a walk through a story).
    fn show_step(&mut self, presenter: Option<Presenter>) {
        let Some(presenter) = presenter else {
            return;
        };
        let Some(view) = presenter.view(&self.session.dataset, &self.view) else {
            return;
        };
        let before = std::mem::replace(&mut self.view, view);
        self.history.record(before, "story");
        self.search_text.clear();
        self.presenter = Some(presenter);
    }

    /// The story step's words for the graph, with where it stands ("3/8"), and in a step
    /// that reveals its links one by one, how many are shown ("link 2 of 5"), so that a
    /// presenter knows how many presses remain.
    pub fn caption(&self) -> Option<Caption> {
        let Some(presenter) = self.presenter else {
            // Presenting a file without a story: say how to leave, as a step would be shown.
            return (self.chrome.presenting && self.session.dataset.stories.is_empty()).then(
                || Caption {
                    title: self.session.dataset.metadata.title.clone(),
                    text: "This file has no story to play. Esc leaves presenter mode.".to_owned(),
                },
            );
        };
        let dataset = &self.session.dataset;
        let mut caption = Caption::of_step(presenter.story(dataset)?, presenter.step)?;
        if let Some(step) = presenter.current(dataset)
            && step.reveal
            && step.relations.len() > 1
        {
            caption.title = format!(
                "{}  ·  link {} of {}",
                caption.title,
                presenter.revealed.min(step.relations.len()),
                step.relations.len()
            );
        }
        // Presenting, a click or a focus away from the step leaves its caption over another
        // picture: say so, and how to come back.
        if self.chrome.presenting && self.away_from_step() {
            caption.title = format!("{}  \u{b7}  away from the step: Esc returns", caption.title);
        }
        // Where nothing follows, say so: → there does nothing.
        if !presenter.has_next(dataset) {
            caption.title = format!("{}  ·  the end", caption.title);
        }
        Some(caption)
    }

    /// Whether the view has left the story step shown: another selection, focus, search or
    /// path than the step's.
    fn away_from_step(&self) -> bool {
        let Some(step) = self
            .presenter
            .and_then(|p| p.view(&self.session.dataset, &self.view))
        else {
            return false;
        };
        let view = &self.view;
        (&step.selection, &step.focus, &step.search, &step.path)
            != (&view.selection, &view.focus, &view.search, &view.path)
    }

    /// Applies the palette of the chosen theme and mode when it changed.
    pub(super) fn apply_palette(&mut self, ctx: &egui::Context) {
        let palette = Palette::of(self.chrome.theme, self.chrome.presenting);
        if self.chrome.applied_palette != Some(palette) {
            theme::apply(ctx, &palette);
            self.chrome.applied_palette = Some(palette);
        }
    }

    /// Whether the side panel shows in the current mode.
    pub(super) fn side_panel_shown(&self) -> bool {
        if self.chrome.presenting {
            self.chrome.side_panel_presenting
        } else {
            self.chrome.side_panel
        }
    }

    /// Keys of presenting: F5 enters and Esc leaves presenter mode; while a story plays, what
    /// presentation clickers send (→, ←, Page Down, Page Up, Space) moves through it.
    /// Returns whether the key was a story's, so the graph does not also act on it.
    pub(super) fn story_keys(&mut self, i: &egui::InputState) -> bool {
        if i.key_pressed(egui::Key::F5) {
            self.commands
                .push(Command::Present(!self.chrome.presenting));
        }
        if i.key_pressed(egui::Key::F6) {
            self.commands
                .push(Command::ShowSidePanel(!self.side_panel_shown()));
        }
        if self.chrome.presenting && i.key_pressed(egui::Key::Escape) {
            // A presenter who clicked away from the step comes back to it before leaving.
            if self.away_from_step() {
                self.show_step(self.presenter);
            } else {
                self.commands.push(Command::Present(false));
            }
            return true;
        }
        if self.presenter.is_none() {
            return false;
        }
        let next = [egui::Key::ArrowRight, egui::Key::PageDown, egui::Key::Space];
        let previous = [egui::Key::ArrowLeft, egui::Key::PageUp];
        if next.iter().any(|&k| i.key_pressed(k)) {
            self.commands.push(Command::StoryNext);
            return true;
        }
        if previous.iter().any(|&k| i.key_pressed(k)) {
            self.commands.push(Command::StoryPrevious);
            return true;
        }
        if i.key_pressed(egui::Key::Escape) {
            self.commands.push(Command::PlayStory(None));
            return true;
        }
        false
    }

    fn edit_story(&mut self, edit: StoryEdit) {
        // Typing a title or caption is one undo step in all; any other edit one of its own.
        let kind = matches!(
            edit,
            StoryEdit::SetTitle { .. }
                | StoryEdit::SetCaption { .. }
                | StoryEdit::RenameStory { .. }
        )
        .then_some("story text");
        let before = self.session.dataset.stories.clone();
        self.apply_story_edit(edit);
        if self.session.dataset.stories != before {
            self.history
                .record_snapshot(super::Snapshot::Stories(before), kind);
        }
    }

    /// After the stories changed under it (an undone edit): the story played shows its step
    /// as it now reads, or stops if that step is gone. Not an undo step itself: recording one
    /// would forget what could be redone.
    pub(super) fn replay_story_step(&mut self) {
        let Some(playing) = self.presenter else {
            return;
        };
        let dataset = &self.session.dataset;
        let shown = Presenter::at(dataset, playing.story, playing.step)
            .and_then(|p| p.view(dataset, &self.view).map(|view| (p, view)));
        if let Some((presenter, view)) = shown {
            self.view = view;
            self.presenter = Some(presenter);
        } else {
            self.presenter = None;
            if let Some(before) = self.view_before_story.take() {
                self.put_view_back(before);
            }
            self.view.spotlight = None;
        }
    }

    /// Stops the story played: back to the view it started from (its selection, focus,
    /// filters and framing: a presenter ending on a close-up expects the picture they had);
    /// else everything shown.
    fn stop_story(&mut self) {
        self.presenter = None;
        if let Some(before) = self.view_before_story.take() {
            self.view = before;
            // Moving back is a story's move too, not a cut.
            self.view.camera.glide = true;
        } else {
            self.change_view(&crate::view::ViewCommand::ShowAll);
        }
        self.view.spotlight = None;
    }

    fn apply_story_edit(&mut self, edit: StoryEdit) {
        let stories = &mut self.session.dataset.stories;
        match edit {
            StoryEdit::NewStory => {
                stories.push(Story {
                    title: format!("Story {}", stories.len() + 1),
                    steps: Vec::new(),
                });
                // Made to be filled: "Add this view as a step" adds to it.
                self.story_target = stories.len() - 1;
            }
            StoryEdit::AddCurrentView { story } => {
                let step = self.view.to_story_step(&self.lens, &self.session.dataset);
                let at = self
                    .presenter
                    .filter(|p| p.story == story)
                    .map(|p| p.step + 1);
                let stories = &mut self.session.dataset.stories;
                if stories.is_empty() {
                    stories.push(Story {
                        title: "Story 1".to_owned(),
                        steps: Vec::new(),
                    });
                }
                // A story since undone: the last one there is.
                let story = story.min(stories.len() - 1);
                if let Some(steps) = stories.get_mut(story).map(|s| &mut s.steps) {
                    let at = at.unwrap_or(steps.len()).min(steps.len());
                    steps.insert(at, step);
                }
            }
            StoryEdit::Move { story, step, up } => {
                if let Some(steps) = stories.get_mut(story).map(|s| &mut s.steps) {
                    let other = if up {
                        step.checked_sub(1)
                    } else {
                        Some(step + 1)
                    };
                    if let Some(other) = other.filter(|&o| o < steps.len() && step < steps.len()) {
                        steps.swap(step, other);
                    }
                }
            }
            StoryEdit::Remove { story, step } => {
                let mut left = 0;
                if let Some(steps) = stories.get_mut(story).map(|s| &mut s.steps)
                    && step < steps.len()
                {
                    steps.remove(step);
                    left = steps.len();
                }
                // Playing on: the step now in its place (or the last), not the deleted one's
                // highlight under no caption; a story left with no step stops.
                if self.presenter.is_some_and(|p| p.story == story) {
                    if left > 0 {
                        let at = step.min(left - 1);
                        self.show_step(Presenter::at(&self.session.dataset, story, at));
                    } else {
                        self.stop_story();
                    }
                }
            }
            StoryEdit::RenameStory { story, title } => {
                if let Some(s) = stories.get_mut(story) {
                    s.title = title;
                }
            }
            StoryEdit::DeleteStory { story } => self.delete_story(story),
            StoryEdit::RestoreStory { at, story } => self.restore_story(at, *story),
            StoryEdit::SetTitle { story, step, title } => {
                if let Some(s) = step_mut(stories, story, step) {
                    s.title = title;
                }
            }
            StoryEdit::SetCaption {
                story,
                step,
                caption,
            } => {
                if let Some(s) = step_mut(stories, story, step) {
                    s.caption = caption;
                }
            }
        }
    }

    /// Deletes a story, offering it back under Stories (Restore) until it is back.
    fn delete_story(&mut self, story: usize) {
        let stories = &mut self.session.dataset.stories;
        if story >= stories.len() {
            return;
        }
        let removed = stories.remove(story);
        self.notice = Some(format!(
            "Deleted the story “{}”: Restore, under Stories, brings it back.",
            crate::words::shortened(&removed.title, 40)
        ));
        let restore = Command::EditStory(StoryEdit::RestoreStory {
            at: story,
            story: Box::new(removed.clone()),
        });
        self.deleted = Some((removed, restore));
        // The stories after it move up a place, the one played with them.
        if self.story_target > story {
            self.story_target -= 1;
        }
        match self.presenter {
            Some(playing) if playing.story == story => self.stop_story(),
            Some(playing) if playing.story > story => {
                self.presenter = Some(Presenter {
                    story: playing.story - 1,
                    ..playing
                });
            }
            _ => {}
        }
    }

    /// Puts a deleted story back at its place (or the end).
    fn restore_story(&mut self, at: usize, story: Story) {
        let stories = &mut self.session.dataset.stories;
        let at = at.min(stories.len());
        stories.insert(at, story);
        // The stories after it move down a place, the one played with them.
        if self.story_target >= at && stories.len() > 1 {
            self.story_target += 1;
        }
        if let Some(playing) = self.presenter.filter(|p| p.story >= at) {
            self.presenter = Some(Presenter {
                story: playing.story + 1,
                ..playing
            });
        }
    }

    /// The story deleted last and the command that restores it, unless it is back (restored,
    /// or its deletion undone).
    pub(super) fn deleted_story(&self) -> Option<(&str, &Command)> {
        let (story, restore) = self.deleted.as_ref()?;
        let back = self.session.dataset.stories.contains(story);
        (!back).then_some((story.title.as_str(), restore))
    }

    /// The story played, if any.
    pub fn presenter(&self) -> Option<Presenter> {
        self.presenter
    }

    /// Whether presenter mode is on.
    pub fn is_presenting(&self) -> bool {
        self.chrome.presenting
    }

    /// The theme chosen.
    pub fn theme(&self) -> Theme {
        self.chrome.theme
    }
}

fn step_mut(stories: &mut [Story], story: usize, step: usize) -> Option<&mut StoryStep> {
    stories.get_mut(story)?.steps.get_mut(step)
}

//! The layout on its own thread. A [`LayoutHandle`] is what the rest of the program holds: it
//! answers every question (where is this entity, is the layout running) from the latest
//! snapshot the worker published, and turns every change (pin, pause, re-run) into a message.
//! The worker owns the [`ForceLayout`], applies messages in the order they were sent, steps
//! the forces while the layout runs, and publishes an [`Arc<Positions>`] at most about 60
//! times a second, then calls the wake callback (the app's `request_repaint`). Nothing here
//! waits for a step, except [`LayoutHandle::settle`] and [`LayoutHandle::sync`], which
//! headless callers and tests use on purpose.
//!
//! A change the handle can foresee (a pin, a pause, a restore) shows in the handle at once,
//! before the worker has seen it: a dragged node follows the pointer in the same frame. Such
//! changes stay laid over each newer snapshot until a snapshot says the worker has applied
//! them, so they never flicker back.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use egui::{Pos2, Rect};

use super::{Engine, ForceLayout, LayoutPhase, LayoutSnapshot, relation_pairs};
use crate::model::{Dataset, EntityIdx};

/// The shortest time between two published snapshots: about 60 a second, as many as a
/// window draws.
const PUBLISH_INTERVAL: Duration = Duration::from_millis(16);

/// The layout at one moment, as the worker published it (or as the handle foresees it).
#[derive(Clone, Debug, PartialEq)]
pub struct Positions {
    /// The worker's count of changes of positions when it published this.
    pub generation: u64,
    /// The last message the worker had applied (0: none).
    pub applied: u64,
    /// Where each entity is, in layout units, by entity index.
    pub xy: Vec<Pos2>,
    /// Whether each entity is pinned.
    pub pinned: Vec<bool>,
    /// Whether each entity is left out of the layout.
    pub excluded: Vec<bool>,
    /// The smallest rectangle holding every node; `None` when there are none.
    pub bounds: Option<Rect>,
    /// Whether the layout is running, paused, at rest or too large.
    pub phase: LayoutPhase,
    /// Whether the worker is still to compute (or computing) a multilevel start.
    pub preparing: bool,
    /// The engine moving the nodes.
    pub engine: Engine,
    /// Steps applied since the layout was created.
    pub steps_taken: u64,
}

impl Positions {
    fn of(layout: &ForceLayout, applied: u64) -> Self {
        let xy = layout.positions().to_vec();
        Self {
            generation: layout.generation(),
            applied,
            bounds: bounds_of(&xy),
            xy,
            pinned: layout.pinned.clone(),
            excluded: layout.excluded.clone(),
            phase: layout.phase(),
            preparing: layout.is_preparing(),
            engine: layout.engine(),
            steps_taken: layout.steps_taken(),
        }
    }
}

fn bounds_of(xy: &[Pos2]) -> Option<Rect> {
    xy.iter().fold(None, |bounds: Option<Rect>, &p| {
        Some(bounds.map_or(Rect::from_min_max(p, p), |b| {
            b.union(Rect::from_min_max(p, p))
        }))
    })
}

/// A change to the layout whose outcome the handle can foresee, at least in part.
#[derive(Clone, Debug)]
enum Edit {
    PinAt(EntityIdx, Pos2),
    Unpin(EntityIdx),
    Release(EntityIdx),
    Pause,
    Resume,
    Rerun,
    RunInFull,
    Reheat,
    /// From scratch, for the network whose relations join these entities.
    Relayout(Arc<[(usize, usize)]>),
    SetEngine(Engine),
    SetExcluded(Arc<[bool]>),
    Restore(Arc<LayoutSnapshot>),
}

impl Edit {
    /// What the worker does.
    fn apply(&self, layout: &mut ForceLayout) {
        match self {
            Self::PinAt(entity, position) => layout.pin_at(*entity, *position),
            Self::Unpin(entity) => layout.unpin(*entity),
            Self::Release(entity) => layout.release(*entity),
            Self::Pause => layout.pause(),
            Self::Resume => layout.resume(),
            Self::Rerun => layout.rerun(),
            Self::RunInFull => layout.run_in_full(),
            Self::Reheat => layout.reheat(),
            Self::Relayout(pairs) => layout.relayout_pairs(pairs),
            Self::SetEngine(engine) => layout.set_engine(*engine),
            Self::SetExcluded(excluded) => layout.set_excluded(excluded),
            Self::Restore(snapshot) => layout.restore(snapshot),
        }
    }

    /// What the handle shows before the worker has done it: the same rules as
    /// [`ForceLayout`]'s, on the snapshot (a re-layout's new positions only the worker knows).
    fn foresee(&self, view: &mut Positions) {
        let too_large =
            |view: &Positions, engine| view.xy.len() > ForceLayout::engine_limit(engine);
        let reheat = |view: &mut Positions| {
            if !matches!(view.phase, LayoutPhase::Paused | LayoutPhase::TooLarge) {
                view.phase = LayoutPhase::Running;
            }
        };
        let run = |view: &mut Positions| {
            if view.phase != LayoutPhase::TooLarge {
                view.phase = LayoutPhase::Running;
            }
        };
        match self {
            Self::PinAt(entity, position) => {
                if let (Some(xy), Some(pinned)) =
                    (view.xy.get_mut(entity.0), view.pinned.get_mut(entity.0))
                {
                    *xy = *position;
                    *pinned = true;
                }
            }
            Self::Unpin(entity) => {
                if let Some(pinned) = view.pinned.get_mut(entity.0) {
                    *pinned = false;
                }
                reheat(view);
            }
            Self::Release(entity) => {
                if let Some(pinned) = view.pinned.get_mut(entity.0) {
                    *pinned = false;
                }
            }
            Self::Pause => {
                if view.phase != LayoutPhase::TooLarge {
                    view.phase = LayoutPhase::Paused;
                }
            }
            Self::Resume => {
                if matches!(view.phase, LayoutPhase::Paused | LayoutPhase::Converged) {
                    view.phase = LayoutPhase::Running;
                }
            }
            Self::Rerun | Self::RunInFull | Self::Relayout(_) => run(view),
            Self::Reheat => reheat(view),
            Self::SetEngine(engine) => {
                if *engine != view.engine {
                    view.engine = *engine;
                    view.phase = if too_large(view, *engine) {
                        LayoutPhase::TooLarge
                    } else {
                        LayoutPhase::Running
                    };
                }
            }
            Self::SetExcluded(excluded) => {
                if **excluded != *view.excluded {
                    view.excluded = excluded.to_vec();
                }
            }
            Self::Restore(snapshot) => {
                if snapshot.positions.len() == view.xy.len() {
                    view.xy.clone_from(&snapshot.positions);
                    view.pinned.clone_from(&snapshot.pinned);
                    view.engine = snapshot.engine;
                    view.phase = if too_large(view, snapshot.engine) {
                        LayoutPhase::TooLarge
                    } else if snapshot.at_rest {
                        LayoutPhase::Converged
                    } else {
                        LayoutPhase::Paused
                    };
                }
            }
        }
    }

    /// Whether it may move nodes in the handle's view (so the bounds must be worked out anew).
    fn moves_nodes(&self) -> bool {
        matches!(self, Self::PinAt(..) | Self::Restore(_))
    }
}

/// What the handle sends the worker, each with a sequence number.
enum Message {
    Edit(Edit),
    /// Run until the layout stops or has taken `max_steps` steps in all, pause it if it is
    /// still running, publish, then say so.
    Settle {
        max_steps: u64,
        done: Sender<()>,
    },
    /// Publish now, then say so.
    Sync(Sender<()>),
    /// Called after each publication.
    Wake(Box<dyn Fn() + Send>),
}

/// Where the worker leaves its snapshots.
struct Shared {
    latest: Mutex<Arc<Positions>>,
    /// Snapshots published so far: the handle looks at the snapshot only when this changed.
    published: AtomicU64,
}

/// What the handle shows: the latest snapshot with the changes the worker has not applied yet
/// laid over it.
struct View {
    positions: Arc<Positions>,
    /// Changes sent but not yet in a published snapshot, with their sequence numbers.
    pending: VecDeque<(u64, Edit)>,
    /// `positions.bounds` is out of date (a foreseen change moved nodes).
    bounds_stale: bool,
    /// Counts changes of the view.
    generation: u64,
}

/// The running worker, as its handle knows it: where to send it messages. Its thread is not
/// joined (see [`LayoutHandle`]'s `Drop`).
struct Worker {
    outbox: Sender<(u64, Message)>,
}

/// The layout of one dataset, run by a worker thread; see the module documentation.
pub struct LayoutHandle {
    /// `None` if the thread could not be started: the layout then stays where it started,
    /// though pins and pauses still show.
    worker: Option<Worker>,
    shared: Arc<Shared>,
    /// The last sequence number sent.
    sent: Cell<u64>,
    /// `Shared::published` when the view last took a snapshot.
    seen: Cell<u64>,
    view: RefCell<View>,
}

impl LayoutHandle {
    /// Lays out `dataset` ([`ForceLayout::new`]) and starts the worker on it: a multilevel
    /// start for a big network is the worker's first step, not the caller's wait.
    pub fn new(dataset: &Dataset) -> Self {
        Self::spawn(ForceLayout::new(dataset))
    }

    /// Starts a worker thread running `layout`. Its steps leave one core to the window when
    /// there are several: a frame waiting for a core costs more than a slower step.
    pub fn spawn(mut layout: ForceLayout) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        layout.fa2.set_max_threads(cores.saturating_sub(1).max(1));
        let positions = Arc::new(Positions::of(&layout, 0));
        let shared = Arc::new(Shared {
            latest: Mutex::new(Arc::clone(&positions)),
            published: AtomicU64::new(0),
        });
        let (outbox, inbox) = mpsc::channel();
        let runner = Runner {
            layout,
            inbox,
            shared: Arc::clone(&shared),
            wake: None,
            applied: 0,
            unpublished: false,
            last_publish: None,
            running_since: None,
        };
        let worker = std::thread::Builder::new()
            .name("layout".to_owned())
            .spawn(move || runner.run())
            .map(|_detached| Worker { outbox })
            .map_err(|error| log::error!("the layout thread did not start: {error}"))
            .ok();
        Self {
            worker,
            shared,
            sent: Cell::new(0),
            seen: Cell::new(0),
            view: RefCell::new(View {
                positions,
                pending: VecDeque::new(),
                bounds_stale: false,
                generation: 0,
            }),
        }
    }

    /// Calls `wake` from the worker each time it publishes a snapshot (the window passes its
    /// `request_repaint`, so it draws when there is something new to draw).
    pub fn set_wake(&mut self, wake: impl Fn() + Send + 'static) {
        self.send(Message::Wake(Box::new(wake)));
    }

    fn send(&self, message: Message) -> Option<u64> {
        let worker = self.worker.as_ref()?;
        let seq = self.sent.get() + 1;
        self.sent.set(seq);
        worker.outbox.send((seq, message)).ok()?;
        Some(seq)
    }

    /// Shows `edit` at once and sends it to the worker.
    fn edit(&mut self, edit: Edit) {
        self.refresh();
        let sent = self.send(Message::Edit(edit.clone()));
        let view = self.view.get_mut();
        edit.foresee(Arc::make_mut(&mut view.positions));
        view.bounds_stale |= edit.moves_nodes();
        view.generation += 1;
        if let Some(seq) = sent {
            view.pending.push_back((seq, edit));
        }
    }

    /// Takes the worker's latest snapshot if there is a new one.
    fn refresh(&self) {
        if self.shared.published.load(Ordering::Acquire) == self.seen.get() {
            return;
        }
        let (latest, published) = {
            let latest = self
                .shared
                .latest
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            (
                Arc::clone(&latest),
                self.shared.published.load(Ordering::Acquire),
            )
        };
        self.seen.set(published);
        let mut view = self.view.borrow_mut();
        view.pending.retain(|(seq, _)| *seq > latest.applied);
        if view.pending.is_empty() {
            view.positions = latest;
            view.bounds_stale = false;
        } else {
            let mut foreseen = Positions::clone(&latest);
            for (_, edit) in &view.pending {
                edit.foresee(&mut foreseen);
            }
            view.positions = Arc::new(foreseen);
            view.bounds_stale = true;
        }
        view.generation += 1;
    }

    /// The layout as the handle shows it now: the latest snapshot and the changes on their way.
    pub fn latest(&self) -> Arc<Positions> {
        self.refresh();
        let mut view = self.view.borrow_mut();
        if view.bounds_stale {
            let positions = Arc::make_mut(&mut view.positions);
            positions.bounds = bounds_of(&positions.xy);
            view.bounds_stale = false;
        }
        Arc::clone(&view.positions)
    }

    fn read<T>(&self, read: impl FnOnce(&Positions) -> T) -> T {
        self.refresh();
        read(&self.view.borrow().positions)
    }

    /// Where `entity` is, in layout units.
    pub fn position(&self, entity: EntityIdx) -> Pos2 {
        self.read(|p| p.xy.get(entity.0).copied().unwrap_or(Pos2::ZERO))
    }

    /// Whether `entity` is pinned (dragged or saved) and ignores the forces.
    pub fn is_pinned(&self, entity: EntityIdx) -> bool {
        self.read(|p| p.pinned.get(entity.0).copied().unwrap_or(false))
    }

    /// How many entities are pinned.
    pub fn pinned_count(&self) -> usize {
        self.read(|p| p.pinned.iter().filter(|&&pinned| pinned).count())
    }

    /// Whether `entity` is left out of the layout.
    pub fn is_excluded(&self, entity: EntityIdx) -> bool {
        self.read(|p| p.excluded.get(entity.0).copied().unwrap_or(false))
    }

    /// The smallest rectangle holding every node, or `None` when there are none.
    pub fn bounds(&self) -> Option<Rect> {
        self.latest().bounds
    }

    /// Whether the layout is running, paused, at rest or too large.
    pub fn phase(&self) -> LayoutPhase {
        self.read(|p| p.phase)
    }

    /// Whether the worker is still arranging a big network coarse to fine (its multilevel
    /// start), so what is drawn is only where the nodes start.
    pub fn is_preparing(&self) -> bool {
        self.read(|p| p.preparing)
    }

    /// The engine moving the nodes.
    pub fn engine(&self) -> Engine {
        self.read(|p| p.engine)
    }

    /// Number of entities laid out.
    pub fn len(&self) -> usize {
        self.read(|p| p.xy.len())
    }

    /// Whether there is nothing to lay out.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Steps the worker had applied at the latest snapshot.
    pub fn steps_taken(&self) -> u64 {
        self.read(|p| p.steps_taken)
    }

    /// Changes of what the handle shows; equal counts mean equal positions.
    pub fn generation(&self) -> u64 {
        self.refresh();
        self.view.borrow().generation
    }

    /// Every node's position, whether it is pinned, and the engine: what undoing a layout
    /// run puts back.
    pub fn snapshot(&self) -> LayoutSnapshot {
        self.read(|p| LayoutSnapshot {
            positions: p.xy.clone(),
            pinned: p.pinned.clone(),
            engine: p.engine,
            at_rest: p.phase == LayoutPhase::Converged,
        })
    }

    /// Puts `entity` at `position` and keeps it there; shown at once.
    pub fn pin_at(&mut self, entity: EntityIdx, position: Pos2) {
        self.edit(Edit::PinAt(entity, position));
    }

    /// Lets the forces move `entity` again ([`ForceLayout::unpin`]).
    pub fn unpin(&mut self, entity: EntityIdx) {
        self.edit(Edit::Unpin(entity));
    }

    /// Lets the forces move `entity` again without waking the layout
    /// ([`ForceLayout::release`]).
    pub fn release(&mut self, entity: EntityIdx) {
        self.edit(Edit::Release(entity));
    }

    /// Stops applying forces until [`Self::resume`].
    pub fn pause(&mut self) {
        self.edit(Edit::Pause);
    }

    /// Goes on from where a pause left off ([`ForceLayout::resume`]).
    pub fn resume(&mut self) {
        self.edit(Edit::Resume);
    }

    /// Runs the forces again from where the nodes are, gently ([`ForceLayout::rerun`]).
    pub fn rerun(&mut self) {
        self.edit(Edit::Rerun);
    }

    /// Runs the forces in full from where the nodes are ([`ForceLayout::run_in_full`]).
    pub fn run_in_full(&mut self) {
        self.edit(Edit::RunInFull);
    }

    /// Lets the layout adjust, gently, around a change ([`ForceLayout::reheat`]).
    pub fn reheat(&mut self) {
        self.edit(Edit::Reheat);
    }

    /// Lays `dataset` (the one laid out) out from scratch ([`ForceLayout::relayout`]); the
    /// new positions come with the worker's next snapshots.
    pub fn relayout(&mut self, dataset: &Dataset) {
        if dataset.entities.len() == self.len() {
            self.edit(Edit::Relayout(relation_pairs(dataset).into()));
        }
    }

    /// Switches engine and runs it from the current positions.
    pub fn set_engine(&mut self, engine: Engine) {
        if engine != self.engine() {
            self.edit(Edit::SetEngine(engine));
        }
    }

    /// Leaves the marked entities out of the layout, or brings them back
    /// ([`ForceLayout::set_excluded`]).
    pub fn set_excluded(&mut self, excluded: &[bool]) {
        let mut wanted = excluded.to_vec();
        wanted.resize(self.len(), false);
        if self.read(|p| p.excluded != wanted) {
            self.edit(Edit::SetExcluded(wanted.into()));
        }
    }

    /// Puts back what `snapshot` holds and holds the layout still there
    /// ([`ForceLayout::restore`]).
    pub fn restore(&mut self, snapshot: &LayoutSnapshot) {
        self.edit(Edit::Restore(Arc::new(snapshot.clone())));
    }

    /// Blocks until the worker has applied every message sent before and published what
    /// came of it, then shows that (for tests, which look at the layout between frames).
    pub fn sync(&self) {
        let (done, finished) = mpsc::channel();
        if self.send(Message::Sync(done)).is_some() {
            // An error means the worker is gone; there is nothing more to wait for.
            let _ = finished.recv();
        }
        self.refresh();
    }

    /// Blocks until the layout has come to rest or has taken `max_steps` steps since it was
    /// created, and pauses it if it is still running then, so that what the caller reads next
    /// holds still: for headless pictures, benches and tests. On a fresh layout the result is
    /// the same however far the worker had got before the call, unless it had already gone
    /// past `max_steps` (a few milliseconds on a small network, should this thread wait for
    /// a core): then it holds where it is. Callers that need one picture every time ask for
    /// more steps than the layout takes to come to rest.
    pub fn settle(&mut self, max_steps: u32) {
        let (done, finished) = mpsc::channel();
        let message = Message::Settle {
            max_steps: u64::from(max_steps),
            done,
        };
        if self.send(message).is_some() {
            let _ = finished.recv();
        }
        self.refresh();
    }
}

impl Drop for LayoutHandle {
    fn drop(&mut self) {
        // A closed channel tells the worker to stop after its current step, and it frees the
        // layout as it ends. It is not waited for: that step may be a slice of a big
        // network's multilevel start (up to 0.7 s at 100,000 nodes), and the window that let
        // go of the layout, opening another file, must not freeze meanwhile.
        if let Some(Worker { outbox }) = self.worker.take() {
            drop(outbox);
        }
    }
}

/// The worker thread's side.
struct Runner {
    layout: ForceLayout,
    inbox: Receiver<(u64, Message)>,
    shared: Arc<Shared>,
    wake: Option<Box<dyn Fn() + Send>>,
    /// The last message applied.
    applied: u64,
    /// Something changed since the last snapshot.
    unpublished: bool,
    last_publish: Option<Instant>,
    /// When the layout last started running, and the steps taken by then: for the log line
    /// saying how long it took to come to rest.
    running_since: Option<(Instant, u64)>,
}

impl Runner {
    /// Applies messages and steps until the handle is dropped.
    fn run(mut self) {
        loop {
            let next = if self.layout.phase() == LayoutPhase::Running {
                match self.inbox.try_recv() {
                    Ok(message) => Some(message),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                }
            } else if self.unpublished {
                match self.inbox.recv_timeout(self.until_publish()) {
                    Ok(message) => Some(message),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match self.inbox.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return,
                }
            };
            if let Some((seq, message)) = next {
                self.applied = seq;
                self.apply(message);
                // Everything already queued comes before the next step.
                continue;
            }
            if self.layout.phase() == LayoutPhase::Running {
                let (since, steps_before) = *self
                    .running_since
                    .get_or_insert_with(|| (Instant::now(), self.layout.steps_taken()));
                self.layout.step();
                self.unpublished = true;
                if self.layout.phase() == LayoutPhase::Converged {
                    log::debug!(
                        "layout of {} nodes at rest: {} steps in {:.2} s",
                        self.layout.len(),
                        self.layout.steps_taken() - steps_before,
                        since.elapsed().as_secs_f64()
                    );
                }
            }
            if self.layout.phase() != LayoutPhase::Running {
                self.running_since = None;
            }
            if self.unpublished && self.until_publish().is_zero() {
                self.publish();
            }
        }
    }

    /// Carries out `message`.
    fn apply(&mut self, message: Message) {
        match message {
            Message::Edit(edit) => {
                edit.apply(&mut self.layout);
                self.unpublished = true;
            }
            Message::Settle { max_steps, done } => {
                let (since, steps_before) = (Instant::now(), self.layout.steps_taken());
                while self.layout.phase() == LayoutPhase::Running
                    && self.layout.steps_taken() < max_steps
                {
                    self.layout.step();
                }
                log::debug!(
                    "layout of {} nodes settled ({:?}): {} steps in {:.2} s",
                    self.layout.len(),
                    self.layout.phase(),
                    self.layout.steps_taken() - steps_before,
                    since.elapsed().as_secs_f64()
                );
                if self.layout.phase() == LayoutPhase::Running {
                    self.layout.pause();
                }
                self.publish();
                // The caller may have given up waiting; nothing to do then.
                let _ = done.send(());
            }
            Message::Sync(done) => {
                self.publish();
                let _ = done.send(());
            }
            Message::Wake(wake) => self.wake = Some(wake),
        }
    }

    /// How long until the next snapshot may be published.
    fn until_publish(&self) -> Duration {
        self.last_publish.map_or(Duration::ZERO, |last| {
            PUBLISH_INTERVAL.saturating_sub(last.elapsed())
        })
    }

    fn publish(&mut self) {
        let positions = Arc::new(Positions::of(&self.layout, self.applied));
        {
            let mut latest = self
                .shared
                .latest
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            *latest = positions;
            self.shared.published.fetch_add(1, Ordering::AcqRel);
        }
        self.last_publish = Some(Instant::now());
        self.unpublished = false;
        if let Some(wake) = &self.wake {
            wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;

    fn builtin() -> Dataset {
        formats::load_builtin()
            .expect("built-in dataset loads")
            .dataset
    }

    /// A network that takes the worker a while to lay out (a second or so).
    fn busy() -> Dataset {
        crate::layout::tests::planted(600, 2_400, 2)
    }

    /// A handle whose worker reports each snapshot it publishes.
    fn watched(dataset: &Dataset) -> (LayoutHandle, Receiver<()>) {
        let mut layout = LayoutHandle::new(dataset);
        let (published, watch) = mpsc::channel();
        layout.set_wake(move || {
            let _ = published.send(());
        });
        (layout, watch)
    }

    fn positions(layout: &LayoutHandle) -> Vec<Pos2> {
        layout.latest().xy.clone()
    }

    #[test]
    fn messages_are_applied_in_the_order_they_were_sent() {
        let mut layout = LayoutHandle::new(&builtin());
        let entity = EntityIdx(3);
        layout.pin_at(entity, Pos2::new(1.0, 2.0));
        layout.pin_at(entity, Pos2::new(3.0, 4.0));
        layout.unpin(entity);
        layout.pin_at(entity, Pos2::new(5.0, 6.0));
        layout.pause();
        layout.sync();
        let worker = layout.shared.latest.lock().unwrap().clone();
        assert_eq!(worker.xy[entity.0], Pos2::new(5.0, 6.0));
        assert!(worker.pinned[entity.0]);
        assert_eq!(worker.phase, LayoutPhase::Paused);
        assert_eq!(worker.applied, layout.sent.get());

        layout.resume();
        layout.pause();
        layout.unpin(entity);
        layout.sync();
        let worker = layout.shared.latest.lock().unwrap().clone();
        assert!(!worker.pinned[entity.0]);
        assert_eq!(worker.phase, LayoutPhase::Paused);
    }

    #[test]
    fn a_pin_shows_at_once_and_survives_the_workers_next_snapshots() {
        let (mut layout, watch) = watched(&busy());
        let entity = EntityIdx(7);
        let at = Pos2::new(-4_000.0, 2_500.0);
        let generation = layout.generation();
        layout.pin_at(entity, at);
        // Before the worker has seen the message.
        assert_eq!(layout.position(entity), at);
        assert!(layout.is_pinned(entity));
        assert!(layout.generation() > generation, "views re-index");
        assert!(layout.bounds().unwrap().contains(at));
        // Through the snapshots that follow, while the rest keeps moving.
        for _ in 0..5 {
            if watch.recv().is_err() || layout.phase() != LayoutPhase::Running {
                break;
            }
            assert_eq!(layout.position(entity), at);
            assert!(layout.is_pinned(entity));
        }
        layout.sync();
        assert_eq!(layout.latest().applied, layout.sent.get());
        assert_eq!(layout.position(entity), at);
        assert!(layout.is_pinned(entity));
    }

    #[test]
    fn pause_stops_the_worker_and_resume_goes_on() {
        let mut layout = LayoutHandle::new(&busy());
        layout.pause();
        assert_eq!(layout.phase(), LayoutPhase::Paused, "shown at once");
        layout.sync();
        let paused = layout.latest();
        assert_eq!(paused.phase, LayoutPhase::Paused);
        // Time enough for many steps, were any taken.
        std::thread::sleep(Duration::from_millis(100));
        layout.sync();
        let later = layout.latest();
        assert_eq!(later.generation, paused.generation);
        assert_eq!(later.steps_taken, paused.steps_taken);
        assert_eq!(later.xy, paused.xy);

        layout.resume();
        assert_eq!(layout.phase(), LayoutPhase::Running, "shown at once");
        layout.settle(u32::try_from(paused.steps_taken).unwrap() + 5);
        assert!(layout.steps_taken() > paused.steps_taken);
    }

    #[test]
    fn dropping_the_handle_stops_the_worker() {
        let (layout, watch) = watched(&busy());
        assert_eq!(layout.phase(), LayoutPhase::Running);
        drop(layout);
        // The wake callback goes with the thread when it ends: then nothing can publish any
        // more, and the channel closes.
        while watch.recv().is_ok() {}
    }

    #[test]
    fn a_drag_undone_leaves_a_layout_at_rest_where_it_was() {
        let mut layout = LayoutHandle::new(&builtin());
        layout.settle(100_000);
        assert_eq!(layout.phase(), LayoutPhase::Converged);
        let before = positions(&layout);
        let entity = EntityIdx(5);
        // The drag, then its undoing: back where it was, released.
        layout.pin_at(entity, before[entity.0] + egui::vec2(300.0, -200.0));
        layout.pin_at(entity, before[entity.0]);
        layout.release(entity);
        layout.sync();
        assert_eq!(layout.phase(), LayoutPhase::Converged);
        assert!(!layout.is_pinned(entity));
        assert_eq!(positions(&layout), before, "no node moved");
        // Unpinning by hand wakes it, so the node can find its place.
        layout.pin_at(entity, before[entity.0] + egui::vec2(300.0, -200.0));
        layout.unpin(entity);
        assert_eq!(layout.phase(), LayoutPhase::Running);
    }

    #[test]
    fn a_pause_is_heard_while_a_big_network_is_still_being_arranged() {
        let big = crate::layout::tests::planted(10_000, 40_000, 2);
        let mut layout = LayoutHandle::new(&big);
        layout.pause();
        layout.sync();
        // The multilevel start runs in slices with the messages heard between them, so the
        // pause holds it part-way instead of waiting for the whole of it.
        assert!(layout.is_preparing());
        assert_eq!(layout.phase(), LayoutPhase::Paused);
        layout.resume();
        layout.settle(1);
        assert!(!layout.is_preparing());
    }

    #[test]
    fn the_worker_converges_publishes_rising_generations_then_stops_publishing() {
        let (layout, watch) = watched(&builtin());
        let mut generations = vec![layout.latest().generation];
        while layout.phase() == LayoutPhase::Running {
            watch
                .recv_timeout(Duration::from_mins(1))
                .expect("the worker publishes while it runs");
            generations.push(layout.latest().generation);
        }
        assert_eq!(layout.phase(), LayoutPhase::Converged);
        assert!(
            generations.windows(2).all(|pair| pair[0] <= pair[1]),
            "{generations:?}"
        );
        assert!(generations.len() > 1);
        // At rest, no more snapshots and no more repaints.
        assert!(watch.recv_timeout(Duration::from_millis(100)).is_err());
    }

    #[test]
    fn settling_a_fresh_layout_matches_the_layout_stepped_in_place() {
        let dataset = builtin();
        for max_steps in [40, 20_000] {
            let mut handle = LayoutHandle::new(&dataset);
            handle.settle(max_steps);
            // On a busy machine the worker may have gone past 40 steps before the call came:
            // then it holds where it had got to, which in-place stepping must match too.
            let steps = handle.steps_taken();
            assert!(steps >= u64::from(max_steps) || handle.phase() == LayoutPhase::Converged);
            let mut layout = ForceLayout::new(&dataset);
            layout.settle(u32::try_from(steps).unwrap());
            let direct: Vec<Pos2> = (0..layout.len())
                .map(|i| layout.position(EntityIdx(i)))
                .collect();
            assert_eq!(positions(&handle), direct, "{max_steps} steps");
            assert_eq!(handle.steps_taken(), layout.steps_taken());
            let held = if layout.phase() == LayoutPhase::Running {
                LayoutPhase::Paused
            } else {
                layout.phase()
            };
            assert_eq!(handle.phase(), held);
        }
    }

    #[test]
    fn restore_and_engine_show_at_once_as_the_worker_then_has_them() {
        let dataset = builtin();
        let mut layout = LayoutHandle::new(&dataset);
        layout.settle(100);
        let before = layout.snapshot();
        layout.set_engine(Engine::FruchtermanReingold);
        assert_eq!(layout.engine(), Engine::FruchtermanReingold);
        assert_eq!(layout.phase(), LayoutPhase::Running);
        layout.relayout(&dataset);
        layout.restore(&before);
        assert_eq!(layout.snapshot(), before);
        assert_eq!(layout.phase(), LayoutPhase::Paused);
        layout.sync();
        assert_eq!(layout.snapshot(), before);
        assert_eq!(layout.phase(), LayoutPhase::Paused);
    }

    #[test]
    fn excluded_entities_show_at_once_and_hold_still() {
        let mut layout = LayoutHandle::new(&builtin());
        let mut excluded = vec![false; layout.len()];
        excluded[5] = true;
        layout.pause();
        layout.sync();
        let at = layout.position(EntityIdx(5));
        layout.set_excluded(&excluded);
        assert!(layout.is_excluded(EntityIdx(5)));
        layout.resume();
        layout.settle(u32::MAX);
        assert!(layout.is_excluded(EntityIdx(5)));
        assert_eq!(layout.position(EntityIdx(5)), at);
    }

    #[test]
    fn hiding_entities_does_not_wake_a_layout_at_rest() {
        let mut layout = LayoutHandle::new(&builtin());
        layout.settle(u32::MAX);
        assert_eq!(layout.phase(), LayoutPhase::Converged);
        let before = layout.snapshot();
        let mut excluded = vec![false; layout.len()];
        excluded[..10].fill(true);
        layout.set_excluded(&excluded);
        layout.sync();
        assert_eq!(layout.phase(), LayoutPhase::Converged);
        assert_eq!(layout.snapshot(), before, "the map stays as it was learned");
        // Run again on purpose, the rest arranges itself without them.
        layout.rerun();
        layout.settle(u32::MAX);
        assert!(layout.is_excluded(EntityIdx(3)));
        assert_ne!(layout.snapshot().positions, before.positions);
    }
}

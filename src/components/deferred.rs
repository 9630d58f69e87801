//! Rendering spread over tasks. A report's collapsed rule cards hold most
//! of its page (findings with evidence and forms, the fix, the rule's
//! documentation); building all of them in the task that shows the report
//! blocked the page for over 100 ms on a big tenant. Instead each card's
//! body, and each batch of its findings, is built in a task of its own, one
//! after the other, once the page has had its turn. A card the user opens
//! is built at once; printing builds everything first (the print view shows
//! every card).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use leptos::prelude::*;

type Job = Box<dyn FnOnce()>;

thread_local! {
    /// The work waiting, oldest first.
    static QUEUE: RefCell<VecDeque<Job>> = RefCell::new(VecDeque::new());
    /// A task to run the next job is scheduled.
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// Printing: work is done at once instead of later.
    static PRINTING: Cell<bool> = const { Cell::new(false) };
    /// How many jobs wait (shown as `data-rendering` on the findings, so
    /// tests and scripts can tell when the report is complete). Not owned
    /// by any component: it lives as long as the page.
    static WAITING: ArcRwSignal<usize> = ArcRwSignal::new(0);
}

/// How many jobs are still waiting (tracked).
pub fn waiting() -> usize {
    WAITING.with(|w| w.get())
}

/// Runs `job` in a task of its own, after the jobs already waiting (at once
/// while printing).
pub fn later(job: impl FnOnce() + 'static) {
    if PRINTING.with(Cell::get) {
        job();
        return;
    }
    QUEUE.with(|q| q.borrow_mut().push_back(Box::new(job)));
    WAITING.with(|w| w.update(|n| *n += 1));
    schedule();
}

fn schedule() {
    if SCHEDULED.with(|s| s.replace(true)) {
        return;
    }
    set_timeout(
        || {
            SCHEDULED.with(|s| s.set(false));
            run_next();
        },
        std::time::Duration::ZERO,
    );
}

/// Runs the oldest job, then schedules the next.
fn run_next() {
    let job = QUEUE.with(|q| q.borrow_mut().pop_front());
    if let Some(job) = job {
        WAITING.with(|w| w.update(|n| *n = n.saturating_sub(1)));
        job();
    }
    if QUEUE.with(|q| !q.borrow().is_empty()) {
        schedule();
    }
}

/// Raises `shown` by `batch` in a later task, again and again until it
/// reaches `total` (stops when its owner is gone): a long list built a
/// batch per task.
fn grow(shown: RwSignal<usize>, total: usize, batch: usize) {
    if shown.try_get_untracked().is_none_or(|s| s >= total) {
        return;
    }
    later(move || {
        if shown.try_update(|s| *s = (*s + batch).min(total)).is_some() {
            grow(shown, total, batch);
        }
    });
}

/// `items` shown `batch` at a time: the first `at_once` now, each further
/// batch in a task of its own (see [`grow`]).
pub fn in_batches<T, V>(
    items: &[T],
    batch: usize,
    at_once: usize,
    item: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let batch = batch.max(1);
    let shown = RwSignal::new(at_once.min(items.len()));
    grow(shown, items.len(), batch);
    items
        .chunks(batch)
        .enumerate()
        .map(|(i, chunk)| {
            let chunk = chunk.to_vec();
            let item = item.clone();
            let from = i * batch;
            view! {
                <Show when=move || from < shown.get()>
                    {chunk.iter().cloned().map(item.clone()).collect_view()}
                </Show>
            }
        })
        .collect_view()
}

/// Before printing: everything waiting is done now, and work asked for
/// while the page prints is done at once.
pub fn before_print() {
    PRINTING.with(|p| p.set(true));
    let jobs: Vec<Job> = QUEUE.with(|q| q.borrow_mut().drain(..).collect());
    WAITING.with(|w| w.set(0));
    for job in jobs {
        job();
    }
}

/// After printing: back to one job per task.
pub fn after_print() {
    PRINTING.with(|p| p.set(false));
}

/// Shows its children from a later task on: a heavy part of the report
/// (score, coverage, comparison) is built in a task of its own when it
/// first appears; afterwards it updates in place like any other part.
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    later(move || _ = ready.try_set(true));
    view! { <Show when=move || ready.get()>{children()}</Show> }
}

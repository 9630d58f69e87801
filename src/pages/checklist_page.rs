//! The console checklist: one guided form per console-only section, in the
//! console's own labels and order, with the section's progress (derived by
//! the engine from entries, loaded files and the assessor's choice), the
//! files that already cover it, the rules it unlocks (their live outcome and
//! the other sections they need), and its entered items.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::ConflictChooser;
use crate::components::{field_view, Where};
use crate::state::AppState;
use engine::assessment::needs::{is_covered, needs, Need};
use engine::assessment::progress::{section_progress, tally, Progress, SectionProgress};
use engine::assessment::records::{self, Slot};
use engine::assessment::SectionStatus;
use engine::checklist::{self, forms, Group, SectionForm};
use engine::report::Status;

/// The value of the progress select for a status.
fn status_value(s: Option<SectionStatus>) -> &'static str {
    match s {
        None => "todo",
        Some(SectionStatus::Done) => "done",
        Some(SectionStatus::Skipped) => "skipped",
        Some(SectionStatus::NotApplicable) => "not_applicable",
    }
}

const STATUSES: [(&str, &str); 4] = [
    ("todo", "To do"),
    ("done", "Done"),
    ("skipped", "Skipped"),
    ("not_applicable", "Not applicable"),
];

fn parse_status(v: &str) -> Option<SectionStatus> {
    match v {
        "done" => Some(SectionStatus::Done),
        "skipped" => Some(SectionStatus::Skipped),
        "not_applicable" => Some(SectionStatus::NotApplicable),
        _ => None,
    }
}

/// A section's progress, recomputed when the entries or the report change.
fn progress_of(state: AppState, form: &'static SectionForm) -> Memo<SectionProgress> {
    Memo::new(move |_| {
        state.assessment.with(|a| {
            state
                .report
                .with(|r| section_progress(a, form, &r.coverage))
        })
    })
}

/// The label of the progress select's first option: what the section
/// stands at when the assessor has not chosen (derived by the engine).
fn automatic_label(p: &SectionProgress) -> &'static str {
    match p.progress {
        Progress::InProgress | Progress::FromFiles => p.progress.label(),
        _ => "To do",
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Moves keyboard focus once the DOM has caught up with a change.
fn focus_later(selector: String) {
    crate::focus::focus_later_then(selector, false, |el| {
        // A new item's name reads "New definition": typing replaces it.
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            if input.type_() == "text" {
                input.select();
            }
        }
    });
}

fn section_selector(form: &SectionForm) -> String {
    format!(
        "[data-testid=\"checklist-section\"][data-section=\"{}\"]",
        form.section.key()
    )
}

fn first_field_of(form: &SectionForm, slot: Slot) -> String {
    format!(
        "{} [data-testid=\"checklist-item\"][data-index=\"{}\"] [data-testid=\"field\"]",
        section_selector(form),
        slot.tag()
    )
}

fn group_view(w: Where, g: &'static Group) -> impl IntoView {
    let fields = g
        .fields
        .iter()
        .map(move |f| field_view(w, f))
        .collect_view();
    if g.title.is_empty() {
        view! { <div class="cl-group cl-group--plain">{fields}</div> }.into_any()
    } else {
        view! {
            <fieldset class="cl-group">
                <legend class="cl-group__title">{g.title}</legend>
                {fields}
            </fieldset>
        }
        .into_any()
    }
}

/// One entered item (or the settings object of a non-repeating form).
#[component]
fn ChecklistItem(form: &'static SectionForm, at: Slot) -> impl IntoView {
    let state = expect_context::<AppState>();
    let slot = at;
    let errors = Memo::new(move |_| state.assessment.with(|a| records::problems(a, form, slot)));
    let label = Memo::new(move |_| {
        state.assessment.with(|a| {
            records::record(a, form, slot)
                .map(|r| checklist::item_label(form, r))
                .unwrap_or_default()
        })
    });
    let item = capitalized(form.item);
    let number = match slot {
        Slot::Item(i) => format!("{item} {}", i + 1),
        Slot::Object => form.title().to_string(),
    };
    let heading = {
        let number = number.clone();
        move || {
            let l = label.get();
            if l.is_empty() || slot == Slot::Object {
                number.clone()
            } else {
                format!("{number}: {l}")
            }
        }
    };
    let w = Where { form, slot, errors };
    let duplicate = move |_| {
        let Slot::Item(i) = slot else { return };
        let mut new_slot = None;
        state.edit(|a| new_slot = records::duplicate_item(a, form, i));
        if let Some(s) = new_slot {
            state
                .announce
                .set(format!("{number} duplicated as {item} {}.", i + 2));
            focus_later(first_field_of(form, s));
        }
    };
    let remove = move |_| {
        state.edit(|a| records::remove_record(a, form, slot));
        state
            .announce
            .set(format!("{} removed.", capitalized(form.item)));
        focus_later(format!(
            "{} [data-testid=\"add-item\"]",
            section_selector(form)
        ));
    };
    let heading_id = format!("cl-{}-{}", form.section.key(), slot.tag());
    let labelled_by = heading_id.clone();
    let noun = if form.repeating {
        form.item
    } else {
        "settings"
    };
    let flag = move || {
        let n = errors.with(Vec::len);
        (n > 0).then(|| {
            let text = if n == 1 {
                "Incomplete: 1 problem to fix below".to_string()
            } else {
                format!("Incomplete: {n} problems to fix below")
            };
            view! { <p class="cl-flag" data-testid="item-flag">{text}</p> }
        })
    };
    view! {
        <li class="cl-item" class:cl-item--flagged=move || errors.with(|e| !e.is_empty())
            data-testid="checklist-item" data-index=slot.tag() aria-labelledby=labelled_by>
            <div class="cl-item__head">
                <h4 class="cl-item__title" id=heading_id>{heading}</h4>
                <div class="cl-item__actions">
                    {form.repeating.then(|| view! {
                        <button type="button" data-testid="duplicate-item" on:click=duplicate>{format!("Duplicate {}", form.item)}</button>
                    })}
                    <button type="button" class="button--danger" data-testid="remove-item" on:click=remove>{format!("Remove {noun}")}</button>
                </div>
            </div>
            {flag}
            {form.groups.iter().map(move |g| group_view(w, g)).collect_view()}
        </li>
    }
}

/// Opens another checklist section: scrolls to it and moves focus to its
/// heading.
fn open_section(key: &'static str) {
    crate::focus::focus_later(format!("#cl-{key}-title"), true);
}

/// One other section a rule needs: a button to it when it is entered in
/// the checklist, else the API call that collects it.
fn need_view(need: Need) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = need.section.key();
    let covered = Memo::new(move |_| state.report.with(|r| is_covered(&r.coverage, need.section)));
    let state_text = move || {
        if covered.get() {
            " (loaded)"
        } else {
            " (missing)"
        }
    };
    let body = if need.in_checklist {
        view! {
            <button type="button" class="cl-need__open" data-testid="open-section" data-section=key
                on:click=move |_| open_section(key)>{need.title}</button>
        }
        .into_any()
    } else {
        view! {
            <span class="cl-need__name">{need.title}</span>
            " from a file: "<code class="cl-need__call">{need.how_to_collect}</code>
        }
        .into_any()
    };
    view! {
        <li class="cl-need" data-testid="also-needs" data-section=key
            data-covered=move || covered.get().to_string()>
            {body}<span class="cl-need__state">{state_text}</span>
        </li>
    }
}

/// The rules that read a section, with their current outcome and the other
/// sections each one needs.
fn unlocked_rules(form: &'static SectionForm) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Which rules read which sections does not depend on the data.
    let rules: Vec<(&'static str, String, Vec<Need>)> = state
        .report
        .with_untracked(|r| needs(form.section, &r.coverage))
        .into_iter()
        .filter_map(|n| {
            engine::rules::find(&n.code).map(|r| (r.meta().code, r.meta().doc().summary, n.also))
        })
        .collect();
    if rules.is_empty() {
        return view! { <p class="cl-unlocks cl-unlocks--none">"No rule reads this section yet."</p> }.into_any();
    }
    let title_id = format!("cl-{}-rules", form.section.key());
    let list_by = title_id.clone();
    view! {
        <div class="cl-unlocks">
            <h4 class="cl-unlocks__title" id=title_id>"Rules this section unlocks"</h4>
            <ul class="cl-unlocks__list" aria-labelledby=list_by>
                {rules.into_iter().map(|(code, title, also)| {
                    let status = move || state.report.with(|r| r.results.iter().find(|x| x.code == code).map(|x| x.status));
                    let label = move || status().unwrap_or(Status::NotAssessed).label();
                    let also = (!also.is_empty()).then(|| view! {
                        <div class="cl-needs">
                            <span class="cl-needs__label">"Also needs: "</span>
                            <ul class="cl-needs__list">{also.into_iter().map(need_view).collect_view()}</ul>
                        </div>
                    });
                    view! {
                        <li class="cl-unlocks__rule" data-testid="unlocked-rule" data-rule=code
                            data-status=move || status().map(Status::as_str).unwrap_or("not_assessed")>
                            <span class=move || format!("badge badge--{}", status().map(Status::as_str).unwrap_or("not_assessed"))>{label}</span>
                            " "<span class="rule__code">{code}</span>" "{title}
                            {also}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

#[component]
fn ChecklistSection(form: &'static SectionForm) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = form.section.key();
    let heading_id = format!("cl-{key}-title");
    let labelled_by = heading_id.clone();
    let status_id = format!("cl-{key}-status");
    let status_for = status_id.clone();
    let status = move || {
        state
            .assessment
            .with(|a| status_value(a.status.get(key).copied()))
    };
    let progress = progress_of(state, form);
    let count = Memo::new(move |_| {
        state.assessment.with(|a| {
            if form.repeating {
                records::items(a, form.section).len()
            } else {
                usize::from(records::object(a, form).is_some())
            }
        })
    });
    let add = move |_| {
        let mut slot = Slot::Object;
        state.edit(|a| slot = records::add(a, form));
        let what = if form.repeating {
            capitalized(form.item)
        } else {
            "Settings".into()
        };
        state
            .announce
            .set(format!("{what} added to {}.", form.title()));
        focus_later(first_field_of(form, slot));
    };
    let add_label = if form.repeating {
        format!("Add {}", form.item)
    } else {
        "Enter these settings".to_string()
    };
    let conflict = move || {
        state
            .conflicts
            .with(|c| c.contains(&form.section))
            .then(|| view! { <ConflictChooser section=form.section/> })
    };
    let items = move || {
        if form.repeating {
            view! {
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <ChecklistItem form=form at=Slot::Item(i)/>
                </For>
            }
            .into_any()
        } else {
            (count.get() > 0)
                .then(|| view! { <ChecklistItem form=form at=Slot::Object/> })
                .into_any()
        }
    };
    let empty_text = move || {
        let from_files = progress.with(|p| !p.files.is_empty());
        match (from_files, form.repeating) {
            (true, true) => format!(
                "No {} entered here: the findings use the loaded file. Enter {}s only to \
                 correct or complete it.",
                form.item, form.item
            ),
            (true, false) => "Not entered here: the findings use the loaded file.".to_string(),
            (false, true) => format!("No {} entered yet.", form.item),
            (false, false) => "Not entered yet.".to_string(),
        }
    };
    let covered = move || {
        progress.with(|p| {
            (!p.files.is_empty()).then(|| {
                view! { <p class="cl-covered" data-testid="covered-by">{p.covered_by()}</p> }
            })
        })
    };
    let flag = move || {
        progress.with(|p| {
            p.flagged().then(|| {
                let n = p.incomplete;
                let text = match (n, p.progress) {
                    (1, Progress::Done) => "Marked done, but 1 item is incomplete".to_string(),
                    (_, Progress::Done) => format!("Marked done, but {n} items are incomplete"),
                    (1, _) => "1 item is incomplete".to_string(),
                    _ => format!("{n} items are incomplete"),
                };
                view! { <p class="cl-flag" data-testid="section-flag">{text}</p> }
            })
        })
    };
    view! {
        <section class="cl-section" id=format!("cl-{key}") data-testid="checklist-section" data-section=key
            data-progress=move || progress.with(|p| p.progress.as_str())
            aria-labelledby=labelled_by>
            <header class="cl-section__head">
                <div>
                    <h3 class="cl-section__title" id=heading_id tabindex="-1">{form.title()}</h3>
                    <p class="cl-section__path">"In the console: "<span class="cl-path">{if form.console_path().is_empty() { form.section.how_to_collect() } else { form.console_path() }}</span></p>
                </div>
                <div class="cl-status">
                    <label for=status_for>"Progress"</label>
                    <select id=status_id class=move || format!("cl-select cl-status--{}", progress.with(|p| p.progress.as_str())) data-testid="section-status"
                        on:change=move |ev| state.set_status(form.section, parse_status(&event_target_value(&ev)))>
                        {STATUSES.iter().map(|(v, l)| {
                            let label = move || if *v == "todo" { progress.with(automatic_label) } else { *l };
                            view! { <option value=*v prop:selected=move || status() == *v>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </header>
            {covered}
            {flag}
            {conflict}
            {unlocked_rules(form)}
            <Show when=move || count.get() == 0>
                <p class="cl-empty">{empty_text}</p>
            </Show>
            <ol class="cl-items">{items}</ol>
            <Show when=move || form.repeating || count.get() == 0>
                <button type="button" class="cl-add" data-testid="add-item" on:click=add>{add_label.clone()}</button>
            </Show>
        </section>
    }
}

#[component]
pub fn ChecklistPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let progress = move || {
        let counts = state
            .assessment
            .with(|a| state.report.with(|r| tally(a, &r.coverage)));
        let parts: Vec<String> = counts
            .iter()
            .map(|(p, n)| format!("{n} {}", p.label().to_lowercase()))
            .collect();
        format!("{} sections: {}", forms().len(), parts.join(" · "))
    };
    view! {
        <section class="checklist" data-testid="checklist-page" aria-labelledby="checklist-title">
            <h2 id="checklist-title">"Console checklist"</h2>
            <p class="checklist__intro">
                "These settings cannot be read through the Mimecast API. Open each place in the Administration Console "
                "and record what it shows: the findings update as you type, and everything is kept in this browser only."
            </p>
            <p class="checklist__progress" data-testid="checklist-progress">{progress}</p>
            {forms().is_empty().then(|| view! { <p class="cl-empty">"The checklist forms are not available in this build."</p> })}
            <nav class="cl-toc" aria-label="Checklist sections">
                <ol>
                    {forms().iter().map(|f| {
                        let key = f.section.key();
                        let p = progress_of(state, f);
                        view! {
                            <li data-testid="toc-section" data-section=key data-progress=move || p.with(|p| p.progress.as_str())>
                                <a href=format!("#cl-{key}")>{f.title()}</a>
                                " "<span class=move || format!("cl-toc__status cl-toc__status--{}", p.with(|p| p.progress.as_str()))>{move || p.with(|p| p.progress.label())}</span>
                                {move || p.with(|p| p.flagged().then(|| view! {
                                    " "<span class="cl-toc__flag" data-testid="toc-flag">{format!("{} incomplete", p.incomplete)}</span>
                                }))}
                                {move || p.with(|p| (!p.files.is_empty()).then(|| view! {
                                    <span class="cl-toc__covered" data-testid="toc-covered">{p.covered_by()}</span>
                                }))}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </nav>
            {forms().iter().map(|f| view! { <ChecklistSection form=f/> }).collect_view()}
        </section>
    }
}

//! One field of a checklist form, rendered from the schema: the console's
//! label, exactly the allowed values, and the field's validation message
//! beside it (linked with `aria-describedby`, flagged with `aria-invalid`).
//!
//! Values are read from the current assessment through memos, so typing in
//! one input never re-creates it (focus and caret stay where they are).
//! Controls take signals and callbacks rather than closures, so each kind
//! of control is compiled once (this keeps the wasm small).

use leptos::html;
use leptos::prelude::*;
use serde_json::Value;

use crate::state::AppState;
use engine::assessment::records::{self, Slot};
use engine::checklist::{self, Field, FieldError, FieldKind, SectionForm};
use engine::model::Section;

/// Which record a field belongs to, and that record's problems.
#[derive(Clone, Copy)]
pub struct Where {
    pub form: &'static SectionForm,
    pub slot: Slot,
    pub errors: Memo<Vec<FieldError>>,
}

impl Where {
    fn id(&self, key: &str, suffix: &str) -> String {
        format!(
            "f-{}-{}-{}{suffix}",
            self.form.section.key(),
            self.slot.tag(),
            key.replace('.', "-")
        )
    }
}

/// What every control of a field carries.
#[derive(Clone)]
struct Attrs {
    id: String,
    /// The `data-key` test hook (the field's dotted key).
    key: String,
    required: Option<&'static str>,
    invalid: Signal<Option<&'static str>>,
    described: Signal<Option<String>>,
}

/// Whether an error's key belongs to a field (`from` owns `from.domain`).
fn owns(field: &str, error: &str) -> bool {
    error == field
        || error
            .strip_prefix(field)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn opt_text(v: &Option<Value>) -> String {
    v.as_ref().map(text_of).unwrap_or_default()
}

fn lines_of(v: &Option<Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().map(text_of).collect(),
        Some(Value::String(s)) => parse_lines(s),
        _ => Vec::new(),
    }
}

fn parse_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn number_of(v: &Option<Value>) -> Option<i64> {
    match v {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

fn opt_string(t: String) -> Option<Value> {
    (!t.is_empty()).then_some(Value::String(t))
}

/// The label text, with "(required)" when it is.
fn label_text(field: &Field) -> String {
    if field.required {
        format!("{} (required)", field.label)
    } else {
        field.label.to_string()
    }
}

fn help_view(id: String, help: &'static str) -> AnyView {
    if help.is_empty() {
        ().into_any()
    } else {
        view! { <p class="cl-help" id=id>{help}</p> }.into_any()
    }
}

fn error_view(id: String, key: &'static str, error: Memo<Option<String>>) -> AnyView {
    (move || error.get().map(|m| view! { <p class="cl-error" id=id.clone() data-testid="field-error" data-key=key>{m}</p> })).into_any()
}

/// A label above its control, with the help and the error below.
fn labelled(
    for_id: String,
    label: String,
    control: AnyView,
    help: AnyView,
    error: AnyView,
) -> AnyView {
    view! {
        <div class="cl-field">
            <label for=for_id>{label}</label>
            {control}
            {help}
            {error}
        </div>
    }
    .into_any()
}

/// A text or date input.
fn text_input(
    kind: &'static str,
    a: Attrs,
    value: Signal<String>,
    write: Callback<Option<Value>>,
) -> AnyView {
    view! {
        <input type=kind id=a.id class="cl-input" data-testid="field" data-key=a.key autocomplete="off"
            aria-required=a.required aria-invalid=a.invalid aria-describedby=a.described
            prop:value=value
            on:input=move |ev| write.run(opt_string(event_target_value(&ev)))/>
    }
    .into_any()
}

/// A drop-down of `(value, label)` options with an empty first option.
fn select_input(
    a: Attrs,
    placeholder: &'static str,
    options: Signal<Vec<(String, String)>>,
    current: Signal<Option<String>>,
    disabled: Signal<bool>,
    change: Callback<String>,
) -> AnyView {
    view! {
        <select id=a.id class="cl-select" data-testid="field" data-key=a.key disabled=disabled
            aria-required=a.required aria-invalid=a.invalid aria-describedby=a.described
            on:change=move |ev| change.run(event_target_value(&ev))>
            <option value="" prop:selected=move || current.with(Option::is_none)>{placeholder}</option>
            {move || options.get().into_iter().map(|(value, label)| {
                let mine = value.clone();
                view! { <option value=value prop:selected=move || current.with(|c| c.as_deref() == Some(mine.as_str()))>{label}</option> }
            }).collect_view()}
        </select>
    }
    .into_any()
}

fn placeholder(field: &Field) -> &'static str {
    if field.required {
        "Choose…"
    } else {
        "— not set —"
    }
}

pub fn field_view(w: Where, field: &'static Field) -> AnyView {
    let state = expect_context::<AppState>();
    let value = Memo::new(move |_| {
        state.assessment.with(|a| {
            records::record(a, w.form, w.slot)
                .and_then(|r| checklist::get(r, field.key))
                .cloned()
        })
    });
    // A problem the input itself knows about (a number that is not one).
    let local = RwSignal::new(None::<String>);
    let error = Memo::new(move |_| {
        let mut msgs: Vec<String> = local.get().into_iter().collect();
        w.errors.with(|es| {
            msgs.extend(
                es.iter()
                    .filter(|e| owns(field.key, &e.key))
                    .map(|e| e.message.clone()),
            )
        });
        (!msgs.is_empty()).then(|| msgs.join(" "))
    });
    let write = Callback::new(move |v: Option<Value>| {
        state.edit(|a| records::set_field(a, w.form, w.slot, field.key, v))
    });

    let id = w.id(field.key, "");
    let help_id = w.id(field.key, "-help");
    let err_id = w.id(field.key, "-error");
    let hint_id = w.id(field.key, "-hint");
    // A Reference with nothing to choose from points at its hint.
    let no_options = match field.kind {
        FieldKind::Reference(section) => Memo::new(move |_| {
            state
                .assessment
                .with(|a| records::reference_options(a, section).is_empty())
        }),
        _ => Memo::new(|_| false),
    };
    let has_help = !field.help.is_empty();
    let described = Signal::derive({
        let (help_id, err_id) = (help_id.clone(), err_id.clone());
        move || {
            let mut ids = Vec::new();
            if no_options.get() {
                ids.push(hint_id.clone());
            }
            if has_help {
                ids.push(help_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    });
    let attrs = Attrs {
        id: id.clone(),
        key: field.key.to_string(),
        required: field.required.then_some("true"),
        invalid: Signal::derive(move || error.with(|e| e.is_some().then_some("true"))),
        described,
    };
    let help = help_view(help_id, field.help);
    let errors = error_view(err_id, field.key, error);
    let label = label_text(field);

    match field.kind {
        FieldKind::Text => labelled(
            id,
            label,
            text_input(
                "text",
                attrs,
                Signal::derive(move || value.with(opt_text)),
                write,
            ),
            help,
            errors,
        ),
        FieldKind::Date => {
            let shown =
                Signal::derive(move || value.with(|v| opt_text(v).chars().take(10).collect()));
            labelled(
                id,
                label,
                text_input("date", attrs, shown, write),
                help,
                errors,
            )
        }
        FieldKind::Number { min, max } => {
            let node = NodeRef::<html::Input>::new();
            // Show the stored number unless the input already says it (so a
            // half-typed "-" is left alone).
            Effect::new(move |_| {
                let stored = value.with(number_of);
                if let Some(el) = node.get() {
                    let shown = el.value().trim().parse::<i64>().ok();
                    if shown != stored && !(stored.is_none() && el.validity().bad_input()) {
                        el.set_value(&stored.map(|n| n.to_string()).unwrap_or_default());
                    }
                }
            });
            let control = view! {
                <input type="number" id=attrs.id class="cl-input cl-input--number" data-testid="field" data-key=attrs.key
                    min=min max=max step="1" node_ref=node
                    aria-required=attrs.required aria-invalid=attrs.invalid aria-describedby=attrs.described
                    on:input=move |ev| {
                        let el: web_sys::HtmlInputElement = event_target(&ev);
                        let t = el.value();
                        if el.validity().bad_input() {
                            local.set(Some("Enter a whole number.".into()));
                        } else if t.trim().is_empty() {
                            local.set(None);
                            write.run(None);
                        } else if let Ok(n) = t.trim().parse::<i64>() {
                            local.set(None);
                            write.run(Some(Value::from(n)));
                        } else {
                            local.set(Some("Enter a whole number.".into()));
                        }
                    }/>
            };
            labelled(id, label, control.into_any(), help, errors)
        }
        FieldKind::Lines | FieldKind::Cidrs => {
            let node = NodeRef::<html::Textarea>::new();
            // Rewrite the text only when it no longer says what is stored
            // (so an empty line being typed is not taken away).
            Effect::new(move |_| {
                let stored = value.with(lines_of);
                if let Some(el) = node.get() {
                    if parse_lines(&el.value()) != stored {
                        el.set_value(&stored.join("\n"));
                    }
                }
            });
            let control = view! {
                <textarea id=attrs.id class="cl-input cl-lines" rows="3" data-testid="field" data-key=attrs.key node_ref=node
                    aria-required=attrs.required aria-invalid=attrs.invalid aria-describedby=attrs.described spellcheck="false"
                    on:input=move |ev| {
                        let lines = parse_lines(&event_target_value(&ev));
                        write.run((!lines.is_empty()).then(|| Value::Array(lines.into_iter().map(Value::String).collect())));
                    }></textarea>
            };
            labelled(id, label, control.into_any(), help, errors)
        }
        FieldKind::Flag => {
            let ticked = Memo::new(move |_| {
                state.assessment.with(|a| {
                    records::record(a, w.form, w.slot)
                        .is_some_and(|r| checklist::flag(r, field.key))
                })
            });
            view! {
                <div class="cl-field cl-field--flag">
                    <input type="checkbox" id=attrs.id class="cl-check" data-testid="field" data-key=attrs.key
                        aria-invalid=attrs.invalid aria-describedby=attrs.described
                        prop:checked=ticked
                        on:change=move |ev| write.run(Some(Value::Bool(event_target_checked(&ev))))/>
                    <label for=id>{label}</label>
                    {help}
                    {errors}
                </div>
            }
            .into_any()
        }
        FieldKind::Select(choices) => {
            let current =
                Memo::new(move |_| value.with(|v| Some(opt_text(v)).filter(|s| !s.is_empty())));
            let options = Memo::new(move |_| {
                let mut o: Vec<(String, String)> = choices
                    .iter()
                    .map(|c| (c.value.to_string(), c.label.to_string()))
                    .collect();
                if let Some(c) = current
                    .get()
                    .filter(|c| !choices.iter().any(|ch| ch.value == c))
                {
                    o.push((c.clone(), format!("{c} (not a console value)")));
                }
                o
            });
            let change = Callback::new(move |v: String| write.run(opt_string(v)));
            let control = select_input(
                attrs,
                placeholder(field),
                options.into(),
                current.into(),
                Signal::stored(false),
                change,
            );
            labelled(id, label, control, help, errors)
        }
        FieldKind::Reference(section) => {
            let current =
                Memo::new(move |_| value.with(|v| Some(opt_text(v)).filter(|s| !s.is_empty())));
            let options = Memo::new(move |_| {
                let mut o = state
                    .assessment
                    .with(|a| records::reference_options(a, section));
                if let Some(c) = current.get().filter(|c| !o.iter().any(|(id, _)| id == c)) {
                    o.push((c.clone(), format!("{c} (not entered)")));
                }
                o
            });
            let change = Callback::new(move |v: String| write.run(opt_string(v)));
            let disabled = Signal::derive(move || options.with(Vec::is_empty));
            let control = select_input(
                attrs,
                placeholder(field),
                options.into(),
                current.into(),
                disabled,
                change,
            );
            let hint = reference_hint(w.id(field.key, "-hint"), section, no_options);
            labelled(
                id,
                label,
                view! { {control}{hint} }.into_any(),
                help,
                errors,
            )
        }
        FieldKind::Target => target_field(w, field, value, attrs, label, help, errors),
        FieldKind::Records { item, fields } => {
            records_field(w, field, item, fields, value, label, help, errors)
        }
    }
}

/// The field of item `i` of a list of records: the same field with the
/// item's dotted key (`apiApplications.0.name`). Made once per item shown
/// and kept for the page's life (a few bytes each).
fn item_field(list: &'static str, i: usize, sub: &'static Field) -> &'static Field {
    let key: &'static str = Box::leak(format!("{list}.{i}.{}", sub.key).into_boxed_str());
    Box::leak(Box::new(Field { key, ..*sub }))
}

/// A list of small records (API applications): each item's fields, with
/// buttons to add and remove items. Problems of an item are shown under
/// the list, named by the item's number.
#[allow(clippy::too_many_arguments)]
fn records_field(
    w: Where,
    field: &'static Field,
    item: &'static str,
    fields: &'static [Field],
    value: Memo<Option<Value>>,
    label: String,
    help: AnyView,
    errors: AnyView,
) -> AnyView {
    let state = expect_context::<AppState>();
    let count = Memo::new(move |_| {
        value.with(|v| v.as_ref().and_then(Value::as_array).map_or(0, Vec::len))
    });
    let edit_list = move |f: &dyn Fn(&mut Vec<Value>)| {
        state.edit(|a| {
            let mut list = records::record(a, w.form, w.slot)
                .and_then(|r| checklist::get(r, field.key))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            f(&mut list);
            records::set_field(a, w.form, w.slot, field.key, Some(Value::Array(list)));
        })
    };
    let noun = {
        let mut c = item.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let added = format!("{noun} added.");
    let add = move |_| {
        edit_list(&|l| l.push(checklist::new_item(item, fields)));
        state.announce.set(added.clone());
    };
    let removed = noun.clone();
    let remove = Callback::new(move |i: usize| {
        edit_list(&|l| {
            if i < l.len() {
                l.remove(i);
            }
        });
        state.announce.set(format!("{removed} {} removed.", i + 1));
    });
    let legend_id = w.id(field.key, "-legend");
    let labelled_by = legend_id.clone();
    let heading = noun;
    view! {
        <fieldset class="cl-records" data-testid="records" data-key=field.key aria-labelledby=labelled_by>
            <legend class="cl-records__title" id=legend_id>{label}</legend>
            {help}
            <ol class="cl-records__list">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <li class="cl-records__item" data-testid="record-item" data-index=i.to_string()>
                        <h5 class="cl-records__heading">{format!("{heading} {}", i + 1)}</h5>
                        {fields.iter().map(|sub| field_view(w, item_field(field.key, i, sub))).collect_view()}
                        <button type="button" class="button--danger" data-testid="remove-record"
                            on:click=move |_| remove.run(i)>{format!("Remove {item} {}", i + 1)}</button>
                    </li>
                </For>
            </ol>
            {errors}
            <button type="button" data-testid="add-record" on:click=add>{format!("Add {item}")}</button>
        </fieldset>
    }
    .into_any()
}

/// "Add one there first", for a Reference with nothing to choose from.
fn reference_hint(id: String, section: Section, none: Memo<bool>) -> AnyView {
    let other = checklist::form(section)
        .map(|f| f.title())
        .unwrap_or(section.title());
    (move || {
        none.get().then(|| {
            view! {
                <p class="cl-hint" id=id.clone()>
                    {format!("Nothing is entered in {other} yet: add one there first (")}
                    <a href=format!("#cl-{}", section.key())>{format!("go to {other}")}</a>
                    ")."
                </p>
            }
        })
    })
    .into_any()
}

/// Applies From / Applies To: a type drop-down, and a value input (labelled
/// for the type) when the type needs one.
fn target_field(
    w: Where,
    field: &'static Field,
    value: Memo<Option<Value>>,
    attrs: Attrs,
    label: String,
    help: AnyView,
    errors: AnyView,
) -> AnyView {
    let state = expect_context::<AppState>();
    let kind = Memo::new(move |_| {
        value.with(|v| {
            v.as_ref()
                .and_then(|t| t.get("type"))
                .and_then(Value::as_str)
                .map(String::from)
                .filter(|s| !s.is_empty())
        })
    });
    let value_key =
        Memo::new(move |_| kind.with(|k| k.as_deref().and_then(checklist::target_value_key)));
    let text = Signal::derive(move || {
        let k = value_key.get();
        value.with(|v| {
            k.and_then(|k| v.as_ref()?.get(k))
                .map(text_of)
                .unwrap_or_default()
        })
    });
    let section = w.form.section;
    let options = Memo::new(move |_| {
        let mut o: Vec<(String, String)> = checklist::TARGET_TYPES
            .iter()
            .filter(|c| c.value != "header_display_name" || records::offers_display_name(section))
            .map(|c| (c.value.to_string(), c.label.to_string()))
            .collect();
        if let Some(k) = kind.get().filter(|k| !o.iter().any(|(t, _)| t == k)) {
            o.push((k.clone(), format!("{k} (not offered here)")));
        }
        o
    });
    let set_kind = Callback::new(move |new: String| {
        if new.is_empty() {
            state.edit(|a| records::set_field(a, w.form, w.slot, field.key, None));
            return;
        }
        let mut obj = serde_json::Map::new();
        obj.insert("type".into(), Value::String(new.clone()));
        let carried = text.get_untracked();
        if let Some(k) = checklist::target_value_key(&new) {
            if !carried.is_empty() {
                obj.insert(k.into(), Value::String(carried));
            }
        }
        state.edit(|a| records::set_field(a, w.form, w.slot, field.key, Some(Value::Object(obj))));
    });
    let type_id = w.id(field.key, "-type");
    let value_id = w.id(field.key, "-value");
    let legend_id = w.id(field.key, "-legend");
    let labelled_by = legend_id.clone();
    let type_attrs = Attrs {
        id: type_id.clone(),
        ..attrs.clone()
    };
    let type_select = select_input(
        type_attrs,
        placeholder(field),
        options.into(),
        kind.into(),
        Signal::stored(false),
        set_kind,
    );
    let value_input = move || {
        value_key.get().map(|k| {
            let path = format!("{}.{}", field.key, k);
            let write_path = path.clone();
            let kind = kind.get_untracked().unwrap_or_default();
            let what = checklist::TARGET_TYPES
                .iter()
                .find(|c| c.value == kind)
                .map(|c| c.label)
                .unwrap_or("value");
            let write = Callback::new(move |v: Option<Value>| {
                state.edit(|a| records::set_field(a, w.form, w.slot, &write_path, v))
            });
            let a = Attrs {
                id: value_id.clone(),
                key: path,
                required: Some("true"),
                ..attrs.clone()
            };
            view! {
                <div class="cl-field cl-target__value">
                    <label for=value_id.clone()>{format!("{}: {what}", field.label)}</label>
                    {text_input("text", a, text, write)}
                </div>
            }
        })
    };
    view! {
        <fieldset class="cl-target" aria-labelledby=labelled_by>
            <legend id=legend_id>{label}</legend>
            <div class="cl-field">
                <label for=type_id>{format!("{}: type", field.label)}</label>
                {type_select}
            </div>
            {value_input}
            {help}
            {errors}
        </fieldset>
    }
    .into_any()
}

//! Renders the engine's small Markdown subset as elements (never as HTML
//! strings), so rule text and export values can never inject markup.

use leptos::prelude::*;

use engine::doc::{blocks, Block, Inline};

fn spans(items: Vec<Inline>) -> impl IntoView {
    items
        .into_iter()
        .map(|i| match i {
            Inline::Text(t) => view! { <span>{t}</span> }.into_any(),
            Inline::Code(t) => view! { <code>{t}</code> }.into_any(),
            Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Inline::Em(t) => view! { <em>{t}</em> }.into_any(),
        })
        .collect_view()
}

#[component]
pub fn DocText(markdown: String) -> impl IntoView {
    blocks(&markdown)
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(i) => view! { <p>{spans(i)}</p> }.into_any(),
            Block::List(items) => view! { <ul>{items.into_iter().map(|i| view! { <li>{spans(i)}</li> }).collect_view()}</ul> }.into_any(),
        })
        .collect_view()
}

//! Small SVG bar charts drawn by the app itself (no chart library, no
//! inline styles: colours come from CSS classes).

use leptos::prelude::*;

/// One bar: label, value, and a CSS modifier for its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u32,
    pub class: String,
}

/// A horizontal bar chart; `max` is the value of a full-width bar
/// (`None`: the largest value). `suffix` follows each value ("%").
#[component]
pub fn BarChart(
    title: String,
    bars: Vec<Bar>,
    #[prop(optional)] max: Option<u32>,
    #[prop(optional)] suffix: &'static str,
    testid: &'static str,
) -> impl IntoView {
    let row_h = 22u32;
    let label_w = 230u32;
    let bar_w = 260u32;
    let height = row_h * bars.len().max(1) as u32 + 4;
    let top = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).max().unwrap_or(0))
        .max(1);
    let desc = bars
        .iter()
        .map(|b| format!("{}: {}{suffix}", b.label, b.value))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        // On a phone the chart scrolls sideways inside its box (its text
        // stays readable): focusable, so the keyboard can scroll it too.
        <figure class="chart" data-testid=testid tabindex="0">
            <figcaption class="chart__title">{title.clone()}</figcaption>
            <svg class="chart__svg" role="img" aria-label=format!("{title}: {desc}")
                viewBox=format!("0 0 {} {height}", label_w + bar_w + 60) width="100%" preserveAspectRatio="xMinYMin meet">
                {bars.into_iter().enumerate().map(|(i, b)| {
                    let y = i as u32 * row_h + 2;
                    let w = (b.value.min(top) * bar_w / top).max(if b.value > 0 { 2 } else { 0 });
                    view! {
                        <g class="chart__row" data-label=b.label.clone() data-value=b.value.to_string()>
                            <text class="chart__label" x=label_w - 8 y=y + 15 text-anchor="end">{b.label.clone()}</text>
                            <rect class=format!("chart__track") x=label_w y=y + 3 width=bar_w height=row_h - 8 rx="3"/>
                            <rect class=format!("chart__bar chart__bar--{}", b.class) x=label_w y=y + 3 width=w height=row_h - 8 rx="3"/>
                            <text class="chart__value" x=label_w + bar_w + 8 y=y + 15>{format!("{}{suffix}", b.value)}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

//! The executive summary: score and grade (overall and per area), how the
//! score is computed, coverage, the date the analysis is evaluated as of,
//! charts, and the top fixes (each a link to its rule card).

use leptos::prelude::*;

use super::charts::{Bar, BarChart};
use crate::state::AppState;
use engine::compare::score_badge;
use engine::export::{coverage_line, top_fixes, TOP_FIXES};
use engine::model::parse_date;
use engine::report::filter::open_counts;
use engine::report::score::FORMULA;

#[component]
pub fn ScorePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let report = state.report;
    let overall = move || {
        report.with(|r| {
            r.score
                .overall
                .map(|s| s.to_string())
                .unwrap_or_else(|| "–".into())
        })
    };
    let grade = move || {
        report.with(|r| {
            r.score
                .grade
                .map(|g| g.to_string())
                .unwrap_or_else(|| "not scored".into())
        })
    };
    let grade_class = move || {
        report.with(|r| {
            format!(
                "score__grade score__grade--{}",
                r.score
                    .grade
                    .map(|g| g.letter.as_str().to_ascii_lowercase())
                    .unwrap_or_else(|| "x".into())
            )
        })
    };
    let severity_bars = move || {
        report.with(|r| {
            open_counts(&r.results)
                .by_severity
                .into_iter()
                .map(|(s, n)| Bar {
                    label: s.as_str().into(),
                    value: n as u32,
                    class: s.as_str().into(),
                })
                .collect::<Vec<_>>()
        })
    };
    let area_bars = move || {
        report.with(|r| {
            open_counts(&r.results)
                .by_area
                .into_iter()
                .map(|(a, n)| Bar {
                    label: a.title().into(),
                    value: n as u32,
                    class: "area".into(),
                })
                .collect::<Vec<_>>()
        })
    };
    let coverage_bars = move || {
        report.with(|r| {
            r.score
                .areas
                .iter()
                .map(|a| Bar {
                    label: a.area.title().into(),
                    value: a.coverage,
                    class: "coverage".into(),
                })
                .collect::<Vec<_>>()
        })
    };
    let areas = move || {
        report.with(|r| {
            r.score
                .areas
                .iter()
                .map(|a| {
                    let s = a.score.map(|s| s.to_string()).unwrap_or_else(|| "–".into());
                    let g = a
                        .grade
                        .map(|g| g.to_string())
                        .unwrap_or_else(|| "not assessed".into());
                    view! {
                        <tr data-testid="area-score" data-area=a.area.as_str()>
                            <th scope="row">{a.area.title()}</th>
                            <td>{s}</td><td>{g}</td>
                            <td>{format!("{} of {}", a.assessed, a.assessed + a.not_assessed)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let fixes = move || {
        report.with(|r| {
            top_fixes(r, TOP_FIXES)
                .into_iter()
                .map(|t| {
                    let code = t.result.code.clone();
                    let reveal = {
                        let code = code.clone();
                        move |ev: leptos::ev::MouseEvent| {
                            ev.prevent_default();
                            state.reveal_rule(&code);
                        }
                    };
                    view! {
                        <li data-testid="top-fix" data-rule=code.clone()>
                            <a class="top-fix__link" data-testid="top-fix-link" href=format!("#rule-{code}") on:click=reveal>
                                <span class=format!("sev sev--{}", t.result.severity.as_str())>{t.result.severity.as_str()}</span>" "
                                <strong>{code.clone()}</strong>" "{t.result.title.clone()}
                            </a>
                            <span class="top-fix__meta">{format!(" — {} open, effort {}", t.open, t.effort.as_str())}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let date_value = move || {
        let r = report.with(|r| r.analysis_date.clone());
        r.get(..10).unwrap_or_default().to_string()
    };
    view! {
        <section class="summary-panel report-section" id="summary" aria-labelledby="summary-title" data-testid="executive-summary">
            <h2 id="summary-title">"Executive summary"</h2>
            <div class="summary-panel__top">
                <div class="score" data-testid="score">
                    <span class="score__value" data-testid="score-value">{overall}</span>
                    <span class="score__of">"/100"</span>
                    <span class=grade_class data-testid="grade">{grade}</span>
                    {move || {
                        let c = state.comparison.get()?;
                        let b = score_badge(&c.0.score.overall)?;
                        Some(view! {
                            <a href="#compare" class=format!("compare__badge compare__badge--{}", b.trend.as_str())
                                data-testid="summary-compare-badge">{b.text}</a>
                        })
                    }}
                </div>
                <div class="summary-panel__facts">
                    <p data-testid="coverage-line">{move || report.with(coverage_line)}</p>
                    <details class="formula">
                        <summary>"How the score is computed"</summary>
                        <p data-testid="formula">{FORMULA}</p>
                    </details>
                </div>
            </div>
            <div class="as-of" data-testid="evaluate-as-of">
                <label class="as-of__label" for="analysis-date">"Evaluate as of"</label>
                <input id="analysis-date" type="date" data-testid="analysis-date" prop:value=date_value
                    aria-describedby="analysis-date-help"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.set_at(parse_date(&v).ok().map(|_| v));
                    }/>
                <button type="button" data-testid="analysis-date-reset"
                    disabled=move || state.at.get().is_none()
                    title="Unset: the date the data was exported, else today"
                    on:click=move |_| state.set_at(None)>"Use the data's date"</button>
                <p class="as-of__help" id="analysis-date-help">
                    "The day the analysis treats as today, for expiries and validity windows."
                </p>
            </div>
            <div class="summary-panel__grid">
                <div>
                    <h3>"Top fixes"</h3>
                    <ol class="top-fixes">{fixes}</ol>
                </div>
                <div>
                    <h3>"Score by area"</h3>
                    <table class="area-scores">
                        <thead><tr><th scope="col">"Area"</th><th scope="col">"Score"</th><th scope="col">"Grade"</th><th scope="col">"Rules assessed"</th></tr></thead>
                        <tbody>{areas}</tbody>
                    </table>
                </div>
            </div>
            <div class="charts">
                {move || view! { <BarChart title="Open findings by severity".into() bars=severity_bars() testid="chart-severity"/> }}
                {move || view! { <BarChart title="Open findings by area".into() bars=area_bars() testid="chart-area"/> }}
                {move || view! { <BarChart title="Coverage by area (rules assessed)".into() bars=coverage_bars() max=100 suffix="%" testid="chart-coverage"/> }}
            </div>
        </section>
    }
}

//! One exported component a file.

mod accept_form;
mod assign_form;
mod charts;
mod collection_request;
mod compare_view;
mod conflict_list;
mod coverage_view;
mod doc_text;
mod drop_zone;
mod exports_bar;
mod filter_bar;
mod finding_card;
mod form_field;
mod input_list;
mod load_progress;
mod mix_question;
mod result_list;
mod rule_card;
mod score_panel;

pub use accept_form::AcceptForm;
pub use assign_form::AssignForm;
pub use compare_view::CompareView;
pub use conflict_list::{ConflictChooser, ConflictList};
pub use coverage_view::CoverageView;
pub use doc_text::DocText;
pub use drop_zone::{save_bundle, DropZone};
pub use exports_bar::{ExportsBar, PrintCover};
pub use filter_bar::FilterBar;
pub use finding_card::FindingCard;
pub use form_field::{field_view, Where};
pub use input_list::InputList;
pub use mix_question::MixQuestion;
pub use result_list::ResultList;
pub use rule_card::RuleCard;
pub use score_panel::ScorePanel;

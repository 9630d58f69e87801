//! One exported component a file.

mod assessments_page;
mod checklist_page;
mod conflict_list;
mod coverage_view;
mod doc_text;
mod drop_zone;
mod filter_bar;
mod finding_card;
mod form_field;
mod input_list;
mod result_list;
mod rule_card;
mod rules_page;

pub use assessments_page::AssessmentsPage;
pub use checklist_page::ChecklistPage;
pub use conflict_list::{ConflictChooser, ConflictList};
pub use coverage_view::CoverageView;
pub use doc_text::DocText;
pub use drop_zone::DropZone;
pub use filter_bar::FilterBar;
pub use finding_card::FindingCard;
pub use input_list::InputList;
pub use result_list::ResultList;
pub use rule_card::RuleCard;
pub use rules_page::RulesPage;

//! The pages of the app (the report page is assembled in `app.rs`).

mod assessment_standing;
mod assessments_page;
mod checklist_page;
mod explain_page;
mod privacy_page;
mod rules_page;

pub use assessments_page::AssessmentsPage;
pub use checklist_page::ChecklistPage;
pub use explain_page::ExplainPage;
pub use privacy_page::PrivacyPage;
pub use rules_page::RulesPage;

//! annexe: fill, score and check Annexe B social-innovation dossiers.
//!
//! The binary (`src/main.rs`) only parses arguments and maps outcomes to exit
//! codes; everything else lives here so that it is tested as a library.

pub mod assessment;
pub mod batch;
pub mod check;
pub mod cli;
pub mod commands;
pub mod criteria;
pub mod dossier;
pub mod exit;
pub mod export;
pub mod form;
pub mod i18n;
pub mod lexicon;
pub mod location;
pub mod markup;
pub mod prompt;
pub mod report;
pub mod review;
pub mod score;
pub mod settings;
pub mod text;

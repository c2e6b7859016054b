//! The love/loathe journal beyond its plain list (which the plan pages show): looking back
//! through a calendar export to fill it (`import`), and reading it as a whole (`summary`).

pub mod import;
pub mod summary;

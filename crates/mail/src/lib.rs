//! Mail: what Trellis sends by e-mail, composed without career content (a mail says who did
//! what and links to it, never a note, an answer, a goal or a dream), and sent over SMTP by a
//! worker that drains the job queue (`trellis_store::jobs`) inside every `trellis serve`.

pub mod compose;
mod notices;
pub mod nudge;
pub mod settings;
pub mod worker;

pub use compose::{Composed, Notice};
pub use settings::SmtpSettings;
pub use worker::{Mailer, Worker};

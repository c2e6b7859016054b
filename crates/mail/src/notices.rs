//! What each queued mail says, worked out when it is sent: the conversation's heading as it
//! is now, fresh links (a password link, an answer link that works once, an unsubscribe
//! link), and the invitation for the calendar. A mail whose reason has gone — the conversation
//! moved, the readiness was answered in the app, the handoff decided, nothing needs a manager
//! this week — is not sent (`Error::NotFound`).

use crate::compose::Notice;
use crate::nudge::{Action, Nudge};
use crate::worker::Worker;
use trellis_core::calendar_feed::{event_title, render_invitation, FeedEvent, Invitee};
use trellis_core::conversation::schedule::format_in_zone;
use trellis_core::ids::{ConversationId, PersonId};
use trellis_core::person::Person;
use trellis_core::text::lowercase_first;
use trellis_core::{Error, Result};
use trellis_store::jobs::{Mail, News, Reminder};
use trellis_store::{
    Actor, ConversationHeading, LinkPurpose, MailAction, MailCategory, RESET_LINK_MS, UNSUBSCRIBE_LINK_MS,
};

fn nothing_to_send() -> Error {
    Error::NotFound("nothing to tell any more".into())
}

impl Worker {
    /// The zone `person` reads times in.
    async fn zone_of(&self, person: &Person) -> Result<String> {
        match &person.time_zone {
            Some(zone) => Ok(zone.clone()),
            None => Ok(self.store.settings().await?.time_zone),
        }
    }

    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    /// What `mail` says to `recipient`, with fresh links.
    pub(crate) async fn notice(&self, mail: &Mail, recipient: &Person) -> Result<Notice> {
        let name = recipient.name.clone();
        let unsubscribe = match mail.category() {
            Some(category) => Some(self.unsubscribe_link(recipient, category).await?),
            None => None,
        };
        match mail {
            Mail::Conversation { conversation, by, news, .. } => {
                let id = ConversationId::from_stored(conversation.clone());
                let heading = self.store.conversation_heading(&id).await?;
                let by = self.store.person(&PersonId::from_stored(by.clone())).await?;
                let zone = self.zone_of(recipient).await?;
                let when = heading.starts_at.map(|at| format_in_zone(at, &zone));
                let link = self.link(&format!("/conversations/{id}"));
                let invitation = match news {
                    News::TimeAgreed | News::Cancelled => self.invitation(&id, &heading, &link, (&by, recipient)),
                    // The one who acted organises it; `by` is the other side.
                    News::ForYourCalendar => {
                        Some(self.invitation(&id, &heading, &link, (recipient, &by)).ok_or_else(nothing_to_send)?)
                    }
                    _ => None,
                };
                Ok(Notice::Conversation {
                    name,
                    by: by.name,
                    title: heading.title,
                    news: *news,
                    when,
                    link,
                    invitation,
                    unsubscribe,
                })
            }
            Mail::PasswordReset { .. } => {
                let code = self.store.create_link(LinkPurpose::Reset, Some(&recipient.id), None, RESET_LINK_MS).await?;
                let link = self.link(&format!("/reset/{code}"));
                Ok(Notice::PasswordReset { name, link, hours: RESET_LINK_MS / 3_600_000 })
            }
            Mail::Invitation { by, .. } => {
                let inviter = self.store.person(&PersonId::from_stored(by.clone())).await?;
                let days = self.store.settings().await?.invitation_days;
                let valid_ms = days * 24 * 60 * 60 * 1000;
                let code = self
                    .store
                    .create_link(LinkPurpose::Invite, Some(&recipient.id), Some(&inviter.id), valid_ms)
                    .await?;
                let link = self.link(&format!("/invite/{code}"));
                Ok(Notice::Invitation { name, inviter: inviter.name, link, days })
            }
            Mail::Reminder { reminder, .. } => {
                Ok(Notice::Nudge(self.reminder(reminder, recipient, unsubscribe).await?))
            }
            Mail::Digest { .. } => Ok(Notice::Nudge(self.digest(recipient, unsubscribe).await?)),
            Mail::HandoffConsent { manager, .. } => {
                let handoff = self.store.handoff(&recipient.id).await?.ok_or_else(nothing_to_send)?;
                if !handoff.is_pending() || handoff.manager_id.as_str() != manager {
                    return Err(nothing_to_send());
                }
                let before = match &handoff.previous_manager {
                    Some((_, previous)) => format!("What was written with {previous} before the change"),
                    None => "What was written before the change".to_string(),
                };
                Ok(Notice::Nudge(Nudge {
                    name,
                    subject: format!("{} is now your manager: choose what they may see", handoff.manager_name),
                    paragraphs: vec![
                        format!("{} is now your manager.", handoff.manager_name),
                        format!(
                            "{before} stays with you until you choose what {} may see: nothing, everything, or some topics. You can change your choice later.",
                            handoff.manager_name
                        ),
                    ],
                    list: Vec::new(),
                    actions: vec![Action::new("Choose what travels", self.link("/me/handoff"))],
                    why: "Trellis asks whenever your manager changes, because your story is yours.".into(),
                    unsubscribe: None,
                }))
            }
        }
    }

    async fn unsubscribe_link(&self, recipient: &Person, category: MailCategory) -> Result<String> {
        let until = trellis_store::now_millis() + UNSUBSCRIBE_LINK_MS;
        let code =
            self.store.create_mail_link(&recipient.id, MailAction::Unsubscribe, Some(category.as_str()), until).await?;
        Ok(self.link(&format!("/unsubscribe/{code}")))
    }

    /// The heading of a conversation a reminder is about, if it still starts at `starts_at`.
    async fn still_agreed(&self, conversation: &str, starts_at: i64) -> Result<(ConversationId, ConversationHeading)> {
        let id = ConversationId::from_stored(conversation.to_string());
        let heading = self.store.conversation_heading(&id).await?;
        if heading.cancelled || heading.starts_at != Some(starts_at) {
            return Err(nothing_to_send());
        }
        Ok((id, heading))
    }

    async fn reminder(&self, reminder: &Reminder, recipient: &Person, unsubscribe: Option<String>) -> Result<Nudge> {
        let zone = self.zone_of(recipient).await?;
        let why = "You get reminders of what is yours to do in Trellis.".to_string();
        let nudge = |subject: String, paragraphs: Vec<String>, actions: Vec<Action>| Nudge {
            name: recipient.name.clone(),
            subject,
            paragraphs,
            list: Vec::new(),
            actions,
            why: why.clone(),
            unsubscribe: unsubscribe.clone(),
        };
        Ok(match reminder {
            Reminder::Readiness { conversation, starts_at } => {
                let (id, heading) = self.still_agreed(conversation, *starts_at).await?;
                let code = self
                    .store
                    .create_mail_link(&recipient.id, MailAction::Readiness, Some(id.as_str()), *starts_at)
                    .await?;
                nudge(
                    format!("Are you ready for “{}”?", heading.title),
                    vec![
                        format!("“{}” is {}.", heading.title, format_in_zone(*starts_at, &zone)),
                        "Are you ready for it? Either link answers once, without signing in; if you need more time, you can suggest another time.".into(),
                    ],
                    vec![
                        Action::new("I'm ready", self.link(&format!("/mail/{code}/ready"))),
                        Action::new("I need more time", self.link(&format!("/mail/{code}/more-time"))),
                    ],
                )
            }
            Reminder::Prepare { conversation, starts_at } => {
                let (id, heading) = self.still_agreed(conversation, *starts_at).await?;
                nudge(
                    format!("The questions for “{}” are ready", heading.title),
                    vec![format!(
                        "The questions for “{}” ({}) are ready for you. A few quiet minutes with them beforehand make the conversation yours.",
                        heading.title,
                        format_in_zone(*starts_at, &zone)
                    )],
                    vec![Action::new("Prepare", self.link(&format!("/conversations/{id}")))],
                )
            }
            Reminder::PlanProbe { reason, .. } => {
                let until = trellis_store::now_millis() + 30 * trellis_core::follow_through::DAY_MS;
                let code = self.store.create_mail_link(&recipient.id, MailAction::PlanStillRight, None, until).await?;
                nudge(
                    "Is your plan still right?".into(),
                    vec![reason.clone(), "Plans drift quietly; one click tells Trellis yours still fits.".into()],
                    vec![
                        Action::new("Yes, it is still right", self.link(&format!("/mail/{code}/still-right"))),
                        Action::new("Look at the plan", self.link(&format!("/people/{}/plan", recipient.id))),
                    ],
                )
            }
            Reminder::Due { status, reason, step, conversation, .. } => {
                let path = conversation.as_ref().map_or_else(|| "/".to_string(), |id| format!("/conversations/{id}"));
                let subject = format!("{status}: {}", lowercase_first(step));
                nudge(subject, vec![reason.clone()], vec![Action::new(step, self.link(&path))])
            }
        })
    }

    /// The weekly summary: each report who needs the manager, with the reason.
    async fn digest(&self, manager: &Person, unsubscribe: Option<String>) -> Result<Nudge> {
        let playbooks = self.store.current_playbooks().await?;
        let zone = self.zone_of(manager).await?;
        let team = self.store.team_follow_through(&Actor::from(manager), &playbooks, &zone).await?;
        let list: Vec<String> = team
            .people
            .iter()
            .filter_map(|member| {
                let item = member.summary.items.iter().find(|item| item.status.needs_the_reader())?;
                Some(format!("{} — {}: {}", member.member.name, item.status.label(), item.reason))
            })
            .collect();
        if list.is_empty() {
            return Err(nothing_to_send());
        }
        let count = match list.len() {
            1 => "1 person needs you".to_string(),
            n => format!("{n} people need you"),
        };
        Ok(Nudge {
            name: manager.name.clone(),
            subject: format!("Your team this week: {count}"),
            paragraphs: vec![format!("On your team, {count} this week:")],
            list,
            actions: vec![Action::new("Open your team in Trellis", self.link("/"))],
            why: "You get this summary on Monday mornings because people report to you.".into(),
            unsubscribe,
        })
    }

    /// The invitation for a conversation with an agreed (or called-off) time, from its
    /// organiser (the one who acted) to both.
    fn invitation(
        &self,
        id: &ConversationId,
        heading: &ConversationHeading,
        link: &str,
        (organizer, other): (&Person, &Person),
    ) -> Option<String> {
        let starts_at = heading.starts_at?;
        let invitee = |p: &Person| p.email.clone().map(|email| Invitee { name: p.name.clone(), email });
        let (organizer, attendee) = (invitee(organizer)?, invitee(other)?);
        let event = FeedEvent {
            id: id.to_string(),
            summary: event_title(&heading.title),
            starts_at,
            minutes: heading.minutes,
            cancelled: heading.cancelled,
            link: link.to_string(),
            updated_at: heading.updated_at,
        };
        Some(render_invitation(
            &event,
            &self.public_url,
            (heading.time_changes, &heading.time_zone),
            &organizer,
            &[organizer.clone(), attendee],
        ))
    }
}

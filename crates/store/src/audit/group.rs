//! Audit rows for reads, written in groups. A page showing someone else's content records each
//! read before it answers, and on a busy server a commit per read would queue on the one
//! writing connection. Instead readers hand their rows to one task and wait until they are
//! stored; rows that arrive while a group is being written go into the next group. So one
//! commit covers many reads, and no read is answered before its row is stored.

use super::{insert_rows, AuditRow};
use crate::db::{Backend, DbResult};
use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};
use trellis_core::{Error, Result};

/// The most rows one group's transaction takes.
const MAX_GROUP_ROWS: usize = 2_000;

struct Request {
    rows: Vec<AuditRow>,
    stored: oneshot::Sender<Result<()>>,
}

/// Where readers send their rows. Cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct AuditGroups {
    requests: mpsc::UnboundedSender<Request>,
}

fn stopped() -> Error {
    Error::internal("the audit writer has stopped")
}

impl AuditGroups {
    /// Starts the task that writes the groups through `writer`.
    pub(crate) fn start(writer: AnyPool, backend: Backend) -> Self {
        let (requests, mut incoming) = mpsc::unbounded_channel::<Request>();
        tokio::spawn(async move {
            while let Some(first) = incoming.recv().await {
                let mut rows = first.rows.len();
                let mut group = vec![first];
                while rows < MAX_GROUP_ROWS {
                    let Ok(next) = incoming.try_recv() else { break };
                    rows += next.rows.len();
                    group.push(next);
                }
                let outcome = write_group(&writer, backend, &group).await;
                for request in group {
                    let answer = match &outcome {
                        Ok(()) => Ok(()),
                        Err(error) => Err(Error::internal(format!("cannot record the access: {error}"))),
                    };
                    // A reader that gave up waiting needs no answer.
                    let _ = request.stored.send(answer);
                }
            }
        });
        Self { requests }
    }

    /// Stores `rows` with the next group, returning once they are committed.
    pub(crate) async fn record(&self, rows: Vec<AuditRow>) -> Result<()> {
        let (stored, answer) = oneshot::channel();
        self.requests.send(Request { rows, stored }).map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn write_group(writer: &AnyPool, backend: Backend, group: &[Request]) -> Result<()> {
    let mut tx = writer.begin_with(backend.begin_write_statement()).await.db()?;
    let rows: Vec<&AuditRow> = group.iter().flat_map(|request| &request.rows).collect();
    insert_rows(&mut tx, &rows).await?;
    tx.commit().await.db()
}

//! The technical records a person has a part in, for their page (the rule is core's
//! [`involvement`](fulcrum_core::involvement)): read here, decided there.

use crate::error::Result;
use fulcrum_core::debt::DebtItem;
use fulcrum_core::incidents::Incident;
use fulcrum_core::involvement::{self, Records};
use fulcrum_core::projects::Project;
use fulcrum_core::risks::Risk;
use fulcrum_store::{Records as _, Store};

pub use fulcrum_core::involvement::{Part, RecordKind};

/// The person's parts in the team's technical records.
pub async fn parts(store: &dyn Store, person: i64) -> Result<Vec<Part>> {
    let projects = store.all::<Project>().await?;
    let risks = store.all::<Risk>().await?;
    let debt = store.all::<DebtItem>().await?;
    let incidents = store.all::<Incident>().await?;
    let records = Records {
        projects: &projects,
        risks: &risks,
        debt: &debt,
        incidents: &incidents,
    };
    Ok(involvement::parts(person, &records))
}

//! Fixtures the unit tests of several modules share.

use crate::{Profile, RolePreset};

/// A tech lead in Berlin whose address is `me@example.com`.
pub(crate) fn profile() -> Profile {
    Profile::new(
        vec!["me@example.com".into()],
        "Europe/Berlin",
        RolePreset::TechLead,
    )
    .unwrap()
}

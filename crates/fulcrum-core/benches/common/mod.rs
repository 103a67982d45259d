//! What the benches share: the lead whose data they time.

use fulcrum_core::{Profile, RolePreset};

/// A tech lead in Berlin, as `fulcrum init` makes one.
pub fn lead() -> Profile {
    Profile::new(
        vec!["me@example.com".into()],
        "Europe/Berlin",
        RolePreset::TechLead,
    )
    .unwrap()
}

//! Whose private fields a use case may read. The store gives private notes and reflection
//! entries only to calls that hold the owner's key; on the embedded store the user who opened
//! the file is its one account, so the key is the local one. This is the one place that says
//! so: a team server will hand each request the key of the account that signed in instead.

use fulcrum_store::OwnerKey;

/// The key of the user the use cases act for.
pub fn owner_key() -> OwnerKey {
    OwnerKey::local()
}

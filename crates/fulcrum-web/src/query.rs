//! The query strings of pages and endpoints: words that may be missing, read as they came.

/// A query string whose every field is a word that may be missing (`Option<String>`), named
/// as in the address. Pages and endpoints read the words themselves, so that a wrong one gets
/// their own message rather than the extractor's.
macro_rules! query {
    ($(#[$meta:meta])* $name:ident { $($field:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Clone, serde::Deserialize)]
        pub struct $name {
            $(pub $field: Option<String>,)+
        }
    };
}

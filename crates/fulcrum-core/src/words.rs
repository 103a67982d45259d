//! Closed sets of words (relations, styles, states …) as enums that serialise as the word, parse
//! back from it and list themselves for help texts and error messages.

/// A closed set of words, for parsers that take any of them (the CLI's arguments, forms).
pub trait Word: Sized + Copy + 'static {
    fn parse_word(s: &str) -> Option<Self>;
    /// Every word, comma-separated.
    fn all_words() -> String;
}

/// Declares an enum of words: serde as the word, `ALL`, `as_str`, `parse`, `words` and
/// `Display`.
macro_rules! word_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $word)] $variant ),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The variant this word names, ignoring case and surrounding space.
            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim().to_ascii_lowercase();
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// Every word, comma-separated, for messages that list the choices.
            pub fn words() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl $crate::words::Word for $name {
            fn parse_word(s: &str) -> Option<Self> {
                Self::parse(s)
            }
            fn all_words() -> String {
                Self::words()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

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
                $crate::words::find_word(Self::ALL, s, Self::as_str)
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

/// The one of `all` whose word is `s`, ignoring ASCII case and surrounding space (the words
/// are lower case).
pub(crate) fn find_word<T: Copy>(all: &[T], s: &str, word: fn(T) -> &'static str) -> Option<T> {
    let s = s.trim();
    all.iter()
        .copied()
        .find(|&v| word(v).eq_ignore_ascii_case(s))
}

/// `find_word` for a `FromStr` impl: a word none of `all` has is the error `unknown` makes of
/// it.
pub(crate) fn parse_word<T: Copy, E>(
    all: &[T],
    s: &str,
    word: fn(T) -> &'static str,
    unknown: fn(String) -> E,
) -> Result<T, E> {
    find_word(all, s, word).ok_or_else(|| unknown(s.to_string()))
}

/// `s` with its first letter in upper case: `monday` → `Monday`.
pub(crate) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `1 occurrence`, `3 occurrences`: a count with its noun, for every printed sentence. The CLI
/// and the pages reach it as `fulcrum_app::markdown::plural`.
pub fn plural<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    let word = if n == N::from(1) { one } else { many };
    format!("{n} {word}")
}

/// A duration in minutes as hours and minutes, the way the report writes it: `5h15`, `0h45`,
/// `-1h30`. Every duration Fulcrum prints goes through this one function (the CLI and the
/// pages reach it as `fulcrum_app::markdown::hm`).
pub fn hm(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    format!("{sign}{}h{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_noun_they_need() {
        assert_eq!(plural(1, "other person", "other people"), "1 other person");
        assert_eq!(
            plural(0_usize, "delegation", "delegations"),
            "0 delegations"
        );
        assert_eq!(plural(2_i64, "1:1", "1:1s"), "2 1:1s");
    }

    #[test]
    fn durations_are_hours_and_minutes() {
        assert_eq!(hm(315), "5h15");
        assert_eq!(hm(45), "0h45");
        assert_eq!(hm(0), "0h00");
        assert_eq!(hm(-90), "-1h30");
        assert_eq!(hm(-5), "-0h05");
    }
}

//! The lead's private notes stay in the store: every export, Markdown file and API answer
//! leaves them out unless the user asks for them explicitly.

/// A value that may carry private content.
pub trait Private {
    /// Clears every private field.
    fn hide_private(&mut self);
}

impl<T: Private> Private for Vec<T> {
    fn hide_private(&mut self) {
        self.iter_mut().for_each(Private::hide_private);
    }
}

impl<T: Private> Private for Option<T> {
    fn hide_private(&mut self) {
        if let Some(v) = self {
            v.hide_private();
        }
    }
}

/// Whether private content goes out with a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Privacy {
    /// The default: private fields are emptied.
    #[default]
    Hide,
    /// Asked for explicitly (`--include-private`, `?include_private=1`).
    Include,
}

impl Privacy {
    pub fn from_flag(include: bool) -> Self {
        if include {
            Privacy::Include
        } else {
            Privacy::Hide
        }
    }

    pub fn includes(self) -> bool {
        self == Privacy::Include
    }

    /// `v` with its private fields emptied unless they were asked for.
    pub fn apply<T: Private>(self, mut v: T) -> T {
        if self == Privacy::Hide {
            v.hide_private();
        }
        v
    }
}

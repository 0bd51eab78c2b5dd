//! The theme file format: serde structs in which every key is optional (a user file may
//! be partial) and unknown keys are refused, merged layer over layer, then resolved into
//! the runtime styles.

use super::colour::{parse_colour, parse_modifier, quote};
use ratatui::style::{Color, Style};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor, value::MapAccessDeserializer};
use std::marker::PhantomData;
use toml::Spanned;

/// One style as written in a theme file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StyleFile {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    modifiers: Option<Vec<Spanned<String>>>,
}

impl StyleFile {
    /// `over`'s properties win; the rest come from `self`.
    fn merge(self, over: StyleFile) -> StyleFile {
        StyleFile {
            fg: over.fg.or(self.fg),
            bg: over.bg.or(self.bg),
            modifiers: over.modifiers.or(self.modifiers),
        }
    }

    /// The style, or the byte offset in the file of the first bad value and why it is bad.
    fn resolve(&self, key: &str) -> Result<Style, (usize, String)> {
        let colour = |what: &str,
                      v: &Option<Spanned<String>>|
         -> Result<Option<Color>, (usize, String)> {
            v.as_ref()
                .map(|s| {
                    parse_colour(s.get_ref()).ok_or_else(|| {
                        (s.span().start, format!("{key}.{what} = {}: not a colour; use a name (red, lightblue, reset), an index 0-255 or \"#rrggbb\"", quote(s.get_ref())))
                    })
                })
                .transpose()
        };
        let mut style = Style::default();
        if let Some(fg) = colour("fg", &self.fg)? {
            style = style.fg(fg);
        }
        if let Some(bg) = colour("bg", &self.bg)? {
            style = style.bg(bg);
        }
        for m in self.modifiers.iter().flatten() {
            let modifier = parse_modifier(m.get_ref()).ok_or_else(|| {
                (
                    m.span().start,
                    format!(
                        "{key}.modifiers: {} is not a modifier; use bold, dim, italic, underline, reverse or crossed-out",
                        quote(m.get_ref())
                    ),
                )
            })?;
            style = style.add_modifier(modifier);
        }
        Ok(style)
    }
}

/// Reads a TOML table into `T`, refusing an array: serde's derive alone would fill a struct
/// from an array by position (`[[hop]]` as `hop.ok`, `ok = ["red"]` as `ok.fg`).
fn table<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    struct OnlyTables<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for OnlyTables<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a table")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(OnlyTables(PhantomData)).map(Some)
}

/// Declares each theme section once: the file struct (every key optional, unknown keys
/// refused, retired keys accepted and ignored so older theme files still load), the
/// runtime struct (every style resolved), merging and resolving.
macro_rules! sections {
    ($($section:ident: $file:ident => $styles:ident { $($key:ident),* $(,)? } $(retired { $($old:ident),* })?),* $(,)?) => {
        $(
            #[derive(Debug, Clone, Default, Deserialize)]
            #[serde(deny_unknown_fields, rename_all = "kebab-case")]
            struct $file {
                $(#[serde(default, deserialize_with = "table")] $key: Option<StyleFile>,)*
                // Read only so that the file is accepted; never used.
                $($(#[serde(default)] #[allow(dead_code)] $old: Option<serde::de::IgnoredAny>,)*)?
            }

            /// The resolved styles of one section.
            #[derive(Debug, Clone, PartialEq)]
            pub(super) struct $styles { $(pub(super) $key: Style,)* }

            impl $file {
                fn merge(self, over: $file) -> $file {
                    $file {
                        $($key: match (self.$key, over.$key) {
                            (Some(a), Some(b)) => Some(a.merge(b)),
                            (a, b) => b.or(a),
                        },)*
                        $($($old: None,)*)?
                    }
                }

                fn resolve(&self) -> Result<$styles, String> {
                    Ok($styles { $($key: {
                        let key = format!("{}.{}", stringify!($section), stringify!($key).replace('_', "-"));
                        let style = self.$key.as_ref().ok_or_else(|| format!("{key}: missing"))?;
                        style.resolve(&key).map_err(|(_, e)| e)?
                    },)* })
                }

                /// Resolves the styles present, so a bad value is found where it was written.
                fn check(&self) -> Result<(), (usize, String)> {
                    $(if let Some(style) = &self.$key {
                        style.resolve(&format!("{}.{}", stringify!($section), stringify!($key).replace('_', "-")))?;
                    })*
                    Ok(())
                }
            }
        )*

        /// A theme file: every section and key optional so user files can be partial.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub(super) struct ThemeFile { $(#[serde(default, deserialize_with = "table")] $section: Option<$file>,)* }

        impl ThemeFile {
            /// `over`'s styles win, property by property; the rest come from `self`.
            pub(super) fn merge(self, over: ThemeFile) -> ThemeFile {
                ThemeFile { $($section: Some(self.$section.unwrap_or_default().merge(over.$section.unwrap_or_default())),)* }
            }

            /// The byte offset and reason of the first bad value among those present.
            pub(super) fn check(&self) -> Result<(), (usize, String)> {
                $(self.$section.as_ref().map_or(Ok(()), $file::check)?;)*
                Ok(())
            }

            /// Every style resolved, or the first missing or bad key.
            pub(super) fn resolve(&self) -> Result<Styles, String> {
                Ok(Styles {
                    $($section: self.$section.clone().unwrap_or_default().resolve()?,)*
                })
            }
        }

        /// Every section's resolved styles: one style per purpose.
        #[derive(Debug, Clone, PartialEq)]
        pub(super) struct Styles { $(pub(super) $section: $styles,)* }
    };
}

sections! {
    text: TextFile => TextStyles { normal, muted, heading, key },
    pane: PaneFile => PaneStyles { border, border_focused, title, title_focused },
    hop: HopFile => HopStyles { ok, warning, error, selected, link, unknown, on_path, stop },
    // `info` styled notes, which no check produces any more.
    finding: FindingFile => FindingStyles { warning, error, fix } retired { info },
    list: ListFile => ListStyles { cursor, cursor_unfocused, current },
    input: InputFile => InputStyles { text, invalid, reason },
    status: StatusFile => StatusStyles { bar, key, modified, info, error },
    overlay: OverlayFile => OverlayStyles { body, border },
}

//! Keys as the app sees them (no terminal types), and the keymap that turns them into actions.

use super::action::Action;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

/// The default keymap, shipped in `assets/`.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Backspace,
    Delete,
    F(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    pub fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parses "j", "G", "<Enter>", "<S-Tab>", "<C-d>", "<A-x>", "<F1>".
    pub fn parse(s: &str) -> Option<Key> {
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(Key::ch(c));
        }
        let inner = s.strip_prefix('<')?.strip_suffix('>')?;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut name = inner;
        while let Some((m, rest)) = name.split_once('-').filter(|(_, r)| !r.is_empty()) {
            match m {
                "C" => ctrl = true,
                "A" => alt = true,
                "S" => shift = true,
                _ => return None,
            }
            name = rest;
        }
        let code = match name {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" if shift => KeyCode::BackTab,
            "Tab" => KeyCode::Tab,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            "Space" => KeyCode::Char(' '),
            f if f.starts_with('F') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next()?),
            _ => return None,
        };
        if shift && code != KeyCode::BackTab {
            return None;
        }
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

/// Where a binding applies. Lookup asks the overlay, then the screen, then global.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    Home,
    Case,
    Help,
    Form,
    Editor,
    Confirm,
    Picker,
    Round,
    Filter,
    Admin,
}

impl Context {
    pub const ALL: [Context; 11] = [
        Context::Global,
        Context::Home,
        Context::Case,
        Context::Help,
        Context::Form,
        Context::Editor,
        Context::Confirm,
        Context::Picker,
        Context::Round,
        Context::Filter,
        Context::Admin,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    pub hint: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("{0}")]
    Syntax(String),
    #[error("[{context}] {action}: {key:?} is not a key")]
    BadKey {
        context: String,
        action: String,
        key: String,
    },
    #[error("[{context}] key {key} is bound twice")]
    Conflict { context: String, key: String },
    #[error("[{context}] {action}: key {key} is already bound to {by} (unbind it first)")]
    Taken {
        context: String,
        action: String,
        key: String,
        by: String,
    },
    #[error("[unbind] {context}: {key:?} is not bound there")]
    NotBound { context: String, key: String },
    #[error("[unbind] {0:?} is not a context")]
    UnknownContext(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    action: Action,
    keys: Vec<String>,
    #[serde(default)]
    hint: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeymap {
    #[serde(default)]
    global: Vec<RawBinding>,
    #[serde(default)]
    home: Vec<RawBinding>,
    #[serde(default)]
    case: Vec<RawBinding>,
    #[serde(default)]
    help: Vec<RawBinding>,
    #[serde(default)]
    form: Vec<RawBinding>,
    #[serde(default)]
    editor: Vec<RawBinding>,
    #[serde(default)]
    confirm: Vec<RawBinding>,
    #[serde(default)]
    picker: Vec<RawBinding>,
    #[serde(default)]
    round: Vec<RawBinding>,
    #[serde(default)]
    filter: Vec<RawBinding>,
    #[serde(default)]
    admin: Vec<RawBinding>,
    /// Keys to unbind, per context (only in a user's file).
    #[serde(default)]
    unbind: HashMap<String, Vec<String>>,
}

impl RawKeymap {
    fn contexts(self) -> Vec<(Context, &'static str, Vec<RawBinding>)> {
        [
            (Context::Global, self.global),
            (Context::Home, self.home),
            (Context::Case, self.case),
            (Context::Help, self.help),
            (Context::Form, self.form),
            (Context::Editor, self.editor),
            (Context::Confirm, self.confirm),
            (Context::Picker, self.picker),
            (Context::Round, self.round),
            (Context::Filter, self.filter),
            (Context::Admin, self.admin),
        ]
        .into_iter()
        .map(|(c, b)| (c, c.name(), b))
        .collect()
    }
}

fn context_named(name: &str) -> Option<Context> {
    Context::ALL.into_iter().find(|c| c.name() == name)
}

impl Context {
    /// The context's section name in the keymap file.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Home => "home",
            Context::Case => "case",
            Context::Help => "help",
            Context::Form => "form",
            Context::Editor => "editor",
            Context::Confirm => "confirm",
            Context::Picker => "picker",
            Context::Round => "round",
            Context::Filter => "filter",
            Context::Admin => "admin",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    contexts: HashMap<Context, Vec<Binding>>,
}

impl Keymap {
    pub fn parse(text: &str) -> Result<Self, KeymapError> {
        let raw: RawKeymap =
            toml::from_str(text).map_err(|e| KeymapError::Syntax(e.message().to_string()))?;
        let mut contexts = HashMap::new();
        for (context, name, bindings) in raw.contexts() {
            let mut seen = HashMap::new();
            let mut out = Vec::with_capacity(bindings.len());
            for b in bindings {
                let mut keys = Vec::with_capacity(b.keys.len());
                for k in &b.keys {
                    let key = Key::parse(k).ok_or_else(|| KeymapError::BadKey {
                        context: name.into(),
                        action: format!("{:?}", b.action),
                        key: k.clone(),
                    })?;
                    if seen.insert(key, b.action).is_some() {
                        return Err(KeymapError::Conflict {
                            context: name.into(),
                            key: key.to_string(),
                        });
                    }
                    keys.push(key);
                }
                out.push(Binding {
                    action: b.action,
                    keys,
                    hint: b.hint,
                });
            }
            contexts.insert(context, out);
        }
        Ok(Self { contexts })
    }

    /// The shipped keymap changed by a user's file, which names only what it changes: an
    /// action listed gets exactly the keys given (none: unbound), `[unbind]` frees keys. A key
    /// that would then do two things in one context is refused, as is an unknown action.
    pub fn with_overrides(&self, text: &str) -> Result<Self, KeymapError> {
        let raw: RawKeymap =
            toml::from_str(text).map_err(|e| KeymapError::Syntax(e.message().to_string()))?;
        let mut out = self.clone();
        let unbind = raw.unbind.clone();
        for (name, keys) in &unbind {
            let context =
                context_named(name).ok_or_else(|| KeymapError::UnknownContext(name.clone()))?;
            let list = out.contexts.entry(context).or_default();
            for k in keys {
                let key = Key::parse(k).ok_or_else(|| KeymapError::BadKey {
                    context: name.clone(),
                    action: "unbind".into(),
                    key: k.clone(),
                })?;
                let mut found = false;
                for b in list.iter_mut() {
                    let before = b.keys.len();
                    b.keys.retain(|x| *x != key);
                    found |= b.keys.len() != before;
                }
                if !found {
                    return Err(KeymapError::NotBound {
                        context: name.clone(),
                        key: k.clone(),
                    });
                }
            }
        }
        for (context, name, bindings) in raw.contexts() {
            for b in bindings {
                let mut keys = Vec::with_capacity(b.keys.len());
                for k in &b.keys {
                    keys.push(Key::parse(k).ok_or_else(|| KeymapError::BadKey {
                        context: name.into(),
                        action: b.action.name(),
                        key: k.clone(),
                    })?);
                }
                let list = out.contexts.entry(context).or_default();
                for key in &keys {
                    if let Some(other) = list
                        .iter()
                        .find(|x| x.action != b.action && x.keys.contains(key))
                    {
                        return Err(KeymapError::Taken {
                            context: name.into(),
                            action: b.action.name(),
                            key: key.to_string(),
                            by: other.action.name(),
                        });
                    }
                }
                match list.iter_mut().find(|x| x.action == b.action) {
                    Some(existing) => {
                        existing.keys = keys;
                        existing.hint = existing.hint || b.hint;
                    }
                    None => list.push(Binding {
                        action: b.action,
                        keys,
                        hint: b.hint,
                    }),
                }
                let mut seen = std::collections::HashSet::new();
                for k in list.iter().flat_map(|x| x.keys.iter()) {
                    if !seen.insert(*k) {
                        return Err(KeymapError::Conflict {
                            context: name.into(),
                            key: k.to_string(),
                        });
                    }
                }
            }
        }
        for list in out.contexts.values_mut() {
            list.retain(|b| !b.keys.is_empty());
        }
        Ok(out)
    }

    /// The shipped keymap; a test proves it parses.
    pub fn default_map() -> Self {
        Self::parse(DEFAULT_KEYMAP).unwrap_or_else(|_| Self {
            contexts: HashMap::new(),
        })
    }

    pub fn bindings(&self, context: Context) -> &[Binding] {
        self.contexts
            .get(&context)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The action of `key` in the first of `layers` that binds it.
    pub fn lookup(&self, layers: &[Context], key: Key) -> Option<Action> {
        layers.iter().find_map(|c| {
            self.bindings(*c)
                .iter()
                .find(|b| b.keys.contains(&key))
                .map(|b| b.action)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keymap_parses() {
        let map = Keymap::parse(DEFAULT_KEYMAP).expect("shipped keymap parses");
        assert_eq!(
            map.lookup(&[Context::Home, Context::Global], Key::ch('j')),
            Some(Action::MoveDown)
        );
        assert_eq!(
            map.lookup(&[Context::Help, Context::Global], Key::ch('?')),
            Some(Action::CloseHelp)
        );
        assert_eq!(
            map.lookup(&[Context::Home, Context::Global], Key::ch('q')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn key_parse_table() {
        let cases = [
            ("j", Some(Key::ch('j'))),
            ("<Enter>", Some(Key::plain(KeyCode::Enter))),
            ("<S-Tab>", Some(Key::plain(KeyCode::BackTab))),
            ("<C-d>", Some(Key::ctrl('d'))),
            ("<F1>", Some(Key::plain(KeyCode::F(1)))),
            ("<F13>", None),
            ("<S-x>", None),
            ("<Nope>", None),
            ("ab", None),
        ];
        for (s, want) in cases {
            assert_eq!(Key::parse(s), want, "{s}");
        }
    }

    #[test]
    fn conflicts_and_bad_keys_are_refused() {
        let conflict = "[[home]]\naction = \"quit\"\nkeys = [\"x\"]\n[[home]]\naction = \"open\"\nkeys = [\"x\"]\n";
        assert_eq!(
            Keymap::parse(conflict),
            Err(KeymapError::Conflict {
                context: "home".into(),
                key: "x".into()
            })
        );
        let bad = "[[home]]\naction = \"quit\"\nkeys = [\"<Hyper-x>\"]\n";
        assert!(matches!(
            Keymap::parse(bad),
            Err(KeymapError::BadKey { .. })
        ));
        let unknown = "[[home]]\naction = \"fly\"\nkeys = [\"x\"]\n";
        assert!(matches!(
            Keymap::parse(unknown),
            Err(KeymapError::Syntax(_))
        ));
    }

    #[test]
    fn action_names_are_the_keymap_names() {
        for action in Action::ALL {
            let text = format!(
                "[[home]]\naction = \"{}\"\nkeys = [\"<F12>\"]\n",
                action.name()
            );
            let map = Keymap::parse(&text).expect("the name parses");
            assert_eq!(map.bindings(Context::Home)[0].action, action);
        }
    }

    #[test]
    fn user_overrides_change_only_what_they_name() {
        let base = Keymap::default_map();
        let layers = [Context::Home, Context::Global];
        // A new key for an action; its old keys are gone, everything else stays.
        let map = base
            .with_overrides("[[home]]\naction = \"new_case\"\nkeys = [\"N\"]\n")
            .expect("valid override");
        assert_eq!(map.lookup(&layers, Key::ch('N')), Some(Action::NewCase));
        assert_eq!(map.lookup(&layers, Key::ch('n')), None);
        assert_eq!(map.lookup(&layers, Key::ch('j')), Some(Action::MoveDown));
        // No keys: the action is unbound.
        let map = base
            .with_overrides("[[home]]\naction = \"import\"\nkeys = []\n")
            .expect("valid override");
        assert_eq!(map.lookup(&layers, Key::ch('i')), None);
        // [unbind] frees a key.
        let map = base
            .with_overrides("[unbind]\nhome = [\"S\"]\n")
            .expect("valid override");
        assert_eq!(map.lookup(&layers, Key::ch('S')), None);
        // Taking a key another action holds is refused with both names.
        let err = base
            .with_overrides("[[home]]\naction = \"import\"\nkeys = [\"j\"]\n")
            .expect_err("conflict");
        assert_eq!(
            err.to_string(),
            "[home] import: key j is already bound to move_down (unbind it first)"
        );
        // Unknown actions, contexts and keys are refused.
        assert!(matches!(
            base.with_overrides("[[home]]\naction = \"fly\"\nkeys = [\"x\"]\n"),
            Err(KeymapError::Syntax(_))
        ));
        assert!(matches!(
            base.with_overrides("[unbind]\nattic = [\"x\"]\n"),
            Err(KeymapError::UnknownContext(_))
        ));
        assert!(matches!(
            base.with_overrides("[unbind]\nhome = [\"§\"]\n"),
            Err(KeymapError::NotBound { .. })
        ));
    }

    #[test]
    fn every_action_is_bound_somewhere() {
        let map = Keymap::default_map();
        for action in Action::ALL {
            let bound = Context::ALL
                .iter()
                .any(|c| map.bindings(*c).iter().any(|b| b.action == action));
            assert!(bound, "{action:?} has no key");
        }
    }
}

//! Assessment checklists: one per step, versioned data files, answered item by item.

use super::case::Step;
use serde::Deserialize;
use std::collections::HashSet;

/// One checklist version as read from a TOML file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistTemplate {
    pub key: String,
    pub version: String,
    pub step: u8,
    pub title: String,
    pub title_en: Option<String>,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub key: String,
    pub question: String,
    pub question_en: Option<String>,
    pub guidance: String,
    pub guidance_en: Option<String>,
    /// The rule the item comes from, e.g. "2018:118 § 4".
    pub rule: String,
    pub mandatory: bool,
}

/// A caseworker's answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Met,
    Partly,
    NotMet,
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 4] = [
        Answer::Met,
        Answer::Partly,
        Answer::NotMet,
        Answer::NotApplicable,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Answer::Met => "uppfyllt",
            Answer::Partly => "delvis",
            Answer::NotMet => "ej_uppfyllt",
            Answer::NotApplicable => "ej_aktuellt",
        }
    }

    pub fn from_code(code: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Every answer but "uppfyllt" must say why.
    pub fn needs_comment(self) -> bool {
        self != Answer::Met
    }
}

/// What is wrong with a checklist file; names the item where there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChecklistError {
    #[error("not valid TOML: {0}")]
    Syntax(String),
    #[error("`{0}` must not be empty")]
    EmptyField(&'static str),
    #[error("step {0} does not exist (1–4)")]
    BadStep(u8),
    #[error("the checklist has no items")]
    NoItems,
    #[error("item {item}: `{field}` must not be empty")]
    EmptyItemField { item: String, field: &'static str },
    #[error("item key {0:?} appears twice")]
    DuplicateKey(String),
    #[error("item key {0:?} may hold only a–z, 0–9 and _")]
    BadKey(String),
}

impl ChecklistTemplate {
    /// Parses and validates a checklist file's text.
    pub fn parse(text: &str) -> Result<Self, ChecklistError> {
        let t: ChecklistTemplate =
            toml::from_str(text).map_err(|e| ChecklistError::Syntax(e.message().to_string()))?;
        t.validate()?;
        Ok(t)
    }

    pub fn step(&self) -> Option<Step> {
        Step::from_number(i64::from(self.step))
    }

    /// "intresseanmalan@2018.1": the identity a case records.
    pub fn id(&self) -> String {
        format!("{}@{}", self.key, self.version)
    }

    fn validate(&self) -> Result<(), ChecklistError> {
        if self.key.trim().is_empty() {
            return Err(ChecklistError::EmptyField("key"));
        }
        if self.version.trim().is_empty() {
            return Err(ChecklistError::EmptyField("version"));
        }
        if self.title.trim().is_empty() {
            return Err(ChecklistError::EmptyField("title"));
        }
        if self.step().is_none() {
            return Err(ChecklistError::BadStep(self.step));
        }
        if self.items.is_empty() {
            return Err(ChecklistError::NoItems);
        }
        let mut seen = HashSet::new();
        for item in &self.items {
            let valid_key = !item.key.is_empty()
                && item
                    .key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid_key {
                return Err(ChecklistError::BadKey(item.key.clone()));
            }
            if !seen.insert(item.key.as_str()) {
                return Err(ChecklistError::DuplicateKey(item.key.clone()));
            }
            for (field, value) in [
                ("question", &item.question),
                ("guidance", &item.guidance),
                ("rule", &item.rule),
            ] {
                if value.trim().is_empty() {
                    return Err(ChecklistError::EmptyItemField {
                        item: item.key.clone(),
                        field,
                    });
                }
            }
        }
        Ok(())
    }

    /// Keys of mandatory items that have no answer in `answered`.
    pub fn unanswered_mandatory<'a>(&'a self, answered: &HashSet<&str>) -> Vec<&'a str> {
        self.items
            .iter()
            .filter(|i| i.mandatory && !answered.contains(i.key.as_str()))
            .map(|i| i.key.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
key = "t"
version = "1"
step = 1
title = "T"
[[items]]
key = "a"
question = "Q"
guidance = "G"
rule = "R"
mandatory = true
"#;

    #[test]
    fn minimal_parses() {
        let t = ChecklistTemplate::parse(MINIMAL).expect("valid");
        assert_eq!(t.id(), "t@1");
        assert_eq!(t.step(), Some(Step::Interest));
    }

    #[test]
    fn errors_name_the_item_and_rule() {
        let dup = format!(
            "{MINIMAL}\n[[items]]\nkey = \"a\"\nquestion = \"Q\"\nguidance = \"G\"\nrule = \"R\"\nmandatory = false\n"
        );
        assert_eq!(
            ChecklistTemplate::parse(&dup),
            Err(ChecklistError::DuplicateKey("a".into()))
        );
        let empty_rule = MINIMAL.replace("rule = \"R\"", "rule = \" \"");
        assert_eq!(
            ChecklistTemplate::parse(&empty_rule),
            Err(ChecklistError::EmptyItemField {
                item: "a".into(),
                field: "rule"
            })
        );
        let bad_step = MINIMAL.replace("step = 1", "step = 7");
        assert_eq!(
            ChecklistTemplate::parse(&bad_step),
            Err(ChecklistError::BadStep(7))
        );
        let bad_key = MINIMAL.replace("key = \"a\"", "key = \"A b\"");
        assert_eq!(
            ChecklistTemplate::parse(&bad_key),
            Err(ChecklistError::BadKey("A b".into()))
        );
        assert!(matches!(
            ChecklistTemplate::parse("key = "),
            Err(ChecklistError::Syntax(_))
        ));
    }

    #[test]
    fn unanswered_mandatory_lists_only_mandatory() {
        let t = ChecklistTemplate::parse(MINIMAL).expect("valid");
        assert_eq!(t.unanswered_mandatory(&HashSet::new()), vec!["a"]);
        assert!(t.unanswered_mandatory(&HashSet::from(["a"])).is_empty());
    }

    #[test]
    fn answer_codes_round_trip() {
        for a in Answer::ALL {
            assert_eq!(Answer::from_code(a.code()), Some(a));
        }
        assert!(!Answer::Met.needs_comment());
        assert!(Answer::Partly.needs_comment());
    }
}

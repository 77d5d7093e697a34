//! Decision letters from templates: `{{name}}` is replaced by its value, and a block between
//! `{{#bidrag}}` and `{{/bidrag}}` is kept only for grants.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("the template names {0:?}, which is not a letter field")]
    UnknownField(String),
    #[error("a {{{{#bidrag}}}} block is not closed")]
    UnclosedBlock,
}

/// Fills `template` with `fields`; `grant` keeps the grant-only blocks.
pub fn render(
    template: &str,
    fields: &BTreeMap<&str, String>,
    grant: bool,
) -> Result<String, TemplateError> {
    let mut text = String::with_capacity(template.len() + 256);
    let mut rest = template;
    // Grant-only blocks first, whole lines.
    while let Some(start) = rest.find("{{#bidrag}}") {
        text.push_str(&rest[..start]);
        let after = &rest[start + "{{#bidrag}}".len()..];
        let end = after
            .find("{{/bidrag}}")
            .ok_or(TemplateError::UnclosedBlock)?;
        // The tags sit on lines of their own; their line breaks go with them.
        if grant {
            let inner = &after[..end];
            text.push_str(inner.strip_prefix('\n').unwrap_or(inner));
        }
        let tail = &after[end + "{{/bidrag}}".len()..];
        rest = tail.strip_prefix('\n').unwrap_or(tail);
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = after[..end].trim();
        let value = fields
            .get(name)
            .ok_or_else(|| TemplateError::UnknownField(name.to_string()))?;
        out.push_str(value);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The names a template's `{{…}}` places ask for, in order, blocks' tags left out.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if !name.starts_with('#') && !name.starts_with('/') {
            out.push(name.to_string());
        }
        rest = &after[end + 2..];
    }
    out
}

/// Why an agency's own template is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateCheck {
    #[error("{0}")]
    Template(#[from] TemplateError),
    /// A part the letter must have (the decision, who decided, how to appeal …) is missing.
    #[error("the template lacks {{{{{0}}}}}, which the letter must have")]
    Missing(String),
}

/// Checks a template against the fields its letter fills (`known`) and those it must show
/// (`required`): every place names a field, blocks close, and nothing required is left out.
pub fn check(template: &str, known: &[&str], required: &[&str]) -> Result<(), TemplateCheck> {
    let fields: BTreeMap<&str, String> = known.iter().map(|k| (*k, String::new())).collect();
    render(template, &fields, true)?;
    let used = placeholders(template);
    match required.iter().find(|r| !used.iter().any(|u| u == *r)) {
        Some(r) => Err(TemplateCheck::Missing((*r).to_string())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_template_is_checked_for_unknown_missing_and_unclosed() {
        let known = ["a", "b"];
        assert_eq!(
            check("{{a}} {{#bidrag}}\n{{b}}\n{{/bidrag}}", &known, &["a"]),
            Ok(())
        );
        assert_eq!(
            check("{{a}} {{c}}", &known, &["a"]),
            Err(TemplateCheck::Template(TemplateError::UnknownField(
                "c".into()
            )))
        );
        assert_eq!(
            check("{{b}}", &known, &["a"]),
            Err(TemplateCheck::Missing("a".into()))
        );
        assert_eq!(
            check("{{a}} {{#bidrag}}", &known, &["a"]),
            Err(TemplateCheck::Template(TemplateError::UnclosedBlock))
        );
    }

    use super::*;

    #[test]
    fn fills_fields_and_blocks() {
        let fields = BTreeMap::from([("a", "ett".to_string()), ("b", "två".to_string())]);
        let t = "A: {{a}}\n{{#bidrag}}\nB: {{b}}\n{{/bidrag}}\nslut";
        assert_eq!(render(t, &fields, true), Ok("A: ett\nB: två\nslut".into()));
        assert_eq!(render(t, &fields, false), Ok("A: ett\nslut".into()));
        assert_eq!(
            render("{{c}}", &fields, true),
            Err(TemplateError::UnknownField("c".into()))
        );
        assert_eq!(
            render("{{#bidrag}} x", &fields, true),
            Err(TemplateError::UnclosedBlock)
        );
    }
}

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

#[cfg(test)]
mod tests {
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

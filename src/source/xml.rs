//! What the XML readers (.docx parts, JATS) share: limits against hostile files, entity
//! resolution and attribute lookup on top of quick-xml.
//!
//! quick-xml never expands entities; this module resolves only the five predefined ones,
//! character references and a short table of common named characters, and refuses a DOCTYPE that
//! declares entities of its own, so an entity-expansion file ("billion laughs") is an error, never
//! a blow-up. It must not grow into a general XML layer: each reader walks its own events.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart};

/// Deepest element nesting a reader follows; deeper files are refused rather than walked.
pub const MAX_DEPTH: usize = 1000;

/// Stands in for a formula or an unknown entity inside prose, so that sentences keep their shape.
pub const PLACEHOLDER: &str = "\u{FFFC}";

/// Error for a file nested deeper than [`MAX_DEPTH`].
pub fn too_deep() -> String {
    format!("elements are nested more than {MAX_DEPTH} levels deep: galley refuses files this deep")
}

/// Refuses a DOCTYPE that declares its own entities (galley never expands them).
pub fn check_doctype(doctype: &str) -> Result<(), String> {
    if doctype.contains("<!ENTITY") {
        return Err(
            "the DOCTYPE declares its own entities (<!ENTITY …>), which galley does not \
                    expand; replace them with the characters they stand for"
                .into(),
        );
    }
    Ok(())
}

/// The text an entity or character reference stands for; `None` for an unknown entity (a name
/// from an external DTD), which callers replace with [`PLACEHOLDER`].
pub fn resolve_reference(reference: &BytesRef<'_>) -> Option<Cow<'static, str>> {
    if reference.is_char_ref() {
        return match reference.resolve_char_ref() {
            Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
            _ => None,
        };
    }
    let name: &str = &reference.clone().into_inner();
    if let Some(text) = quick_xml::escape::resolve_predefined_entity(name) {
        return Some(Cow::Borrowed(text));
    }
    let text = match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "shy" | "zwj" | "zwnj" => "",
        "minus" => "−",
        "times" => "×",
        "deg" => "°",
        "plusmn" => "±",
        "micro" => "µ",
        "copy" => "©",
        "reg" => "®",
        "sect" => "§",
        "para" => "¶",
        "middot" => "·",
        "bull" => "•",
        "dagger" => "†",
        "Dagger" => "‡",
        _ => return None,
    };
    Some(Cow::Borrowed(text))
}

/// The value of the attribute whose local name is `local` (any prefix), with references resolved.
pub fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(Cow::into_owned)
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
}

/// The value of the attribute with exactly this qualified name (`xml:lang`).
pub fn qualified_attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(Cow::into_owned)
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
}

/// An element's local name (`w:p` → `p`).
pub fn local_name(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_string()
}

//! TeX math as the reader would say it, for reported results written in math mode:
//! `$t(28) = 2.20$`, `$\chi^2(1, N = 90) = 3.84$`, `\(p \leq .05\)`, `$F_{2,57} = 4{,}12$`.
//!
//! Readers put a placeholder where math stood, so prose checks never see it; the statistics check
//! reads the source behind each placeholder through here. Only what results are written with is
//! translated (Greek chi, relations, spacing, font commands, braces); anything else is kept as
//! written, which is never a result.

/// The text of the math in `source` (delimiters included), or `None` when it is not inline or
/// display math in TeX syntax.
pub fn math_text(source: &str) -> Option<String> {
    let source = source.trim();
    let inner = strip_delimiters(source)?;
    if inner.len() > 400 {
        return None;
    }
    Some(translate(inner))
}

fn strip_delimiters(source: &str) -> Option<&str> {
    for (open, close) in [("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")] {
        if let Some(inner) = source
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            return Some(inner);
        }
    }
    None
}

/// Commands that stand for a character of a result.
const SYMBOLS: &[(&str, &str)] = &[
    ("chi", "χ"),
    ("leq", "≤"),
    ("leqslant", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("geqslant", "≥"),
    ("ge", "≥"),
    ("lt", "<"),
    ("gt", ">"),
    ("times", "×"),
    ("cdot", "·"),
    ("minus", "−"),
];

/// Commands whose argument is kept and the command dropped (fonts, text in math).
const WRAPPERS: &[&str] = &[
    "mathit",
    "mathrm",
    "mathnormal",
    "textit",
    "textrm",
    "text",
    "textup",
    "mbox",
    "emph",
    "mathbf",
    "boldsymbol",
    "ensuremath",
    "operatorname",
];

fn translate(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let rest = &inner[i + 1..];
                let name_len = rest
                    .char_indices()
                    .find(|(_, ch)| !ch.is_ascii_alphabetic())
                    .map_or(rest.len(), |(at, _)| at);
                if name_len == 0 {
                    // A control symbol: spacing (`\,` `\;` `\ ` `\!`) or an escaped character.
                    if let Some((_, next)) = chars.next() {
                        match next {
                            ',' | ';' | ':' | ' ' | '>' => out.push(' '),
                            '!' => {}
                            '%' | '{' | '}' | '_' | '&' | '#' | '$' => out.push(next),
                            _ => {}
                        }
                    }
                    continue;
                }
                let name = &rest[..name_len];
                for _ in 0..name_len {
                    chars.next();
                }
                if let Some((_, symbol)) = SYMBOLS.iter().find(|(n, _)| *n == name) {
                    out.push_str(symbol);
                } else if WRAPPERS.contains(&name) || name == "left" || name == "right" {
                    // The argument's braces are dropped below; the command itself says nothing.
                } else if matches!(name, "quad" | "qquad" | "enspace" | "thinspace") {
                    out.push(' ');
                } else {
                    out.push('\\');
                    out.push_str(name);
                }
            }
            '{' | '}' => {}
            '~' => out.push(' '),
            '^' => {
                // χ^2, χ^{2}: the square stays a plain 2 after the symbol; 10^{-5} an exponent.
                out.push('^');
            }
            '_' => {
                // A subscript (χ^2_{(1)}, F_{2,57}) is kept as written without the underscore.
            }
            _ => out.push(c),
        }
    }
    out.replace("χ^2", "χ2").replace("χ^ 2", "χ2")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_in_math_read_as_prose() {
        for (math, text) in [
            ("$t(28) = 2.20$", "t(28) = 2.20"),
            ("$\\chi^2(1, N = 90) = 3.84$", "χ2(1, N = 90) = 3.84"),
            ("$\\chi^{2}(1) = 3.84$", "χ2(1) = 3.84"),
            ("\\(p \\leq .05\\)", "p ≤ .05"),
            ("$p \\geq .05$", "p ≥ .05"),
            ("$F(2,\\,57) = 4{,}12$", "F(2, 57) = 4,12"),
            ("$\\mathit{t}(28)=-2.20$", "t(28)=-2.20"),
            ("$p = 2.1 \\times 10^{-16}$", "p = 2.1 × 10^-16"),
            ("$$r(48) = .31$$", "r(48) = .31"),
        ] {
            assert_eq!(math_text(math).as_deref(), Some(text), "{math}");
        }
    }

    #[test]
    fn source_that_is_not_math_is_refused() {
        assert_eq!(math_text("\\ref{fig:x}"), None);
        assert_eq!(math_text("`code`"), None);
    }
}

//! TeX math made readable as Unicode: Greek letters, operators and arrows,
//! `^2`/`_1` as super- and subscripts where Unicode has them, `\frac{a}{b}`
//! as `a/b`, `\sqrt{x}` as `√x`. What cannot be converted stays as its TeX
//! source, never dropped.

/// `tex` as Unicode text, as far as it goes.
/// Deeper brace nesting than this is shown as its source (the conversion
/// recurses into groups).
const MAX_NESTING: usize = 32;

/// `tex` as Unicode text, as far as it goes.
pub fn to_unicode(tex: &str) -> String {
    let mut depth = 0usize;
    for c in tex.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            return tex.trim().to_string();
        }
    }
    let chars: Vec<char> = tex.chars().collect();
    let mut out = String::with_capacity(tex.len());
    convert(&chars, &mut out);
    out.trim().to_string()
}

fn convert(chars: &[char], out: &mut String) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => i = command(chars, i + 1, out),
            '^' | '_' => {
                let (arg, next) = argument(chars, i + 1);
                let mut inner = String::new();
                convert(&arg, &mut inner);
                let table = if c == '^' { superscript } else { subscript };
                match inner.chars().map(table).collect::<Option<String>>() {
                    Some(s) if !s.is_empty() => out.push_str(&s),
                    _ => {
                        out.push(c);
                        push_group(out, &inner, arg.first() == Some(&'{'));
                    }
                }
                i = next;
            }
            '{' | '}' => i += 1,
            '~' => {
                out.push(' ');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
}

/// `inner` after a `^` or `_` that could not be converted: in braces when
/// it was braced or is longer than one character.
fn push_group(out: &mut String, inner: &str, braced: bool) {
    if braced || inner.chars().count() > 1 {
        out.push('{');
        out.push_str(inner);
        out.push('}');
    } else {
        out.push_str(inner);
    }
}

/// The argument at `i`: a braced group (with its braces), a command, or one
/// character; and the index after it. Spaces before it are skipped.
fn argument(chars: &[char], mut i: usize) -> (Vec<char>, usize) {
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    match chars.get(i) {
        Some('{') => {
            let mut depth = 0usize;
            let start = i;
            while i < chars.len() {
                match chars[i] {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return (chars[start..=i].to_vec(), i + 1);
                        }
                    }
                    '\\' => i += 1,
                    _ => {}
                }
                i += 1;
            }
            (chars[start..].to_vec(), chars.len())
        }
        Some('\\') => {
            let end = name_end(chars, i + 1);
            let end = if end == i + 1 {
                (i + 2).min(chars.len())
            } else {
                end
            };
            (chars[i..end].to_vec(), end)
        }
        Some(&c) => (vec![c], i + 1),
        None => (Vec::new(), i),
    }
}

fn name_end(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(char::is_ascii_alphabetic) {
        i += 1;
    }
    i
}

/// An argument converted, without its braces.
fn converted(arg: &[char]) -> String {
    let inner = match (arg.first(), arg.last()) {
        (Some('{'), Some('}')) if arg.len() >= 2 => &arg[1..arg.len() - 1],
        _ => arg,
    };
    let mut out = String::new();
    convert(inner, &mut out);
    out.trim().to_string()
}

/// `s` in parentheses unless it is a single term (letters, digits, a dot).
fn term(s: &str) -> String {
    if s.chars().all(|c| c.is_alphanumeric() || c == '.') || s.chars().count() == 1 {
        s.to_string()
    } else {
        format!("({s})")
    }
}

/// Converts the command whose name starts at `i` (after its `\`); returns
/// the index after it and its arguments.
fn command(chars: &[char], i: usize, out: &mut String) -> usize {
    let end = name_end(chars, i);
    if end == i {
        // A one-character command: spacing, or an escaped symbol.
        let Some(&c) = chars.get(i) else {
            out.push('\\');
            return i;
        };
        match c {
            ',' | ':' | ';' | ' ' => out.push(' '),
            '!' => {}
            '\\' => out.push(' '),
            '{' | '}' | '$' | '%' | '&' | '#' | '_' => out.push(c),
            _ => {
                out.push('\\');
                out.push(c);
            }
        }
        return i + 1;
    }
    let name: String = chars[i..end].iter().collect();
    match name.as_str() {
        "frac" | "dfrac" | "tfrac" => {
            let (a, next) = argument(chars, end);
            let (b, next) = argument(chars, next);
            out.push_str(&term(&converted(&a)));
            out.push('/');
            out.push_str(&term(&converted(&b)));
            next
        }
        "sqrt" => {
            let mut next = end;
            let mut root = "√";
            if chars.get(next) == Some(&'[') {
                let close = chars[next..].iter().position(|&c| c == ']');
                let index: String = close
                    .map(|p| chars[next + 1..next + p].iter().collect())
                    .unwrap_or_default();
                match index.trim() {
                    "3" => root = "∛",
                    "4" => root = "∜",
                    _ => {
                        // A root Unicode has no sign for: keep the source.
                        let (arg, after) = argument(chars, next + close.map_or(0, |p| p + 1));
                        out.push_str("\\sqrt");
                        out.extend(&chars[next..after - arg.len()]);
                        out.push_str(&format!("{{{}}}", converted(&arg)));
                        return after;
                    }
                }
                next += close.map_or(0, |p| p + 1);
            }
            let (arg, next) = argument(chars, next);
            out.push_str(root);
            out.push_str(&term(&converted(&arg)));
            next
        }
        "text" | "textrm" | "textit" | "textbf" | "mathrm" | "mathit" | "mathbf" | "mathsf"
        | "mathtt" | "operatorname" | "boldsymbol" | "mbox" => {
            let (arg, next) = argument(chars, end);
            out.push_str(&converted(&arg));
            next
        }
        "mathbb" => {
            let (arg, next) = argument(chars, end);
            let inner = converted(&arg);
            match inner.chars().map(double_struck).collect::<Option<String>>() {
                Some(s) => out.push_str(&s),
                None => out.push_str(&format!("\\mathbb{{{inner}}}")),
            }
            next
        }
        "left" | "right" | "big" | "Big" | "bigg" | "Bigg" | "displaystyle" | "limits" => end,
        "quad" | "qquad" => {
            out.push_str("  ");
            end
        }
        _ => {
            match symbol(&name) {
                Some(s) => out.push_str(s),
                None => {
                    // Unknown: the command and its braced arguments stay.
                    out.push('\\');
                    out.push_str(&name);
                    let mut next = end;
                    while chars.get(next) == Some(&'{') {
                        let (arg, after) = argument(chars, next);
                        out.push('{');
                        out.push_str(&converted(&arg));
                        out.push('}');
                        next = after;
                    }
                    return next;
                }
            }
            end
        }
    }
}

fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" | "varepsilon" => "ε",
        "zeta" => "ζ",
        "eta" => "η",
        "theta" | "vartheta" => "θ",
        "iota" => "ι",
        "kappa" => "κ",
        "lambda" => "λ",
        "mu" => "μ",
        "nu" => "ν",
        "xi" => "ξ",
        "pi" => "π",
        "rho" | "varrho" => "ρ",
        "sigma" => "σ",
        "tau" => "τ",
        "upsilon" => "υ",
        "phi" | "varphi" => "φ",
        "chi" => "χ",
        "psi" => "ψ",
        "omega" => "ω",
        "Gamma" => "Γ",
        "Delta" => "Δ",
        "Theta" => "Θ",
        "Lambda" => "Λ",
        "Xi" => "Ξ",
        "Pi" => "Π",
        "Sigma" => "Σ",
        "Upsilon" => "Υ",
        "Phi" => "Φ",
        "Psi" => "Ψ",
        "Omega" => "Ω",
        "sum" => "∑",
        "prod" => "∏",
        "int" => "∫",
        "iint" => "∬",
        "oint" => "∮",
        "infty" => "∞",
        "partial" => "∂",
        "nabla" => "∇",
        "le" | "leq" => "≤",
        "ge" | "geq" => "≥",
        "ne" | "neq" => "≠",
        "approx" => "≈",
        "equiv" => "≡",
        "sim" => "∼",
        "propto" => "∝",
        "ll" => "≪",
        "gg" => "≫",
        "to" | "rightarrow" => "→",
        "leftarrow" | "gets" => "←",
        "Rightarrow" | "implies" => "⇒",
        "Leftarrow" => "⇐",
        "leftrightarrow" => "↔",
        "Leftrightarrow" | "iff" => "⇔",
        "mapsto" => "↦",
        "times" => "×",
        "cdot" => "·",
        "div" => "÷",
        "pm" => "±",
        "mp" => "∓",
        "cdots" | "ldots" | "dots" => "…",
        "in" => "∈",
        "notin" => "∉",
        "subset" => "⊂",
        "subseteq" => "⊆",
        "supset" => "⊃",
        "cup" => "∪",
        "cap" => "∩",
        "emptyset" | "varnothing" => "∅",
        "forall" => "∀",
        "exists" => "∃",
        "neg" | "lnot" => "¬",
        "land" | "wedge" => "∧",
        "lor" | "vee" => "∨",
        "circ" => "∘",
        "degree" => "°",
        "langle" => "⟨",
        "rangle" => "⟩",
        "lfloor" => "⌊",
        "rfloor" => "⌋",
        "lceil" => "⌈",
        "rceil" => "⌉",
        "mid" => "∣",
        "hbar" => "ℏ",
        "ell" => "ℓ",
        "log" => "log",
        "ln" => "ln",
        "exp" => "exp",
        "sin" => "sin",
        "cos" => "cos",
        "tan" => "tan",
        "lim" => "lim",
        "max" => "max",
        "min" => "min",
        "TeX" => "TeX",
        "LaTeX" => "LaTeX",
        "KaTeX" => "KaTeX",
        _ => return None,
    })
}

fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' | '−' => '⁻',
        '=' => '⁼',
        '(' => '⁽',
        ')' => '⁾',
        'n' => 'ⁿ',
        'i' => 'ⁱ',
        'T' => 'ᵀ',
        '*' | '∗' => '*',
        '′' | '\'' => '′',
        _ => return None,
    })
}

fn subscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '₀',
        '1' => '₁',
        '2' => '₂',
        '3' => '₃',
        '4' => '₄',
        '5' => '₅',
        '6' => '₆',
        '7' => '₇',
        '8' => '₈',
        '9' => '₉',
        '+' => '₊',
        '-' | '−' => '₋',
        '=' => '₌',
        '(' => '₍',
        ')' => '₎',
        'a' => 'ₐ',
        'e' => 'ₑ',
        'i' => 'ᵢ',
        'j' => 'ⱼ',
        'k' => 'ₖ',
        'n' => 'ₙ',
        'o' => 'ₒ',
        'x' => 'ₓ',
        _ => return None,
    })
}

fn double_struck(c: char) -> Option<char> {
    Some(match c {
        'R' => 'ℝ',
        'N' => 'ℕ',
        'Z' => 'ℤ',
        'Q' => 'ℚ',
        'C' => 'ℂ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::to_unicode as u;

    #[test]
    fn greek_letters_and_operators() {
        assert_eq!(u(r"\alpha + \beta \le \Omega"), "α + β ≤ Ω");
        assert_eq!(u(r"a \times b \cdot c \ne d"), "a × b · c ≠ d");
        assert_eq!(u(r"x \to \infty"), "x → ∞");
        assert_eq!(u(r"a \ge b"), "a ≥ b");
    }

    #[test]
    fn super_and_subscripts_where_unicode_has_them() {
        assert_eq!(u("x^2 + y_1"), "x² + y₁");
        assert_eq!(u(r"\KaTeX"), "KaTeX");
        assert_eq!(u("e^{-10}"), "e⁻¹⁰");
        assert_eq!(u("a_{n+1}"), "aₙ₊₁");
        // No superscript q in Unicode: the source stays.
        assert_eq!(u("x^q"), "x^q");
        assert_eq!(u("x^{ab}"), "x^{ab}");
        assert_eq!(u(r"x^{\alpha}"), "x^{α}");
    }

    #[test]
    fn fractions_roots_sums_and_integrals() {
        assert_eq!(u(r"\frac{a}{b}"), "a/b");
        assert_eq!(u(r"\frac{a+1}{2}"), "(a+1)/2");
        assert_eq!(u(r"\sqrt{2}"), "√2");
        assert_eq!(u(r"\sqrt{x+1}"), "√(x+1)");
        assert_eq!(u(r"\sqrt[3]{8}"), "∛8");
        assert_eq!(u(r"\sum_{i=1}^{n} i"), "∑ᵢ₌₁ⁿ i");
        assert_eq!(u(r"\int_0^1 f(x)\,dx"), "∫₀¹ f(x) dx");
        assert_eq!(u(r"\mathbb{R}^n"), "ℝⁿ");
        assert_eq!(u(r"\text{speed} = \frac{d}{t}"), "speed = d/t");
    }

    #[test]
    fn unknown_commands_stay_as_source() {
        assert_eq!(u(r"\foo{x} + \alpha"), r"\foo{x} + α");
        assert_eq!(u(r"\sqrt[5]{x}"), r"\sqrt[5]{x}");
        assert_eq!(u(r"\"), r"\");
        assert_eq!(u("{unclosed"), "unclosed");
        assert_eq!(u(""), "");
        let deep = format!("{}x{}", "{".repeat(100), "}".repeat(100));
        assert_eq!(u(&deep), deep);
    }
}

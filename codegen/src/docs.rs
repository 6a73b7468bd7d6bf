//! Converts the HTML of AWS model documentation (botocore `documentation`
//! fields, Smithy `@documentation` traits) into rustdoc Markdown.
//!
//! The conversion has three small stages:
//!
//! 1. `tokenize` splits the input into text, start tags and end tags and
//!    decodes entities. A `<` that does not start a well-formed tag, and an
//!    unknown tag that is never closed (`arn:aws:kms:<region>:…`), stays text.
//! 2. `build_tree` assembles a forgiving element tree: unclosed tags are
//!    closed at the end, stray end tags are ignored, and `<p>`, `<li>`,
//!    `<dt>`/`<dd>`, `<tr>`, `<td>` end an open sibling the way browsers do.
//! 3. The tree is rendered to `Block`s (paragraphs, code blocks, lists), which
//!    `layout` turns into lines.
//!
//! The output must pass rustdoc with `-D warnings`, so every piece of plain
//! text is escaped: `[`/`]` (intra-doc links), `<`/`>` (HTML tags), bare URLs
//! (wrapped as `<URL>`), emphasis and code characters, and block markers at
//! the start of a line (`#`, `-`, `1.`, …). Lines are never indented except
//! inside lists, so nothing becomes an indented code block (a doctest), and
//! `<pre>` becomes a fenced block tagged `text`, which rustdoc never compiles.

use std::collections::HashSet;
use std::mem::take;

/// Converts model documentation HTML to rustdoc Markdown lines (without the `///` prefix).
/// Returns an empty Vec for empty/whitespace-only input.
pub fn html_to_markdown(html: &str) -> Vec<String> {
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    let root = build_tree(tokenize(&html));
    finish(layout(&blocks_of(&root), false))
}

// ---------------------------------------------------------------------------
// Tag classes
// ---------------------------------------------------------------------------

/// Elements that end the current paragraph and are laid out as blocks.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "pre",
    "note",
    "important",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
];

/// Inline elements with a Markdown rendering (code span, emphasis, link).
const MARKUP_TAGS: &[&str] = &[
    "a", "ulink", "b", "strong", "i", "em", "code", "tt", "kbd", "samp",
];

/// Other HTML tags we recognize; like unknown closed tags, their content is kept
/// and the tag dropped.
const OTHER_TAGS: &[&str] = &[
    "span", "u", "sup", "sub", "small", "big", "cite", "var", "font", "br", "img", "wbr",
    "fullname",
];

/// Elements that never have content.
const VOID_TAGS: &[&str] = &["br", "hr", "img", "wbr"];

/// Deeper nesting is ignored (its tags are dropped), which bounds recursion.
const MAX_DEPTH: usize = 64;

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

fn is_known(name: &str) -> bool {
    is_block(name) || MARKUP_TAGS.contains(&name) || OTHER_TAGS.contains(&name)
}

// ---------------------------------------------------------------------------
// Stage 1: tokenizer
// ---------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Token {
    /// Text with entities decoded.
    Text(String),
    /// A start tag; `href` holds the `href` (or DocBook `url`) attribute.
    Start {
        name: String,
        href: Option<String>,
        self_closing: bool,
    },
    End(String),
}

fn tokenize(html: &str) -> Vec<Token> {
    // Names of all end tags in the input: an unknown start tag that is never
    // closed is literal text, e.g. `arn:aws:kms:<region>:<account>:key/<uuid>`.
    let closed: HashSet<String> = html
        .match_indices("</")
        .map(|(i, _)| tag_name(&html[i + 2..]).to_ascii_lowercase())
        .collect();

    let mut tokens = Vec::new();
    let mut text = String::new(); // raw text not yet turned into a token
    let mut pos = 0;
    while let Some(offset) = html[pos..].find('<') {
        let lt = pos + offset;
        text.push_str(&html[pos..lt]);
        pos = lt + 1; // unless a tag is recognized, the `<` is text
        let Some((token, end)) = parse_markup(html, lt) else {
            text.push('<');
            continue;
        };
        if let Some(Token::Start {
            name,
            self_closing: false,
            ..
        }) = &token
        {
            if !is_known(name) && !closed.contains(name) {
                text.push('<');
                continue;
            }
        }
        if !text.is_empty() {
            tokens.push(Token::Text(decode_entities(&take(&mut text))));
        }
        tokens.extend(token);
        pos = end;
    }
    text.push_str(&html[pos..]);
    if !text.is_empty() {
        tokens.push(Token::Text(decode_entities(&text)));
    }
    tokens
}

/// The tag name at the start of `s` (empty if there is none).
fn tag_name(s: &str) -> &str {
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return "";
    }
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')))
        .unwrap_or(s.len());
    &s[..len]
}

/// Parses the markup starting with the `<` at byte `lt`: a tag (`Some(token)`)
/// or a comment/doctype/processing instruction (`None`), plus the byte index
/// just after it. Returns `None` when this `<` does not start markup.
fn parse_markup(html: &str, lt: usize) -> Option<(Option<Token>, usize)> {
    let rest = &html[lt..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(html.len(), |i| lt + 4 + i + 3);
        return Some((None, end));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return rest.find('>').map(|i| (None, lt + i + 1));
    }
    let is_end = rest.starts_with("</");
    let name_start = lt + 1 + usize::from(is_end);
    let raw_name = tag_name(&html[name_start..]);
    if raw_name.is_empty() {
        return None;
    }
    let mut name = raw_name.to_ascii_lowercase();
    if name == "para" {
        name = "p".into(); // DocBook paragraph
    }

    // Attributes up to the closing `>`; only `href`/`url` are kept.
    let bytes = html.as_bytes();
    let mut i = name_start + raw_name.len();
    let (mut href, mut self_closing) = (None, false);
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match *bytes.get(i)? {
            b'>' => break,
            b'/' => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => self_closing = false,
        }
        let attr_start = i;
        i += 1; // always consume one byte, so `<a =x>` makes progress
        while bytes
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && !b"=>/".contains(b))
        {
            i += 1;
        }
        let attr = html[attr_start..i].to_ascii_lowercase();
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue; // attribute without value
        }
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let value = match *bytes.get(i)? {
            quote @ (b'"' | b'\'') => {
                let len = html[i + 1..].find(char::from(quote))?;
                let value = &html[i + 1..i + 1 + len];
                i += len + 2;
                value
            }
            _ => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                {
                    i += 1;
                }
                &html[start..i]
            }
        };
        if attr == "href" || attr == "url" {
            href = Some(decode_entities(value));
        }
    }
    let token = if is_end {
        Token::End(name)
    } else {
        Token::Start {
            name,
            href,
            self_closing,
        }
    };
    Some((Some(token), i + 1))
}

/// Decodes `&name;`, `&#NNN;` and `&#xHH;`; anything else stays literal.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        rest[..amp].chars().for_each(|c| push_char(&mut out, c));
        rest = &rest[amp..];
        let entity = rest[1..]
            .find(';')
            .filter(|&len| (1..=10).contains(&len))
            .and_then(|len| Some((decode_entity(&rest[1..1 + len])?, len + 2)));
        match entity {
            Some((c, len)) => {
                push_char(&mut out, c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    rest.chars().for_each(|c| push_char(&mut out, c));
    out
}

/// The character of one entity (the part between `&` and `;`).
fn decode_entity(entity: &str) -> Option<char> {
    if let Some(num) = entity.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // Like browsers, read 128–159 as Windows-1252 (`&#150;` is an en dash).
        const CP1252: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
        let c = match code {
            0x80..=0x9f => CP1252.chars().nth(code as usize - 0x80)?,
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return Some(if c == '\0' { '\u{fffd}' } else { c });
    }
    Some(match entity {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "sect" => '§',
        "para" => '¶',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        _ => return None,
    })
}

/// Appends `c`, normalizing characters that must not reach a doc comment:
/// control characters and bidirectional overrides (a deny-by-default rustc
/// lint) are dropped; non-breaking spaces and line separators become whitespace.
fn push_char(out: &mut String, c: char) {
    match c {
        '\u{a0}' => out.push(' '),
        '\u{2028}' | '\u{2029}' => out.push('\n'),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => {}
        '\t' | '\n' => out.push(c),
        c if c.is_control() => {}
        c => out.push(c),
    }
}

// ---------------------------------------------------------------------------
// Stage 2: tree
// ---------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Element {
    /// Lowercase tag name; empty for the root.
    name: String,
    href: Option<String>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Text(String),
    Element(Element),
}

fn build_tree(tokens: Vec<Token>) -> Element {
    let mut stack = vec![Element::default()]; // stack[0] is the root
    for token in tokens {
        match token {
            Token::Text(text) => push_child(&mut stack, Node::Text(text)),
            Token::Start {
                name,
                href,
                self_closing,
            } => {
                auto_close(&mut stack, &name);
                let element = Element {
                    name,
                    href,
                    children: Vec::new(),
                };
                if self_closing || VOID_TAGS.contains(&element.name.as_str()) {
                    push_child(&mut stack, Node::Element(element));
                } else if stack.len() < MAX_DEPTH {
                    stack.push(element);
                }
            }
            // Browsers read a stray `</br>` as `<br>`.
            Token::End(name) if name == "br" => push_child(
                &mut stack,
                Node::Element(Element {
                    name,
                    ..Element::default()
                }),
            ),
            // Close up to the matching open element; ignore stray end tags.
            Token::End(name) => {
                if let Some(pos) = stack.iter().rposition(|e| e.name == name) {
                    close_to(&mut stack, pos);
                }
            }
        }
    }
    close_to(&mut stack, 1);
    stack.pop().unwrap_or_default()
}

fn push_child(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

/// Closes the elements `stack[pos..]`, each becoming a child of the one below.
fn close_to(stack: &mut Vec<Element>, pos: usize) {
    while stack.len() > pos.max(1) {
        let element = stack.pop().expect("stack is not empty");
        push_child(stack, Node::Element(element));
    }
}

/// Implicit end tags: a block start ends an open `<p>` (`<p>a<ul>…`), and
/// list items, definition terms, table rows and cells end an open sibling.
fn auto_close(stack: &mut Vec<Element>, name: &str) {
    if !is_block(name) {
        return;
    }
    close_nearest(stack, &["p"], |n| is_block(n) && n != "p");
    let (targets, scope): (&[&str], &[&str]) = match name {
        "li" => (&["li"], &["ul", "ol"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        "tr" => (&["tr"], &["table", "thead", "tbody", "tfoot"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        _ => return,
    };
    close_nearest(stack, targets, |n| scope.contains(&n));
}

/// Closes the innermost element named in `targets`, unless an element for
/// which `is_boundary` holds is open inside it.
fn close_nearest(stack: &mut Vec<Element>, targets: &[&str], is_boundary: impl Fn(&str) -> bool) {
    let found = stack
        .iter()
        .rposition(|e| targets.contains(&e.name.as_str()) || is_boundary(&e.name));
    if let Some(pos) = found.filter(|&pos| pos > 0 && targets.contains(&stack[pos].name.as_str())) {
        close_to(stack, pos);
    }
}

// ---------------------------------------------------------------------------
// Stage 3: rendering
// ---------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Block {
    /// Lines of one paragraph (all but the last end with a `\` hard break).
    Para(Vec<String>),
    /// Verbatim lines of a fenced code block.
    Code(Vec<String>),
    /// A list; each item is a sequence of blocks.
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
}

/// Renders the children of `element` as blocks.
fn blocks_of(element: &Element) -> Vec<Block> {
    let mut writer = BlockWriter::default();
    writer.walk_children(element);
    writer.finish()
}

/// Walks the tree in block context: inline content accumulates as Markdown in
/// `run` and becomes paragraphs when a block element (or the end) is reached.
#[derive(Default)]
struct BlockWriter {
    blocks: Vec<Block>,
    /// Inline Markdown of the current paragraph; `\n` marks a `<br>`.
    run: String,
}

impl BlockWriter {
    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }

    fn flush(&mut self) {
        let run = take(&mut self.run);
        self.blocks.extend(paragraphs(&run));
    }

    /// Ends the current paragraph and appends `blocks`.
    fn push_blocks(&mut self, blocks: impl IntoIterator<Item = Block>) {
        self.flush();
        self.blocks.extend(blocks);
    }

    fn walk_children(&mut self, element: &Element) {
        element.children.iter().for_each(|child| self.walk(child));
    }

    fn walk(&mut self, node: &Node) {
        let element = match node {
            Node::Text(text) => return self.run.push_str(&escape_text(text, false)),
            Node::Element(element) => element,
        };
        match element.name.as_str() {
            "br" => self.run.push('\n'),
            name @ ("ul" | "ol") => self.push_blocks(list_block(element, name == "ol")),
            "li" => self.push_blocks(list(false, vec![blocks_of(element)])),
            "dl" => self.push_blocks(definition_list(element)),
            "table" | "thead" | "tbody" | "tfoot" | "tr" => self.push_blocks(table(element)),
            "pre" => self.push_blocks(code_block(&text_content(element))),
            "note" => self.push_blocks(labelled(element, "Note")),
            "important" => self.push_blocks(labelled(element, "Important")),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" => {
                self.push_blocks(bold_blocks(element))
            }
            name if is_block(name) => {
                // <p>, <div>, <dd>, <td>, …: a paragraph boundary on each side.
                self.flush();
                self.walk_children(element);
                self.flush();
            }
            // Markup around blocks (`<b><p>…</p></b>`) is dropped to keep the blocks.
            name if MARKUP_TAGS.contains(&name) && !has_block_descendant(element) => {
                self.run.push_str(&inline(node, Ctx::default()))
            }
            _ => self.walk_children(element), // unknown or transparent tag
        }
    }
}

fn has_block_descendant(element: &Element) -> bool {
    element.children.iter().any(|child| match child {
        Node::Element(e) => is_block(&e.name) || has_block_descendant(e),
        Node::Text(_) => false,
    })
}

/// Splits inline Markdown into paragraphs: one `<br>` is a hard line break,
/// two or more (an empty line) start a new paragraph.
fn paragraphs(run: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut end_paragraph = |lines: &mut Vec<String>| {
        if let Some((_last, rest)) = lines.split_last_mut() {
            rest.iter_mut().for_each(|line| line.push('\\')); // hard line breaks
            blocks.push(Block::Para(take(lines)));
        }
    };
    for segment in run.split('\n') {
        let line = collapse_whitespace(segment);
        let line = line.trim();
        if line.is_empty() {
            end_paragraph(&mut lines);
        } else {
            lines.push(escape_line_start(line));
        }
    }
    end_paragraph(&mut lines);
    blocks
}

fn list(ordered: bool, items: Vec<Vec<Block>>) -> Option<Block> {
    let items: Vec<_> = items.into_iter().filter(|item| !item.is_empty()).collect();
    (!items.is_empty()).then_some(Block::List { ordered, items })
}

/// `<ul>`/`<ol>`: one item per `<li>`; stray content between items becomes an item too.
fn list_block(element: &Element, ordered: bool) -> Option<Block> {
    let mut items = Vec::new();
    let mut stray = BlockWriter::default();
    for child in &element.children {
        match child {
            Node::Element(li) if li.name == "li" => {
                items.push(take(&mut stray).finish());
                items.push(blocks_of(li));
            }
            other => stray.walk(other),
        }
    }
    items.push(stray.finish());
    list(ordered, items)
}

/// `<dl>`: a bullet per term (in bold), its definitions following in the same item.
fn definition_list(element: &Element) -> Option<Block> {
    let mut items: Vec<Vec<Block>> = Vec::new();
    for child in &element.children {
        match child {
            Node::Element(dt) if dt.name == "dt" => items.push(bold_blocks(dt)),
            other => {
                let mut writer = BlockWriter::default();
                writer.walk(other);
                let blocks = writer.finish();
                match items.last_mut() {
                    Some(item) => item.extend(blocks),
                    None => items.push(blocks),
                }
            }
        }
    }
    list(false, items)
}

/// Table rows become bullets with the cells separated by ` | `.
fn table(element: &Element) -> Vec<Block> {
    fn collect_rows<'a>(element: &'a Element, rows: &mut Vec<&'a Element>) {
        for child in &element.children {
            match child {
                Node::Element(e) if e.name == "tr" => rows.push(e),
                Node::Element(e) if e.name != "table" => collect_rows(e, rows),
                _ => {}
            }
        }
    }
    let mut rows = Vec::new();
    if element.name == "tr" {
        rows.push(element);
    } else {
        collect_rows(element, &mut rows);
    }
    if rows.is_empty() {
        return blocks_of(element);
    }
    let items = rows.iter().map(|row| {
        let cells: Vec<String> = row
            .children
            .iter()
            .filter(|c| matches!(c, Node::Element(e) if e.name == "td" || e.name == "th"))
            .map(|cell| {
                collapse_whitespace(&inline(cell, Ctx::default()))
                    .trim()
                    .to_string()
            })
            .filter(|cell| !cell.is_empty())
            .collect();
        paragraphs(&cells.join(" | "))
    });
    list(false, items.collect()).into_iter().collect()
}

/// `<pre>` content as a fenced `text` block: verbatim except for trailing
/// whitespace, runs of blank lines and tabs (expanded; clippy warns about
/// tabs in doc comments).
fn code_block(text: &str) -> Option<Block> {
    let text = text.strip_prefix('\n').unwrap_or(text); // as in HTML
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = expand_tabs(line.trim_end());
        if !(line.is_empty() && lines.last().map_or(true, String::is_empty)) {
            lines.push(line);
        }
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    (!lines.is_empty()).then_some(Block::Code(lines))
}

/// Replaces each tab by spaces up to the next multiple of 4 columns.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut column = 0;
    for c in line.chars() {
        let width = if c == '\t' { 4 - column % 4 } else { 1 };
        match c {
            '\t' => out.extend(std::iter::repeat(' ').take(width)),
            c => out.push(c),
        }
        column += width;
    }
    out
}

/// `<note>`/`<important>`: the content with a bold label in front.
fn labelled(element: &Element, label: &str) -> Vec<Block> {
    let mut blocks = blocks_of(element);
    match blocks.first_mut() {
        None => {}
        Some(Block::Para(lines)) => lines[0].insert_str(0, &format!("**{label}:** ")),
        Some(_) => blocks.insert(0, Block::Para(vec![format!("**{label}:**")])),
    }
    blocks
}

/// Headings and definition terms: a bold paragraph (or plain blocks when they
/// contain blocks themselves).
fn bold_blocks(element: &Element) -> Vec<Block> {
    if has_block_descendant(element) {
        return blocks_of(element);
    }
    let text = inline_children(
        element,
        Ctx {
            bold: true,
            ..Ctx::default()
        },
    );
    paragraphs(&wrap(&text, |body| format!("**{body}**")))
}

/// All text below `element`, tags stripped, `<br>` as a newline.
fn text_content(element: &Element) -> String {
    let mut out = String::new();
    for child in &element.children {
        match child {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if e.name == "br" => out.push('\n'),
            Node::Element(e) => out.push_str(&text_content(e)),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Inline rendering
// ---------------------------------------------------------------------------

/// What encloses the inline content being rendered.
#[derive(Clone, Copy, Default)]
struct Ctx {
    /// Inside link text: no nested links, no `<URL>` autolinks.
    in_link: bool,
    /// Inside `**…**` or `*…*`: nested markers of the same kind are dropped.
    bold: bool,
    italic: bool,
}

fn inline_children(element: &Element, ctx: Ctx) -> String {
    element
        .children
        .iter()
        .map(|child| inline(child, ctx))
        .collect()
}

/// Renders a node as inline Markdown (blocks inside are flattened).
fn inline(node: &Node, ctx: Ctx) -> String {
    let element = match node {
        Node::Text(text) => return escape_text(text, ctx.in_link),
        Node::Element(element) => element,
    };
    match element.name.as_str() {
        "code" | "tt" | "kbd" | "samp" => code_span(&text_content(element)),
        "b" | "strong" if !ctx.bold => {
            let body = inline_children(element, Ctx { bold: true, ..ctx });
            wrap(&body, |body| format!("**{body}**"))
        }
        "i" | "em" if !ctx.italic => {
            let body = inline_children(
                element,
                Ctx {
                    italic: true,
                    ..ctx
                },
            );
            wrap(&body, |body| format!("*{body}*"))
        }
        "a" | "ulink" => link(element, ctx),
        "br" => " ".into(),
        name if is_block(name) => format!(" {} ", inline_children(element, ctx)),
        _ => inline_children(element, ctx),
    }
}

/// `[text](URL)`, or `<URL>` when the text is empty or the URL itself. Links
/// without an absolute URL (rustdoc would report relative ones as broken) and
/// links nested in link text keep just their text.
fn link(element: &Element, ctx: Ctx) -> String {
    let href = element
        .href
        .as_deref()
        .map(str::trim)
        .filter(|href| is_absolute_url(href));
    let href = match href {
        Some(href) if !ctx.in_link => href,
        _ => return inline_children(element, ctx),
    };
    let url = encode_url(href);
    let text = inline_children(
        element,
        Ctx {
            in_link: true,
            ..ctx
        },
    );
    if text.trim().is_empty() || collapse_whitespace(&text_content(element)).trim() == href {
        let space = if text.is_empty() { "" } else { " " };
        return format!("{space}<{url}>{space}");
    }
    wrap(&text, |body| format!("[{body}]({url})"))
}

fn is_absolute_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.len() > scheme.len() && lower.starts_with(scheme))
}

/// Percent-encodes the characters that would end a link destination or an
/// autolink early (spaces, parentheses, angle brackets, backslashes).
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '\n' | '\t' => {} // browsers drop these from URLs
            '(' | ')' | '<' | '>' | '\\' | '"' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A code span with a fence longer than any backtick run inside; empty code
/// renders as nothing.
fn code_span(code: &str) -> String {
    wrap(&collapse_whitespace(code), |body| {
        let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let edge = body.starts_with('`') || body.ends_with('`');
        let pad = if edge { " " } else { "" };
        format!("{fence}{pad}{body}{pad}{fence}")
    })
}

/// Applies `render` to `s` trimmed, keeping a space on each side where `s`
/// had whitespace (emphasis markers must touch their text). Whitespace-only
/// input renders as a single space, empty input as nothing.
fn wrap(s: &str, render: impl FnOnce(&str) -> String) -> String {
    let space = |yes: bool| if yes { " " } else { "" };
    let body = s.trim();
    if body.is_empty() {
        return space(!s.is_empty()).to_string();
    }
    let lead = space(s.starts_with(char::is_whitespace));
    let trail = space(s.ends_with(char::is_whitespace));
    format!("{lead}{}{trail}", render(body))
}

/// Replaces each run of whitespace by one space.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

/// Escapes plain text so that Markdown reads it literally; outside link text,
/// bare URLs become `<URL>` autolinks (rustdoc warns about bare URLs).
fn escape_text(text: &str, in_link: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_link {
            if let Some(len) = bare_url_len(rest) {
                out.push('<');
                out.push_str(&rest[..len]);
                out.push('>');
                rest = &rest[len..];
                continue;
            }
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `&lt;` in the decoded text would be decoded again by Markdown.
            '&' if rest[1..].starts_with(|n: char| n.is_ascii_alphanumeric() || n == '#') => {
                out.push_str("\\&")
            }
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of the `http://` or `https://` URL at the start of `s`, if any,
/// without trailing punctuation (or an unbalanced closing parenthesis).
fn bare_url_len(s: &str) -> Option<usize> {
    let starts_with = |prefix: &str| {
        s.as_bytes()
            .get(..prefix.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    let scheme = ["http://", "https://"]
        .into_iter()
        .find(|p| starts_with(p))?;
    let mut url = &s[..s
        .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(s.len())];
    loop {
        let unbalanced = |open, close| {
            url.ends_with(close) && url.matches(open).count() < url.matches(close).count()
        };
        if url.ends_with(['.', ',', ';', ':', '!', '?', '\'', '*', '_'])
            || unbalanced('(', ')')
            || unbalanced('[', ']')
        {
            url = &url[..url.len() - 1];
        } else {
            break;
        }
    }
    (url.len() > scheme.len()).then_some(url.len())
}

/// Escapes what would make a paragraph line a heading, quote, list item or
/// setext underline.
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '>', '-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let after = &line[digits..];
    let marker = after.starts_with(['.', ')']) && (after.len() == 1 || after[1..].starts_with(' '));
    if (1..=9).contains(&digits) && marker {
        return format!("{}\\{after}", &line[..digits]);
    }
    line.to_string()
}

// ---------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------

/// Lays blocks out as lines, separated by blank lines; in a list item, a
/// nested list follows the preceding block directly (a tight list). List
/// item continuation lines are indented by the width of the item's marker
/// (2 for `- `, 3 for `1. `), as CommonMark requires.
fn layout(blocks: &[Block], in_item: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 && !(in_item && matches!(block, Block::List { .. })) {
            out.push(String::new());
        }
        match block {
            Block::Para(lines) => out.extend(lines.iter().cloned()),
            Block::Code(lines) => {
                let longest = lines
                    .iter()
                    .flat_map(|line| line.split(|c| c != '`'))
                    .map(str::len)
                    .max()
                    .unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                out.push(format!("{fence}text"));
                out.extend(lines.iter().cloned());
                out.push(fence);
            }
            Block::List { ordered, items } => {
                for (n, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}. ", n + 1)
                    } else {
                        "- ".into()
                    };
                    let indent = " ".repeat(marker.len());
                    for (j, line) in layout(item, true).into_iter().enumerate() {
                        out.push(match j {
                            0 => format!("{marker}{line}"),
                            _ if line.is_empty() => line,
                            _ => format!("{indent}{line}"),
                        });
                    }
                }
            }
        }
    }
    out
}

/// Final clean-up: no trailing whitespace, no leading, trailing or doubled
/// blank lines.
fn finish(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let line = line.trim_end().to_string();
        if !(line.is_empty() && out.last().map_or(true, String::is_empty)) {
            out.push(line);
        }
    }
    if out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Converts and joins the lines, checking the layout rules every output must obey.
    fn md(html: &str) -> String {
        let lines = html_to_markdown(html);
        assert_layout(&lines);
        assert_eq!(lines, html_to_markdown(html), "deterministic");
        lines.join("\n")
    }

    fn assert_layout(lines: &[String]) {
        assert!(
            lines.first().map_or(true, |l| !l.is_empty()),
            "leading blank line: {lines:?}"
        );
        assert!(
            lines.last().map_or(true, |l| !l.is_empty()),
            "trailing blank line: {lines:?}"
        );
        for pair in lines.windows(2) {
            assert!(
                !(pair[0].is_empty() && pair[1].is_empty()),
                "double blank line: {lines:?}"
            );
        }
        for line in lines {
            assert_eq!(line.trim_end(), line, "trailing whitespace: {lines:?}");
            assert!(
                !line.contains(['\r', '\u{202e}']),
                "control character: {lines:?}"
            );
        }
    }

    #[test]
    fn empty_input() {
        assert!(html_to_markdown("").is_empty());
        assert!(html_to_markdown("  \n\t ").is_empty());
        assert!(html_to_markdown("<p> </p><p></p><div>\n</div>").is_empty());
        assert!(
            html_to_markdown("<b></b><code> </code><ul><li> </li></ul><note></note>").is_empty()
        );
    }

    #[test]
    fn paragraphs() {
        assert_eq!(md("<p>One.</p><p>Two.</p>"), "One.\n\nTwo.");
        assert_eq!(md("<div>One.</div> <div><p>Two.</p></div>"), "One.\n\nTwo.");
        assert_eq!(md("Plain text, no tags."), "Plain text, no tags.");
        // Whitespace collapses; nothing is indented (it would become a doctest).
        assert_eq!(md("<p>\n      a   b\n\t c  </p>"), "a b c");
        assert_eq!(md("<p>    fn main() {}</p>"), "fn main() {}");
        // Text between blocks becomes its own paragraph.
        assert_eq!(md("intro<p>para</p>outro"), "intro\n\npara\n\noutro");
        // An open <p> ends where a block starts, as in browsers.
        assert_eq!(md("<p>a<p>b"), "a\n\nb");
        assert_eq!(md("<p>a<ul><li>b</li></ul>c</p>"), "a\n\n- b\n\nc");
    }

    #[test]
    fn links() {
        assert_eq!(
            md(r#"<p>See <a href="https://docs.aws.amazon.com/x.html">the guide</a>.</p>"#),
            "See [the guide](https://docs.aws.amazon.com/x.html)."
        );
        // Empty text, or the URL itself as text: an autolink.
        assert_eq!(md(r#"<a href="https://a.com/x"></a>"#), "<https://a.com/x>");
        assert_eq!(
            md(r#"a<a href="https://a.com/x"> </a>b"#),
            "a <https://a.com/x> b"
        );
        assert_eq!(
            md(r#"<a href="https://a.com/x_y">https://a.com/x_y</a>"#),
            "<https://a.com/x_y>"
        );
        assert_eq!(
            md(r#"<a href="mailto:me@example.com">mail me</a>"#),
            "[mail me](mailto:me@example.com)"
        );
        // Without an href, or with a relative one: just the text.
        assert_eq!(
            md("<a>CreateBucket</a> operation"),
            "CreateBucket operation"
        );
        assert_eq!(
            md(r#"<a href="API_Foo.html">Foo</a> and <a href="\#bar">bar</a>"#),
            "Foo and bar"
        );
        assert_eq!(md(r#"<a href="">x</a>"#), "x");
        // Spaces and parentheses in the URL are percent-encoded; entities decoded.
        assert_eq!(
            md(r#"<a href=" https://a.com/b c(d)?x=1&amp;y=2 ">t</a>"#),
            "[t](https://a.com/b%20c%28d%29?x=1&y=2)"
        );
        // Whitespace stays outside the brackets; link text is escaped and formatted.
        assert_eq!(
            md(r#"a<a href="https://a.com"> <code>Get</code> [x] <b>y</b> </a>b"#),
            "a [`Get` \\[x\\] **y**](https://a.com) b"
        );
        // No autolinks and no nested links inside link text.
        assert_eq!(
            md(r#"<a href="https://a.com">see https://b.com or <a href="https://c.com">c</a></a>"#),
            "[see https://b.com or c](https://a.com)"
        );
        // Unquoted and single-quoted attributes, other attributes ignored.
        assert_eq!(
            md("<a target=_blank href=https://a.com/>x</a>"),
            "[x](https://a.com/)"
        );
        assert_eq!(
            md("<a class='c' href='https://a.com'>x</a>"),
            "[x](https://a.com)"
        );
        // DocBook <ulink url="…">.
        assert_eq!(
            md(r#"<ulink url="https://a.com">x</ulink>"#),
            "[x](https://a.com)"
        );
    }

    #[test]
    fn code_spans() {
        assert_eq!(
            md("<p>Set <code>MaxResults</code> to 10.</p>"),
            "Set `MaxResults` to 10."
        );
        // Content is verbatim (no escapes), whitespace collapsed and trimmed.
        assert_eq!(
            md("<code> a_b *[c]* &lt;T&gt; \n x </code>"),
            "`a_b *[c]* <T> x`"
        );
        // The fence is longer than any backtick run inside; edge backticks get padding.
        assert_eq!(md("<code>a`b</code>"), "``a`b``");
        assert_eq!(md("<code>`a``</code>"), "``` `a`` ```");
        // Empty code renders nothing; surrounding spaces are kept once.
        assert_eq!(md("a <code></code>b<code> </code>c"), "a b c");
        // Tags inside code are dropped, their text kept.
        assert_eq!(
            md("<code>mem-3<u>.cfg</u>.com</code> <code><a>Foo</a></code>"),
            "`mem-3.cfg.com` `Foo`"
        );
        assert_eq!(md("a<code> x </code>b"), "a `x` b");
        assert_eq!(md("<tt>x</tt> <kbd>y</kbd> <samp>z</samp>"), "`x` `y` `z`");
    }

    #[test]
    fn emphasis() {
        assert_eq!(
            md("<b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em>"),
            "**bold** **strong** *it* *em*"
        );
        // Markers touch the text; surrounding whitespace moves outside.
        assert_eq!(md("a<b> bold </b>b<i>\nit </i>c"), "a **bold** b *it* c");
        // Empty emphasis is dropped.
        assert_eq!(md("a<b></b>b<i> </i>c<em><code></code></em>d"), "ab cd");
        // Nested emphasis of the same kind is flattened.
        assert_eq!(md("<b>a <strong>b</strong> <i>c</i></b>"), "**a b *c***");
        assert_eq!(md("<i>x <b>y</b></i>"), "*x **y***");
    }

    #[test]
    fn lists() {
        assert_eq!(
            md("<p>Either:</p><ul><li>a</li><li>b</li></ul><p>Done.</p>"),
            "Either:\n\n- a\n- b\n\nDone."
        );
        assert_eq!(
            md("<ol><li>first</li><li>second</li></ol>"),
            "1. first\n2. second"
        );
        // <p> inside <li> stays on the item's line.
        assert_eq!(
            md("<ul> <li> <p>a</p> </li> <li><p> b </p></li> </ul>"),
            "- a\n- b"
        );
        // Nested lists: indented to the parent's content (2 spaces per `- ` level).
        assert_eq!(
            md("<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>"),
            "- a\n  - b\n    - c\n- d"
        );
        assert_eq!(md("<ol><li>a<ul><li>b</li></ul></li></ol>"), "1. a\n   - b");
        // More paragraphs in an item: a blank line, then indented continuation.
        assert_eq!(
            md("<ul><li><p>a</p><p>b</p></li><li>c<ul><li>d</li></ul><p>e</p></li></ul>"),
            "- a\n\n  b\n- c\n  - d\n\n  e"
        );
        // Unclosed items, and content outside items.
        assert_eq!(md("<ul><li>a<li>b</ul>"), "- a\n- b");
        assert_eq!(md("<ul>x<li>a</li></ul>"), "- x\n- a");
        assert_eq!(md("<li>orphan</li>"), "- orphan");
        // Empty items are skipped; numbering counts the remaining ones.
        assert_eq!(
            md("<ol><li></li><li>a</li><li> </li><li>b</li></ol>"),
            "1. a\n2. b"
        );
        // Ten or more items: the continuation indent follows the marker width.
        let items: String = (1..=10).map(|i| format!("<li>{i}</li>")).collect();
        let out = md(&format!(
            "<ol>{}</ol>",
            items.replace("<li>10</li>", "<li>10<ul><li>x</li></ul></li>")
        ));
        assert!(out.ends_with("9. 9\n10. 10\n    - x"), "{out}");
        // Item text that looks like a marker is escaped.
        assert_eq!(
            md("<ul><li>- a</li><li>1. b</li></ul>"),
            "- \\- a\n- 1\\. b"
        );
    }

    #[test]
    fn code_blocks() {
        assert_eq!(
            md("<p>Example:</p><pre><code>{\n  \"a\": [1, 2],\n  \"b\": \"&lt;x&gt; &amp; *y*\"\n}\n</code></pre><p>After.</p>"),
            "Example:\n\n```text\n{\n  \"a\": [1, 2],\n  \"b\": \"<x> & *y*\"\n}\n```\n\nAfter."
        );
        // The newline right after <pre> is dropped; tags are stripped, <br> is a newline.
        assert_eq!(
            md("<pre>\n  <b>x</b><br>y  \n\n\n\nz\n\n</pre>"),
            "```text\n  x\ny\n\nz\n```"
        );
        // Backtick fences inside need a longer fence.
        assert_eq!(
            md("<pre>```rust\nx\n```</pre>"),
            "````text\n```rust\nx\n```\n````"
        );
        assert_eq!(md("<pre> \n </pre>"), "");
        // Tabs are expanded to 4-column stops.
        assert_eq!(md("<pre>\ta\n12\tb</pre>"), "```text\n    a\n12  b\n```");
        // Inside a list item, the block is indented with the item.
        assert_eq!(
            md("<ul><li>a<pre>x\n\n  y</pre></li></ul>"),
            "- a\n\n  ```text\n  x\n\n    y\n  ```"
        );
        // An open <p> ends at <pre>.
        assert_eq!(
            md("<p>Code: <pre><code>x</code></pre>"),
            "Code:\n\n```text\nx\n```"
        );
    }

    #[test]
    fn line_breaks() {
        // <br> is a hard line break (a trailing backslash) within the paragraph.
        assert_eq!(
            md("<p><b>Note</b><br>If set<br/>to 0.<br /></p>"),
            "**Note**\\\nIf set\\\nto 0."
        );
        // Two breaks in a row end the paragraph.
        assert_eq!(md("a<br><br> <br>b"), "a\n\nb");
        // Inside emphasis or links a break is a space.
        assert_eq!(md("<b>a<br>b</b>"), "**a b**");
        // Each line is escaped on its own.
        assert_eq!(md("a<br># b"), "a\\\n\\# b");
        // A stray </br> counts as <br>.
        assert_eq!(md("a</br>b"), "a\\\nb");
    }

    #[test]
    fn notes() {
        assert_eq!(
            md("<note><p>Be careful.</p><p>Really.</p></note>"),
            "**Note:** Be careful.\n\nReally."
        );
        assert_eq!(
            md("<p>x</p> <important> <p>Do not.</p> </important>"),
            "x\n\n**Important:** Do not."
        );
        assert_eq!(md("<note><ul><li>a</li></ul></note>"), "**Note:**\n\n- a");
        assert_eq!(
            md("<ul><li>a<note>n</note></li></ul>"),
            "- a\n\n  **Note:** n"
        );
    }

    #[test]
    fn definition_lists() {
        assert_eq!(
            md("<dl> <dt>code</dt> <dd> <p>Use a code grant.</p> </dd> <dt>implicit</dt> <dd>Issue directly.</dd> </dl>"),
            "- **code**\n\n  Use a code grant.\n- **implicit**\n\n  Issue directly."
        );
        // Unclosed terms and definitions, a definition without a term.
        assert_eq!(
            md("<dl><dd>lonely<dt>a_b<dd>x<dd>y</dl>"),
            "- lonely\n- **a\\_b**\n\n  x\n\n  y"
        );
    }

    #[test]
    fn headings_and_tables() {
        assert_eq!(md("<h2>Behavior</h2><p>Text.</p>"), "**Behavior**\n\nText.");
        assert_eq!(md("<h1> <b>Big</b> <i>one</i> </h1>"), "**Big *one***");
        assert_eq!(
            md("<table><tr><th>Scenario</th><th>Result</th></tr><tr><td>Delete</td><td>Replaces <b>all</b></td></tr></table>"),
            "- Scenario | Result\n- Delete | Replaces **all**"
        );
        assert_eq!(
            md("<table><tbody><tr><td>a<tr><td>b</tbody></table>"),
            "- a\n- b"
        );
    }

    #[test]
    fn unknown_and_transparent_tags() {
        assert_eq!(
            md("<fullname>Amazon S3</fullname><p>Storage.</p>"),
            "Amazon S3\n\nStorage."
        );
        assert_eq!(
            md("<p>Run <function>ec2-import</function> on <filename>/dev/sda1</filename>.</p>"),
            "Run ec2-import on /dev/sda1."
        );
        assert_eq!(
            md("<examples><p>e</p></examples><zonbook></zonbook><para/>x"),
            "e\n\nx"
        );
        assert_eq!(
            md("x<sup>2</sup> <span class=\"a\">y</span> <u>z</u>"),
            "x2 y z"
        );
        // Unknown tags that are never closed are placeholders in the text.
        assert_eq!(
            md("<p>arn:aws:kms:<region>:<account-id>:key/<uuid>.</p>"),
            "arn:aws:kms:\\<region\\>:\\<account-id\\>:key/\\<uuid\\>."
        );
        assert_eq!(md("Returns a List<String>."), "Returns a List\\<String\\>.");
        // DocBook <link linkend> keeps its text.
        assert_eq!(
            md(r#"the <link  linkend="Foo">Foo</link> operation"#),
            "the Foo operation"
        );
        // Comments, doctypes and processing instructions disappear.
        assert_eq!(
            md("a<!-- <p>hidden</p> -->b<!DOCTYPE html><?xml x?>c"),
            "abc"
        );
    }

    #[test]
    fn entities() {
        assert_eq!(md("&lt;&gt;&amp;&quot;&apos;&#39;"), "\\<\\>&\"''");
        assert_eq!(
            md("a&nbsp;b &#65;&#x42;&#X43; &#150;&#x96; &mdash;&hellip;&copy;"),
            "a b ABC –– —…©"
        );
        // Unknown or malformed entities stay literal; an `&` that could start
        // an entity again is escaped.
        assert_eq!(
            md("&bogus; &amp;lt; AT&T & Co &#xZZ;"),
            "\\&bogus; \\&lt; AT\\&T & Co \\&#xZZ;"
        );
        assert_eq!(md("&#0;&#xD800;&#x10FFFF0;"), "\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(
            md("<a href=\"https://a.com/?a=1&amp;b=2\">q</a>"),
            "[q](https://a.com/?a=1&b=2)"
        );
        // Separators become whitespace; control and bidi characters are dropped.
        assert_eq!(md("a&#x2028;b\u{202e}c\u{7}d&#x202E;e"), "a bcde");
    }

    #[test]
    fn escapes_plain_text() {
        assert_eq!(md("[foo] [Vec](x) <b"), "\\[foo\\] \\[Vec\\](x) \\<b");
        assert_eq!(
            md("a*b*c _d_ `e` \\f ~g~ h|i"),
            "a\\*b\\*c \\_d\\_ \\`e\\` \\\\f \\~g\\~ h|i"
        );
        assert_eq!(
            md("&lt;b&gt;not a tag&lt;/b&gt; a &lt; b"),
            "\\<b\\>not a tag\\</b\\> a \\< b"
        );
        assert_eq!(md("a < b and c > d, x<y"), "a \\< b and c \\> d, x\\<y");
    }

    #[test]
    fn escapes_line_starts() {
        for (html, expected) in [
            ("# not a heading", "\\# not a heading"),
            ("&gt; not a quote", "\\> not a quote"),
            ("- not a list", "\\- not a list"),
            ("+ not a list", "\\+ not a list"),
            ("=====", "\\====="),
            ("1. not a list", "1\\. not a list"),
            ("2019) not a list", "2019\\) not a list"),
            ("3.", "3\\."),
            ("2.5 seconds", "2.5 seconds"),
            ("1234567890. long", "1234567890. long"),
            ("* star", "\\* star"),
        ] {
            assert_eq!(md(&format!("<p>{html}</p>")), expected, "{html}");
        }
        // Only at the start of a line.
        assert_eq!(md("a # b - c 1. d"), "a # b - c 1. d");
        assert_eq!(md("<p> <b>-</b>x</p>"), "**-**x");
    }

    #[test]
    fn bare_urls() {
        assert_eq!(
            md("<p>See https://aws.amazon.com/s3/. Or (http://a.com/x_(y)), HTTPS://A.COM.</p>"),
            "See <https://aws.amazon.com/s3/>. Or (<http://a.com/x_(y)>), <HTTPS://A.COM>."
        );
        assert_eq!(
            md("url:https://a.com/p?q=1&amp;r=[2]"),
            "url:<https://a.com/p?q=1&r=[2]>"
        );
        assert_eq!(md("https://a.com/&lt;id&gt;"), "<https://a.com/>\\<id\\>");
        assert_eq!(
            md("the http:// and https:// prefixes"),
            "the http:// and https:// prefixes"
        );
        assert_eq!(md("https://é.example"), "<https://é.example>");
        // In code, no wrapping.
        assert_eq!(md("<code>https://a.com</code>"), "`https://a.com`");
    }

    #[test]
    fn malformed_html_does_not_panic() {
        for html in [
            "<p>unclosed <b>bold <i>italic",
            "</p></b></ul></li>stray</a></code>",
            "a < b <",
            "<",
            "<a href=\"https://a.com",
            "<a href='x>y</a>",
            "<p class=>x</p>",
            "<a =x>y</a>",
            "<!-- never closed",
            "<!doctype",
            "&#;&#x;&;&",
            "<ul><li><ol><li></ul>text</ol></li>",
            "<pre><code>unclosed",
            "<note><important><dl><dt>",
            "<table><td>cell",
            "<code>`</code>``<code>``</code>",
            "\u{0}\u{1}\r\n<p>\r</p>",
            "<p>ü<b>ß</b>&eacute;<é>😀</p>",
        ] {
            md(html);
        }
        // Every prefix of a real-looking document.
        let html = r#"<p>Hi <a href="https://a.com/x">x &amp; <code>y</code></a></p><ul><li><p>a</p><ul><li>b</li></ul></li></ul><pre>z</pre><note>n</note>"#;
        for (i, _) in html.char_indices() {
            md(&html[..i]);
        }
        // Deep nesting is bounded.
        md(&"<ul><li><b>".repeat(10_000));
        md(&"<div>".repeat(10_000));
    }

    #[test]
    fn unclosed_tags_close_at_the_end() {
        assert_eq!(md("<p>unclosed <b>bold"), "unclosed **bold**");
        assert_eq!(md("<p>a <b>b</p><p>c</b> d</p>"), "a **b**\n\nc d");
        assert_eq!(md("</p>x</b>y"), "xy");
    }

    #[test]
    fn real_aws_documentation() {
        let html = "<p>Specify a status to filter for batch inference jobs whose statuses match the string you specify.</p> <p>The following statuses are possible:</p> <ul> <li> <p>Submitted – This job has been submitted to a queue for validation.</p> </li> <li> <p>Validating – This job is being validated for the requirements described in <a href=\"https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-data.html\">Format and upload your batch inference data</a>. The criteria include the following:</p> <ul> <li> <p>Your IAM service role has access to the Amazon S3 buckets containing your files.</p> </li> <li> <p>Note that validation doesn't check if the <code>modelInput</code> value matches.</p> </li> </ul> </li> </ul>";
        assert_eq!(
            html_to_markdown(html),
            [
                "Specify a status to filter for batch inference jobs whose statuses match the string you specify.",
                "",
                "The following statuses are possible:",
                "",
                "- Submitted – This job has been submitted to a queue for validation.",
                "- Validating – This job is being validated for the requirements described in [Format and upload your batch inference data](https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-data.html). The criteria include the following:",
                "  - Your IAM service role has access to the Amazon S3 buckets containing your files.",
                "  - Note that validation doesn't check if the `modelInput` value matches.",
            ]
        );

        let html = "<note> <p>This operation is not supported for directory buckets.</p> </note> <p>Sets the tag-set. For more information, see <a href=\"https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html\">Object Tagging</a>.</p> <p> <code>PutObjectTagging</code> has the following special errors:</p> <ul> <li> <p> <i>Code: InvalidTagError </i> </p> </li> <li> <p> <i>Cause: The tag provided was not a valid tag.</i> </p> </li> </ul> <p>The following operations are related to <code>PutObjectTagging</code>:</p> <ul> <li> <p> <a href=\"https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html\">GetObjectTagging</a> </p> </li> </ul>";
        assert_eq!(
            md(html),
            "**Note:** This operation is not supported for directory buckets.\n\n\
             Sets the tag-set. For more information, see [Object Tagging](https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html).\n\n\
             `PutObjectTagging` has the following special errors:\n\n\
             - *Code: InvalidTagError*\n\
             - *Cause: The tag provided was not a valid tag.*\n\n\
             The following operations are related to `PutObjectTagging`:\n\n\
             - [GetObjectTagging](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html)"
        );

        let html = "<p><fullname>Certificate Manager</fullname> <p>You can use ACM to manage SSL/TLS certificates. See the <a href=\"https://docs.aws.amazon.com/acm/latest/userguide/\">Certificate Manager User Guide</a>.</p></p>";
        assert_eq!(
            md(html),
            "Certificate Manager\n\nYou can use ACM to manage SSL/TLS certificates. See the [Certificate Manager User Guide](https://docs.aws.amazon.com/acm/latest/userguide/)."
        );
    }
}

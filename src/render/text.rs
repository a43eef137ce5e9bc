//! Markdown as Discord shows it, for the CLI and the REPL.

use crate::reply::Reply;

/// The reply as Markdown text: title, description, fields, then the footer
/// and how to reach the other pages.
pub fn render(r: &Reply) -> String {
    render_with(r, true)
}

/// The reply as `render` gives it, for a picture already written to a file
/// (`pactbot ask --out`): without the line on how to save the picture,
/// which would only repeat what was just done.
pub fn render_picture_saved(r: &Reply) -> String {
    render_with(r, false)
}

fn render_with(r: &Reply, picture_line: bool) -> String {
    let s = r.lang.strings();
    let mut out = format!("**{}**\n", r.title);
    if !r.description.is_empty() {
        out.push_str(&r.description);
        out.push('\n');
    }
    for f in &r.fields {
        // A section split into several embed fields reads as one in text.
        if f.continued {
            out.push_str(&format!("{}\n", f.value));
        } else {
            out.push_str(&format!("\n**{}**\n{}\n", f.name, f.value));
        }
    }
    out.push_str(&format!("\n_{}_\n", r.footer));
    if let Some(i) = r.image.as_ref().filter(|_| picture_line) {
        let kib = i.byte_len().div_ceil(1024);
        out.push_str(&format!(
            "{}\n",
            (s.picture)(&i.file_name, i.width, i.height, kib)
        ));
    }
    if let Some(p) = &r.page {
        if let Some(next) = &p.next {
            out.push_str(&format!("{} `{next}`\n", s.next_page));
        }
        if let Some(prev) = &p.prev {
            out.push_str(&format!("{} `{prev}`\n", s.previous_page));
        }
    }
    out
}

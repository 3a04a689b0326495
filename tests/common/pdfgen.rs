//! A minimal PDF writer for the reader tests: pages of positioned text lines in the standard
//! Helvetica fonts (WinAnsi encoding, so German umlauts are single bytes), with the `fi` and `fl`
//! ligature glyphs on codes 1 and 2, optional Flate compression, an info dictionary and an
//! optional encryption dictionary. Only what the tests need; not a general PDF library.

#![allow(dead_code)]

use std::io::Write;

/// One line of text on a page.
pub struct Line {
    /// Left edge in points.
    pub x: f32,
    /// Baseline in points from the bottom of the page.
    pub y: f32,
    /// Font size in points.
    pub size: f32,
    /// Bold (Helvetica-Bold) instead of Helvetica.
    pub bold: bool,
    /// The text; `ﬁ`/`ﬂ` are written with the ligature glyphs.
    pub text: String,
}

/// The info dictionary's entries.
#[derive(Default)]
pub struct Info {
    /// `/Title`.
    pub title: Option<String>,
    /// `/CreationDate` as a PDF date string (`D:20241119101500+01'00'`).
    pub created: Option<String>,
    /// `/ModDate`.
    pub modified: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
}

/// How to write the file.
#[derive(Default)]
pub struct Options {
    /// Compress content streams with Flate.
    pub compress: bool,
    /// Add an `/Encrypt` dictionary to the trailer (the content stays readable bytes, as a
    /// broken or unsupported encryption would look to a reader).
    pub encrypt: bool,
    /// Pages without any text operator (an image-only scan stand-in).
    pub scanned: bool,
    /// Write each page's lines row by row across the columns (top to bottom, left to right),
    /// as some layout programs do, instead of column by column.
    pub row_order: bool,
}

/// WinAnsi bytes of `text`, with the ligatures on codes 1 and 2, escaped for a PDF string.
fn pdf_string(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.chars() {
        let b: u8 = match c {
            'ﬁ' => 1,
            'ﬂ' => 2,
            '–' => 0x96,
            '„' => 0x84,
            '“' => 0x93,
            '”' => 0x94,
            '’' => 0x92,
            '€' => 0x80,
            c if (c as u32) < 256 => c as u32 as u8,
            _ => b'?',
        };
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

/// A literal PDF text string for the info dictionary (PDFDocEncoding ≈ Latin-1 here).
fn info_string(text: &str) -> Vec<u8> {
    let mut out = b"(".to_vec();
    out.extend(pdf_string(text));
    out.push(b')');
    out
}

/// The content stream of one page.
fn content(lines: &[&Line], scanned: bool) -> Vec<u8> {
    let mut s = Vec::new();
    if scanned {
        // A grey rectangle where a scanned image would be: graphics, no text.
        s.extend_from_slice(b"0.8 g 50 50 495 742 re f\n");
        return s;
    }
    for l in lines {
        let font = if l.bold { "F2" } else { "F1" };
        s.extend_from_slice(format!("BT /{font} {} Tf {} {} Td (", l.size, l.x, l.y).as_bytes());
        s.extend(pdf_string(&l.text));
        s.extend_from_slice(b") Tj ET\n");
    }
    s
}

/// Writes a PDF with one page per entry of `pages` (A4 portrait).
pub fn write_pdf(pages: &[Vec<Line>], info: &Info, opts: &Options) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    // 1: catalog, 2: pages, 3: font F1, 4: font F2, 5: info, then per page: page, content.
    let n = pages.len();
    let page_ids: Vec<usize> = (0..n).map(|i| 6 + 2 * i).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    let encoding = "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >>";
    objects.push(
        format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {encoding} >>")
            .into_bytes(),
    );
    objects.push(
        format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding {encoding} >>")
            .into_bytes(),
    );
    let mut info_dict = b"<<".to_vec();
    for (key, value) in [
        ("Title", &info.title),
        ("Author", &info.author),
        ("CreationDate", &info.created),
        ("ModDate", &info.modified),
    ] {
        if let Some(v) = value {
            info_dict.extend_from_slice(format!(" /{key} ").as_bytes());
            info_dict.extend(info_string(v));
        }
    }
    info_dict.extend_from_slice(b" >>");
    objects.push(info_dict);
    for (i, lines) in pages.iter().enumerate() {
        let content_id = page_ids[i] + 1;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_id} 0 R >>"
            )
            .into_bytes(),
        );
        let mut ordered: Vec<&Line> = lines.iter().collect();
        if opts.row_order {
            ordered.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        }
        let raw = content(&ordered, opts.scanned);
        let mut stream = Vec::new();
        if opts.compress {
            let mut enc =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(&raw).expect("compress");
            let data = enc.finish().expect("compress");
            stream.extend_from_slice(
                format!(
                    "<< /Length {} /Filter /FlateDecode >>\nstream\n",
                    data.len()
                )
                .as_bytes(),
            );
            stream.extend(data);
        } else {
            stream.extend_from_slice(format!("<< /Length {} >>\nstream\n", raw.len()).as_bytes());
            stream.extend(raw);
        }
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    let mut encrypt_id = None;
    if opts.encrypt {
        objects.push(
            b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -1028 \
              /O <0000000000000000000000000000000000000000000000000000000000000000> \
              /U <0000000000000000000000000000000000000000000000000000000000000000> >>"
                .to_vec(),
        );
        encrypt_id = Some(objects.len());
    }

    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(obj);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    let encrypt = encrypt_id
        .map(|id| format!(" /Encrypt {id} 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]"))
        .unwrap_or_default();
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R{encrypt} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Lays out columns of text: each column is a list of lines (an empty line is a paragraph
/// break) starting at `top`, 12.5 pt apart, at left edge `x`.
pub fn column(x: f32, top: f32, size: f32, lines: &[&str]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut y = top;
    for text in lines {
        if text.is_empty() {
            y -= 6.0;
            continue;
        }
        out.push(Line {
            x,
            y,
            size,
            bold: false,
            text: (*text).to_string(),
        });
        y -= size * 1.25;
    }
    out
}

/// The two-column German test document: a title across both columns, a heading, hyphenated
/// line ends, umlauts and ligatures, a running header and page numbers on two pages.
pub fn german_two_columns(opts: &Options) -> Vec<u8> {
    let header = |page: usize| {
        vec![
            Line {
                x: 56.0,
                y: 806.0,
                size: 8.0,
                bold: false,
                text: "Deutscher Bundestag – Ausschuss für Verteidigung".to_string(),
            },
            Line {
                x: 290.0,
                y: 30.0,
                size: 9.0,
                bold: false,
                text: format!("– {page} –"),
            },
        ]
    };
    let mut page1 = header(1);
    page1.push(Line {
        x: 56.0,
        y: 760.0,
        size: 16.0,
        bold: true,
        text: "Bericht über den Verteidigungsvertrag".to_string(),
    });
    page1.push(Line {
        x: 56.0,
        y: 738.0,
        size: 9.0,
        bold: false,
        text: "Berlin, 19. November 2024".to_string(),
    });
    page1.extend(column(
        56.0,
        700.0,
        10.0,
        &[
            "Der Ausschuss hat am Montag über den",
            "neuen Verteidi-",
            "gungsvertrag beraten. Die Abgeord-",
            "neten prüften die Unterlagen sorgfältig",
            "und äußerten Zweifel an der Finanzierung.",
            "",
            "Der Oberst erklärte, die ﬂexible Planung",
            "sei ein Erfolg. Über die Kosten von rund",
            "zwölf Millionen Euro wurde ausführlich",
            "gesprochen.",
        ],
    ));
    page1.push(Line {
        x: 310.0,
        y: 712.0,
        size: 12.0,
        bold: true,
        text: "Finanzielle Folgen".to_string(),
    });
    page1.extend(column(
        310.0,
        694.0,
        10.0,
        &[
            "Die Bundesregierung soll bis zum Früh-",
            "jahr einen Haushaltsentwurf vorlegen.",
            "Das Ministerium rechnet mit höheren",
            "Ausgaben für die Ausbildung der Soldaten.",
            "",
            "Eine endgültige Entscheidung fällt im",
            "Plenum.",
        ],
    ));
    let mut page2 = header(2);
    page2.extend(column(
        56.0,
        760.0,
        10.0,
        &[
            "Im Anhang ﬁnden sich die Stellung-",
            "nahmen der Sachverständigen aus Köln",
            "und München.",
        ],
    ));
    write_pdf(
        &[page1, page2],
        &Info {
            title: Some("Bericht über den Verteidigungsvertrag".to_string()),
            created: Some("D:20241119101500+01'00'".to_string()),
            modified: Some("D:20241120090000+01'00'".to_string()),
            author: Some("Ausschusssekretariat".to_string()),
        },
        opts,
    )
}

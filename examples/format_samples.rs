//! Writes larger sample files of every new format into a folder, for `dossier bench` to measure
//! reading speed:
//!
//! ```text
//! cargo run --release --no-default-features --example format_samples -- /tmp/samples
//! dossier bench /tmp/samples/*
//! ```
//!
//! A 300-page two-column German PDF (compressed), a Word and an OpenDocument file of 4,000
//! paragraphs with headings and tables, an e-mail with that PDF attached, a mailbox of 2,000
//! mails, an NITF, a NewsML-G2 and a TimeML file of 2,000 paragraphs each.

#[path = "../tests/common/pdfgen.rs"]
mod pdfgen;

use std::io::Write;
use std::path::PathBuf;

const SENTENCES: &[&str] = &[
    "Der Ausschuss hat am Montag über den neuen Verteidigungsvertrag beraten.",
    "Die Abgeordneten prüften die Unterlagen sorgfältig und äußerten Zweifel an der Finanzierung.",
    "Kim Jong Un empfing den russischen Minister Alexander Kozlov in Pjöngjang.",
    "Über die Kosten von rund zwölf Millionen Euro wurde ausführlich gesprochen.",
    "Die Bundesregierung soll bis zum Frühjahr einen Haushaltsentwurf vorlegen.",
];

fn paragraph(i: usize) -> String {
    (0..4)
        .map(|k| SENTENCES[(i + k) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn zip(entries: &[(&str, String)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        for (name, content) in entries {
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            w.start_file(*name, opts).expect("zip entry");
            w.write_all(content.as_bytes()).expect("zip write");
        }
        w.finish().expect("zip finish");
    }
    out.into_inner()
}

fn pdf() -> Vec<u8> {
    let mut pages = Vec::new();
    let mut n = 0;
    for page in 0..300 {
        let mut lines = vec![pdfgen::Line {
            x: 290.0,
            y: 30.0,
            size: 9.0,
            bold: false,
            text: format!("– {} –", page + 1),
        }];
        for col in 0..2 {
            let x = if col == 0 { 56.0 } else { 310.0 };
            let mut y = 780.0;
            while y > 60.0 {
                let words: Vec<&str> = SENTENCES[n % SENTENCES.len()].split(' ').collect();
                n += 1;
                for chunk in words.chunks(5) {
                    lines.push(pdfgen::Line {
                        x,
                        y,
                        size: 10.0,
                        bold: false,
                        text: chunk.join(" "),
                    });
                    y -= 12.5;
                }
                y -= 6.0;
            }
        }
        pages.push(lines);
    }
    pdfgen::write_pdf(
        &pages,
        &pdfgen::Info {
            title: Some("Bericht".to_string()),
            created: Some("D:20241119101500+01'00'".to_string()),
            ..Default::default()
        },
        &pdfgen::Options {
            compress: true,
            ..Default::default()
        },
    )
}

fn docx() -> Vec<u8> {
    let mut body = String::new();
    for i in 0..4000 {
        if i % 40 == 0 {
            body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Abschnitt {i}</w:t></w:r></w:p>"
            ));
        }
        if i % 100 == 50 {
            body.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Posten</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Betrag</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
        }
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            paragraph(i)
        ));
    }
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    zip(&[
        (
            "word/document.xml",
            format!("<?xml version=\"1.0\"?><w:document {w}><w:body>{body}</w:body></w:document>"),
        ),
        (
            "word/styles.xml",
            format!(
                "<w:styles {w}><w:style w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"
            ),
        ),
    ])
}

fn odt() -> Vec<u8> {
    let mut body = String::new();
    for i in 0..4000 {
        if i % 40 == 0 {
            body.push_str(&format!(
                "<text:h text:outline-level=\"1\">Abschnitt {i}</text:h>"
            ));
        }
        body.push_str(&format!("<text:p>{}</text:p>", paragraph(i)));
    }
    zip(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.text".to_string(),
        ),
        (
            "content.xml",
            format!(
                "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>{body}</office:text></office:body></office:document-content>"
            ),
        ),
    ])
}

fn mail(i: usize) -> String {
    format!(
        "From: Anna <anna@beispiel.org>\nTo: redaktion@beispiel.org\nSubject: Meldung {i}\nDate: Mon, 18 Nov 2024 09:12:00 +0100\nMessage-ID: <m{i}@beispiel.org>\nContent-Type: text/plain; charset=UTF-8\n\n{}\n\n{}\n\n> {}\n",
        paragraph(i),
        paragraph(i + 1),
        paragraph(i + 2)
    )
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "format-samples".to_string()),
    );
    std::fs::create_dir_all(&dir).expect("create folder");
    let pdf = pdf();
    std::fs::write(dir.join("bericht.pdf"), &pdf).expect("write");
    std::fs::write(dir.join("protokoll.docx"), docx()).expect("write");
    std::fs::write(dir.join("protokoll.odt"), odt()).expect("write");
    let mut mbox = String::new();
    for i in 0..2000 {
        mbox.push_str("From anna@beispiel.org Mon Nov 18 09:12:00 2024\n");
        mbox.push_str(&mail(i));
        mbox.push('\n');
    }
    std::fs::write(dir.join("postfach.mbox"), mbox).expect("write");
    let mut b64 = String::new();
    {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (i, c) in pdf.chunks(3).enumerate() {
            if i > 0 && i % 19 == 0 {
                b64.push('\n');
            }
            let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for k in 0..4 {
                b64.push(if k <= c.len() {
                    A[((n >> (18 - 6 * k)) & 63) as usize] as char
                } else {
                    '='
                });
            }
        }
    }
    let eml = format!(
        "From: Anna <anna@beispiel.org>\nTo: redaktion@beispiel.org\nSubject: Bericht\nDate: Mon, 18 Nov 2024 09:12:00 +0100\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=UTF-8\n\n{}\n--b\nContent-Type: application/pdf; name=\"bericht.pdf\"\nContent-Disposition: attachment; filename=\"bericht.pdf\"\nContent-Transfer-Encoding: base64\n\n{b64}\n--b--\n",
        paragraph(0)
    );
    std::fs::write(dir.join("bericht.eml"), eml).expect("write");
    let paras: String = (0..2000)
        .map(|i| format!("<p>{}</p>\n", paragraph(i)))
        .collect();
    std::fs::write(
        dir.join("meldung.nitf"),
        format!("<?xml version=\"1.0\"?><nitf><head><docdata><date.issue norm=\"20241119T101500+0100\"/></docdata></head><body><body.head><hedline><hl1>Meldung</hl1></hedline></body.head><body.content>{paras}</body.content></body></nitf>"),
    )
    .expect("write");
    std::fs::write(
        dir.join("meldung.newsml"),
        format!("<?xml version=\"1.0\"?><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"g\"><contentMeta><contentCreated>2024-11-18T16:00:00+01:00</contentCreated><headline>Meldung</headline></contentMeta><contentSet><inlineXML><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>{paras}</body></html></inlineXML></contentSet></newsItem>"),
    )
    .expect("write");
    let text: String = (0..2000)
        .map(|i| {
            format!(
                "A delegation <EVENT eid=\"e{i}\" class=\"OCCURRENCE\">arrived</EVENT> <TIMEX3 tid=\"t{i}\" type=\"DATE\" value=\"2024-11-18\">on Monday</TIMEX3>. {}\n\n",
                paragraph(i)
            )
        })
        .collect();
    std::fs::write(
        dir.join("meldung.tml"),
        format!("<?xml version=\"1.0\" ?><TimeML><DOCID>d</DOCID><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2024-11-19\">x</TIMEX3></DCT><TEXT>{text}</TEXT></TimeML>"),
    )
    .expect("write");
    println!("wrote samples to {}", dir.display());
}

//! Integration tests of the readers for PDF, DOCX, ODT, e-mail, mbox, NITF, NewsML-G2, TimeML
//! and other XML: the files the tests make themselves or the small originals in `tests/data/`,
//! each with its expected title, date, headings and text; and the bad input of issue #17
//! (encrypted and broken PDFs, zips that are not documents, zip bombs, an oversized mailbox
//! message, external entities, wrong extensions).

#[path = "common/pdfgen.rs"]
mod pdfgen;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dossier::document::{
    Format, ReadError, ReadOptions, read_bytes, read_path, read_path_streaming,
};
use dossier::model::{DctSource, Document, Lang};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn one(bytes: &[u8], format: Format) -> Document {
    let mut docs = read_bytes(bytes, format, None, &ReadOptions::new())
        .unwrap_or_else(|e| panic!("{}: {e}", format.name()));
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.paragraphs.iter().map(|p| p.slice(&doc.text)).collect()
}

fn headings(doc: &Document) -> Vec<&str> {
    doc.headings.iter().map(|h| h.text.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// PDF

const PDF_PARAGRAPHS: [&str; 5] = [
    "Der Ausschuss hat am Montag über den neuen Verteidigungsvertrag beraten. Die Abgeordneten prüften die Unterlagen sorgfältig und äußerten Zweifel an der Finanzierung.",
    "Der Oberst erklärte, die flexible Planung sei ein Erfolg. Über die Kosten von rund zwölf Millionen Euro wurde ausführlich gesprochen.",
    "Die Bundesregierung soll bis zum Frühjahr einen Haushaltsentwurf vorlegen. Das Ministerium rechnet mit höheren Ausgaben für die Ausbildung der Soldaten.",
    "Eine endgültige Entscheidung fällt im Plenum.",
    "Im Anhang finden sich die Stellungnahmen der Sachverständigen aus Köln und München.",
];

#[test]
fn pdf_two_columns_german() {
    for (compress, row_order) in [(true, false), (false, false), (true, true)] {
        let bytes = pdfgen::german_two_columns(&pdfgen::Options {
            compress,
            row_order,
            ..Default::default()
        });
        let doc = one(&bytes, Format::Pdf);
        let label = format!("compress {compress}, row order {row_order}");
        assert_eq!(
            doc.title, "Bericht über den Verteidigungsvertrag",
            "{label}"
        );
        assert_eq!(paragraphs(&doc), PDF_PARAGRAPHS, "{label}");
        assert_eq!(headings(&doc), ["Finanzielle Folgen"], "{label}");
        assert_eq!(doc.headings[0].offset, doc.paragraphs[2].start, "{label}");
        assert_eq!(
            doc.dct.map(|d| (d.date, d.source)),
            Some((date(2024, 11, 19), DctSource::Metadata))
        );
        assert_eq!(
            doc.metadata.get("author").map(String::as_str),
            Some("Ausschusssekretariat")
        );
        assert_eq!(doc.metadata.get("pages").map(String::as_str), Some("2"));
        assert!(!doc.text.contains("Deutscher Bundestag"), "running header");
        assert!(!doc.text.contains("– 1 –"), "page number");
        assert_eq!(doc.language, Lang::De);
    }
}

#[test]
fn pdf_bad_input() {
    // A scan: pages without text.
    let scan = pdfgen::german_two_columns(&pdfgen::Options {
        scanned: true,
        ..Default::default()
    });
    let err = read_bytes(&scan, Format::Pdf, None, &ReadOptions::new()).unwrap_err();
    assert!(matches!(err, ReadError::NoTextLayer { pages: 2 }), "{err}");
    assert_eq!(
        err.to_string(),
        "no text layer: 2 pages (a scan? run OCR on it first)"
    );
    // Encrypted with a password Dossier does not have.
    let enc = pdfgen::german_two_columns(&pdfgen::Options {
        encrypt: true,
        ..Default::default()
    });
    let err = read_bytes(&enc, Format::Pdf, None, &ReadOptions::new()).unwrap_err();
    assert!(
        matches!(err, ReadError::Encrypted(_) | ReadError::Pdf(_)),
        "{err}"
    );
    // Broken: truncated, or garbage after the header.
    let good = pdfgen::german_two_columns(&pdfgen::Options::default());
    for bad in [
        &good[..good.len() / 3],
        &b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj garbage"[..],
        &b"%PDF-"[..],
    ] {
        let err = read_bytes(bad, Format::Pdf, None, &ReadOptions::new());
        assert!(err.is_err() || err.is_ok_and(|d| !d.is_empty()));
    }
}

// ---------------------------------------------------------------------------------------------
// DOCX and ODT

fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
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

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn docx_bytes() -> Vec<u8> {
    let p = |style: Option<&str>, text: &str| {
        let ppr = style
            .map(|s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"))
            .unwrap_or_default();
        format!("<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let list = |text: &str| {
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Listenabsatz\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    };
    let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {W}><w:body>{}{}{}<w:p><w:r><w:t xml:space=\"preserve\">Der Vertrag wurde </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>unterzeich</w:t></w:r><w:r><w:t>net.</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r><w:del><w:r><w:delText>gestrichen</w:delText></w:r></w:del></w:p>{}{}{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:sectPr/></w:body></w:document>",
        p(Some("Titel"), "Protokoll der Sitzung"),
        p(Some("berschrift1"), "Verlauf"),
        p(None, "Die Sitzung begann um 10 Uhr."),
        list("Erster Punkt"),
        list("Zweiter Punkt"),
        p(Some("berschrift2"), "Zahlen"),
        cell("Posten"),
        cell("Betrag"),
        cell("Reisen"),
        cell("1200 Euro"),
    );
    let styles = format!(
        "<?xml version=\"1.0\"?><w:styles {W}>\
         <w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"berschrift2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"berschrift1\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Listenabsatz\"><w:name w:val=\"List Paragraph\"/></w:style>\
         </w:styles>"
    );
    let footnotes = format!(
        "<?xml version=\"1.0\"?><w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id=\"1\"><w:p><w:r><w:t>Laut Protokoll.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    );
    let core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>Protokoll</dc:title><dc:creator>Erika Beispiel</dc:creator><dcterms:created>2024-11-19T10:15:00Z</dcterms:created><dcterms:modified>2024-11-20T08:00:00Z</dcterms:modified></cp:coreProperties>";
    zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("word/footnotes.xml", &footnotes),
        ("docProps/core.xml", core),
    ])
}

fn odt_bytes() -> Vec<u8> {
    let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\">\
<office:automatic-styles><style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Title\"/></office:automatic-styles>\
<office:body><office:text>\
<text:sequence-decls/>\
<text:p text:style-name=\"P1\">Protokoll der Sitzung</text:p>\
<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Verlauf</text:h>\
<text:p text:style-name=\"Text_20_body\">Die Sitzung<text:s/>begann um 10 Uhr.</text:p>\
<text:p text:style-name=\"Text_20_body\">Der Vertrag wurde <text:span text:style-name=\"T1\">unterzeich</text:span>net.<text:note text:id=\"ftn1\" text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body><text:p>Laut Protokoll.</text:p></text:note-body></text:note></text:p>\
<text:list><text:list-item><text:p>Erster Punkt</text:p></text:list-item><text:list-item><text:p>Zweiter Punkt</text:p></text:list-item></text:list>\
<text:h text:outline-level=\"2\">Zahlen</text:h>\
<table:table table:name=\"T\"><table:table-column/><table:table-row><table:table-cell><text:p>Posten</text:p></table:table-cell><table:table-cell><text:p>Betrag</text:p></table:table-cell></table:table-row>\
<table:table-row><table:table-cell><text:p>Reisen</text:p></table:table-cell><table:table-cell><text:p>1200 Euro</text:p></table:table-cell></table:table-row></table:table>\
</office:text></office:body></office:document-content>";
    let meta = "<?xml version=\"1.0\"?><office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta><dc:title>Protokoll</dc:title><meta:initial-creator>Erika Beispiel</meta:initial-creator><meta:creation-date>2024-11-19T10:15:00</meta:creation-date><dc:date>2024-11-20T08:00:00</dc:date><dc:language>de-DE</dc:language></office:meta></office:document-meta>";
    zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
        ("meta.xml", meta),
        (
            "META-INF/manifest.xml",
            "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>",
        ),
    ])
}

fn check_office(doc: &Document, label: &str) {
    assert_eq!(doc.title, "Protokoll der Sitzung", "{label}");
    assert_eq!(headings(doc), ["Verlauf", "Zahlen"], "{label}");
    assert_eq!(
        doc.headings.iter().map(|h| h.level).collect::<Vec<_>>(),
        [1, 2],
        "{label}"
    );
    assert_eq!(
        paragraphs(doc),
        [
            "Die Sitzung begann um 10 Uhr.",
            "Der Vertrag wurde unterzeichnet.[1]",
            "Erster Punkt",
            "Zweiter Punkt",
            "Posten | Betrag",
            "Reisen | 1200 Euro",
            "[1] Laut Protokoll.",
        ],
        "{label}"
    );
    assert_eq!(doc.headings[1].offset, doc.paragraphs[4].start, "{label}");
    assert_eq!(doc.metadata.get("footnotes").map(String::as_str), Some("6"));
    assert_eq!(
        doc.metadata.get("author").map(String::as_str),
        Some("Erika Beispiel")
    );
    assert_eq!(
        doc.dct.map(|d| (d.date, d.source)),
        Some((date(2024, 11, 19), DctSource::Metadata)),
        "{label}"
    );
    assert!(
        doc.metadata
            .get("modified")
            .is_some_and(|m| m.starts_with("2024-11-20"))
    );
}

#[test]
fn docx_and_odt() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("protokoll.docx");
    fs::write(&docx, docx_bytes()).unwrap();
    let docs = read_path(&docx, &ReadOptions::new()).unwrap();
    check_office(&docs[0], "docx");
    let odt = dir.path().join("protokoll.odt");
    fs::write(&odt, odt_bytes()).unwrap();
    let docs = read_path(&odt, &ReadOptions::new()).unwrap();
    check_office(&docs[0], "odt");
    // Under the wrong extension, each is still read for what it is.
    let swapped = dir.path().join("vertauscht.odt");
    fs::write(&swapped, docx_bytes()).unwrap();
    check_office(
        &read_path(&swapped, &ReadOptions::new()).unwrap()[0],
        "docx as odt",
    );
}

#[test]
fn zips_that_are_not_documents() {
    let opts = ReadOptions::new().max_bytes(1 << 20);
    // An ordinary archive.
    let plain = zip(&[("notizen.txt", "Hallo")]);
    let err = read_bytes(&plain, Format::Docx, None, &opts).unwrap_err();
    assert!(err.to_string().contains("not a document"), "{err}");
    // A spreadsheet is OpenDocument, but not text.
    let ods = zip(&[("mimetype", "application/vnd.oasis.opendocument.spreadsheet")]);
    assert!(read_bytes(&ods, Format::Odt, None, &opts).is_err());
    // A zip bomb: word/document.xml unpacks to far more than the cap (16 MiB for a 1 MiB
    // limit) from a few kilobytes.
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("word/document.xml", o).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..40 {
            w.write_all(&block).unwrap();
        }
        w.finish().unwrap();
    }
    let bomb = out.into_inner();
    assert!(bomb.len() < 1 << 20);
    let err = read_bytes(&bomb, Format::Docx, None, &opts).unwrap_err();
    assert!(err.to_string().contains("zip bomb"), "{err}");
    // Too many entries.
    let mut many: Vec<(String, String)> = (0..10_001)
        .map(|i| (format!("f{i}"), String::new()))
        .collect();
    many.push(("word/document.xml".to_string(), "<w:document/>".to_string()));
    let many_refs: Vec<(&str, &str)> = many.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let err = read_bytes(&zip(&many_refs), Format::Docx, None, &ReadOptions::new()).unwrap_err();
    assert!(err.to_string().contains("entries"), "{err}");
    // Broken archive.
    let mut broken = docx_bytes();
    broken.truncate(broken.len() / 2);
    assert!(read_bytes(&broken, Format::Docx, None, &opts).is_err());
}

// ---------------------------------------------------------------------------------------------
// E-mail

fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn mail_with_pdf() -> Vec<u8> {
    let pdf = pdfgen::german_two_columns(&pdfgen::Options {
        compress: true,
        ..Default::default()
    });
    format!(
        "From: Erika Beispiel <erika@beispiel.org>\r\n\
To: Redaktion <redaktion@beispiel.org>, Max Muster <max@beispiel.org>\r\n\
Cc: archiv@beispiel.org\r\n\
Subject: =?UTF-8?Q?Bericht_=C3=BCber_den_Vertrag?=\r\n\
Date: Tue, 19 Nov 2024 23:30:00 +0100\r\n\
Message-ID: <bericht-1@beispiel.org>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"teil\"\r\n\
\r\n\
--teil\r\n\
Content-Type: multipart/alternative; boundary=\"alt\"\r\n\
\r\n\
--alt\r\n\
Content-Type: text/plain; charset=UTF-8\r\n\
Content-Transfer-Encoding: 8bit\r\n\
\r\n\
Hallo Max,\r\n\
anbei der Bericht des Ausschusses.\r\n\
\r\n\
Am 19.11.2024 um 18:00 schrieb Max Muster:\r\n\
> Hast du den Bericht?\r\n\
\r\n\
--alt\r\n\
Content-Type: text/html; charset=UTF-8\r\n\
\r\n\
<p>HTML-Fassung, die nicht gelesen wird.</p>\r\n\
--alt--\r\n\
--teil\r\n\
Content-Type: application/pdf; name=\"bericht.pdf\"\r\n\
Content-Disposition: attachment; filename=\"bericht.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
{}\r\n\
--teil\r\n\
Content-Type: image/png; name=\"logo.png\"\r\n\
Content-Disposition: attachment; filename=\"logo.png\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
iVBORw0KGgo=\r\n\
--teil--\r\n",
        base64(&pdf)
    )
    .into_bytes()
}

#[test]
fn email_with_pdf_attachment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bericht.eml");
    fs::write(&path, mail_with_pdf()).unwrap();
    let docs = read_path(&path, &ReadOptions::new()).unwrap();
    assert_eq!(
        docs.len(),
        2,
        "{:?}",
        docs.iter().map(|d| &d.title).collect::<Vec<_>>()
    );
    let mail = &docs[0];
    assert_eq!(mail.title, "Bericht über den Vertrag");
    assert_eq!(
        mail.dct.map(|d| (d.date, d.source)),
        Some((date(2024, 11, 19), DctSource::Metadata))
    );
    assert_eq!(
        paragraphs(mail),
        [
            "Hallo Max, anbei der Bericht des Ausschusses.",
            "Am 19.11.2024 um 18:00 schrieb Max Muster:",
            "Hast du den Bericht?"
        ]
    );
    assert_eq!(
        mail.metadata.get("quoted").map(String::as_str),
        Some("1, 2")
    );
    let meta = |k: &str| mail.metadata.get(k).map(String::as_str);
    assert_eq!(meta("from"), Some("Erika Beispiel <erika@beispiel.org>"));
    assert_eq!(
        meta("to"),
        Some("Redaktion <redaktion@beispiel.org>, Max Muster <max@beispiel.org>")
    );
    assert_eq!(meta("cc"), Some("archiv@beispiel.org"));
    assert_eq!(meta("attachments"), Some("bericht.pdf, logo.png"));
    let pdf = &docs[1];
    assert_eq!(pdf.title, "Bericht über den Verteidigungsvertrag");
    assert_eq!(paragraphs(pdf), PDF_PARAGRAPHS);
    assert_eq!(
        pdf.metadata.get("attachment").map(String::as_str),
        Some("bericht.pdf")
    );
    assert_eq!(
        pdf.metadata.get("attached to").map(String::as_str),
        Some("Bericht über den Vertrag")
    );
    assert_eq!(
        pdf.metadata
            .get("attached to message-id")
            .map(String::as_str),
        Some("bericht-1@beispiel.org")
    );
    assert_eq!(pdf.path.as_deref(), Some(path.as_path()));
}

#[test]
fn mbox_of_three_mails() {
    let path = data("postfach.mbox");
    let docs = read_path(&path, &ReadOptions::new()).unwrap();
    let titles: Vec<&str> = docs.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Delegation in Pjöngjang",
            "Re: Delegation in Pjongjang",
            "Einladung zur Pressekonferenz"
        ]
    );
    let dates: Vec<NaiveDate> = docs.iter().filter_map(|d| d.dct.map(|d| d.date)).collect();
    assert_eq!(
        dates,
        [date(2024, 11, 18), date(2024, 11, 18), date(2024, 11, 19)]
    );
    assert_eq!(
        paragraphs(&docs[0]),
        [
            "Hallo zusammen,",
            "die russische Delegation ist heute in Pjöngjang eingetroffen. Alexander Kozlov leitet sie.",
            "Anna"
        ]
    );
    assert_eq!(
        paragraphs(&docs[1]),
        [
            "Danke, ich schreibe die Meldung für morgen.",
            "Am 18.11.2024 um 09:12 schrieb Anna Beispiel:",
            "die russische Delegation ist heute in Pjöngjang eingetroffen. Alexander Kozlov leitet sie."
        ]
    );
    assert_eq!(
        docs[1].metadata.get("quoted").map(String::as_str),
        Some("1, 2")
    );
    assert_eq!(
        docs[1].metadata.get("cc").map(String::as_str),
        Some("Redaktion <redaktion@beispiel.org>")
    );
    // The third mail has only an HTML part.
    assert_eq!(
        docs[2].text,
        "Die Pressekonferenz beginnt am Mittwoch um 10 Uhr."
    );
    // Streaming reports progress up to the whole file.
    let mut seen = Vec::new();
    read_path_streaming(&path, &ReadOptions::new(), &mut |item, progress| {
        seen.push((item.is_ok(), progress));
        true
    })
    .unwrap();
    assert_eq!(seen.len(), 3);
    let last = seen[2].1;
    assert_eq!(last.bytes_read, last.total_bytes);
    assert_eq!(last.items, 3);
    assert!(seen[0].1.bytes_read < seen[1].1.bytes_read);
}

#[test]
fn mbox_larger_than_the_limit_reads_message_by_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gross.mbox");
    let small = |n: usize| {
        format!(
            "From a@b Mon Nov 18 09:00:00 2024\nFrom: a@b\nSubject: Mail {n}\nDate: Mon, 18 Nov 2024 09:00:00 +0100\n\nText {n}.\n\n"
        )
    };
    let mut mbox = small(1);
    mbox.push_str(&format!(
        "From a@b Mon Nov 18 09:00:00 2024\nFrom: a@b\nSubject: Riesig\n\n{}\n\n",
        "x".repeat(5000)
    ));
    mbox.push_str(&small(3));
    fs::write(&path, &mbox).unwrap();
    // The limit is smaller than the mailbox and than its second message.
    let opts = ReadOptions::new().max_bytes(1000);
    let docs = read_path(&path, &opts).unwrap();
    let titles: Vec<&str> = docs.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Mail 1", "Mail 3"]);
    let mut errors = Vec::new();
    read_path_streaming(&path, &opts, &mut |item, _| {
        if let Err(e) = item {
            errors.push(e.to_string());
        }
        true
    })
    .unwrap();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("unreadable e-mail: message 2 of the mailbox: file too large"),
        "{}",
        errors[0]
    );
    // Stopping early.
    let mut n = 0;
    read_path_streaming(&path, &ReadOptions::new(), &mut |_, _| {
        n += 1;
        false
    })
    .unwrap();
    assert_eq!(n, 1);
}

// ---------------------------------------------------------------------------------------------
// Agency XML and TimeML

#[test]
fn nitf() {
    let docs = read_path(&data("nitf-beispiel.xml"), &ReadOptions::new()).unwrap();
    let doc = &docs[0];
    assert_eq!(
        doc.title,
        "Kim und Kozlov vereinbaren engere Zusammenarbeit"
    );
    assert_eq!(
        doc.dct.map(|d| (d.date, d.source)),
        Some((date(2024, 11, 19), DctSource::Metadata))
    );
    assert_eq!(headings(doc), ["Ein Abkommen für zehn Jahre"]);
    assert_eq!(
        paragraphs(doc),
        [
            "Nordkorea und Russland unterzeichnen ein Abkommen über Handel und Technik",
            "Nordkoreas Machthaber Kim Jong Un hat den russischen Minister Alexander Kozlov empfangen.",
            "Beide Seiten sprachen über Handel, Technik und Tourismus – so die Staatsmedien.",
            "Das Abkommen soll zehn Jahre gelten.",
            "Kim Jong Un und Alexander Kozlov in Pjöngjang.",
            "Bereich | Volumen",
            "Handel | 2 Mrd. Dollar",
        ]
    );
    assert_eq!(doc.metadata.get("captions").map(String::as_str), Some("4"));
    let meta = |k: &str| doc.metadata.get(k).map(String::as_str);
    assert_eq!(meta("author"), Some("Erika Beispiel"));
    assert_eq!(meta("dateline"), Some("PJÖNGJANG, 19. November"));
    assert_eq!(meta("docid"), Some("bsp-2024-11-19-0042"));
    assert!(!doc.text.contains('<'));
}

#[test]
fn newsml_g2() {
    let docs = read_path(&data("newsml-g2-beispiel.xml"), &ReadOptions::new()).unwrap();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.title, "Russische Delegation in Pjöngjang eingetroffen");
    assert_eq!(
        doc.dct.map(|d| (d.date, d.source)),
        Some((date(2024, 11, 18), DctSource::Metadata))
    );
    assert_eq!(doc.language, Lang::De);
    assert_eq!(headings(doc), ["Gespräche über Handel"]);
    assert_eq!(
        paragraphs(doc),
        [
            "Eine Delegation aus Moskau ist zu Gesprächen nach Nordkorea gereist.",
            "Am Montag traf eine Delegation unter Leitung von Alexander Kozlov in der Hauptstadt ein.",
            "Die Gespräche sollen bis Mittwoch dauern.",
        ]
    );
    let meta = |k: &str| doc.metadata.get(k).map(String::as_str);
    assert_eq!(meta("author"), Some("Max Muster"));
    assert_eq!(meta("dateline"), Some("PJÖNGJANG, 18. November"));
    assert_eq!(meta("source"), Some("Beispiel-Agentur"));
    assert_eq!(meta("located"), Some("Pjöngjang"));
}

#[test]
fn timeml() {
    let docs = read_path(&data("timeml-beispiel.tml"), &ReadOptions::new()).unwrap();
    let doc = &docs[0];
    assert_eq!(doc.title, "Delegation arrives in Pyongyang");
    assert_eq!(
        doc.dct.map(|d| (d.date, d.source)),
        Some((date(2024, 11, 19), DctSource::Metadata))
    );
    assert_eq!(
        paragraphs(doc),
        [
            "A Russian delegation arrived in Pyongyang on Monday, state media said.",
            "The talks end on Wednesday."
        ]
    );
    assert!(doc.headings.is_empty());
    assert_eq!(doc.language, Lang::En);
}

#[test]
fn timebank_files_read_as_text_not_tags() {
    let Some(dir) = dossier::dev::shared::shared_path("data/timebank") else {
        eprintln!("skipped: ../shared/data/timebank is absent");
        return;
    };
    let mut n = 0;
    for entry in fs::read_dir(dir).unwrap().flatten().take(20) {
        let docs = read_path(&entry.path(), &ReadOptions::new()).unwrap();
        let doc = &docs[0];
        assert!(!doc.title.starts_with("<?xml"), "{}", doc.title);
        assert!(
            !doc.text.contains("<EVENT") && !doc.text.contains("tid="),
            "{}",
            doc.text
        );
        assert!(doc.dct.is_some(), "{:?}", entry.path());
        n += 1;
    }
    assert!(n > 0);
}

#[test]
fn xml_never_reaches_out() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("geheim.txt");
    fs::write(&secret, "GEHEIMNIS").unwrap();
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY xxe SYSTEM \"file://{}\">\n<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n<!ENTITY net SYSTEM \"http://127.0.0.1:9/x\">]>\n<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><title>Titel</title><p>Hallo &xxe; &lol2; &net; Welt</p><xi:include href=\"{}\" parse=\"text\"/></r>",
        secret.display(),
        secret.display()
    );
    let path = dir.path().join("x.xml");
    fs::write(&path, xml).unwrap();
    let docs = read_path(&path, &ReadOptions::new()).unwrap();
    assert_eq!(docs[0].title, "Titel");
    assert_eq!(docs[0].text, "Hallo Welt");
    assert!(!docs[0].text.contains("GEHEIMNIS") && !docs[0].text.contains("lol"));
    // An XHTML file is read as HTML.
    let xhtml = "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Seite</title></head><body><p>Inhalt der Seite.</p></body></html>";
    let doc = one(xhtml.as_bytes(), Format::Xml);
    assert_eq!(doc.title, "Seite");
    assert_eq!(doc.text, "Inhalt der Seite.");
    // Malformed and too deep.
    let _ = read_bytes(b"<a><b></a", Format::Xml, None, &ReadOptions::new());
    let deep = format!("{}x{}", "<a>".repeat(2000), "</a>".repeat(2000));
    let err = read_bytes(deep.as_bytes(), Format::Xml, None, &ReadOptions::new()).unwrap_err();
    assert!(err.to_string().contains("nested"), "{err}");
}

#[test]
fn wrong_extensions() {
    let dir = tempfile::tempdir().unwrap();
    // A PDF saved as .txt is read as a PDF.
    let pdf = pdfgen::german_two_columns(&pdfgen::Options::default());
    let p = dir.path().join("bericht.txt");
    fs::write(&p, &pdf).unwrap();
    assert_eq!(
        read_path(&p, &ReadOptions::new()).unwrap()[0].title,
        "Bericht über den Verteidigungsvertrag"
    );
    // An HTML page saved as .pdf, an old .doc saved as .docx: refused, saying what they are.
    let p = dir.path().join("seite.pdf");
    fs::write(&p, "<!DOCTYPE html><html><body><p>Text</p></body></html>").unwrap();
    let err = read_path(&p, &ReadOptions::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a PDF file: the content is an HTML page (rename it to .html)"
    );
    let p = dir.path().join("alt.docx");
    fs::write(&p, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").unwrap();
    let err = read_path(&p, &ReadOptions::new()).unwrap_err();
    assert!(err.to_string().contains("Word 97–2003"), "{err}");
    // Plain text saved as .eml.
    let p = dir.path().join("notiz.eml");
    fs::write(&p, "Nur ein paar Worte ohne Kopfzeilen.").unwrap();
    assert!(read_path(&p, &ReadOptions::new()).is_err());
}

#[test]
fn formats_and_extensions() {
    for (ext, format) in [
        ("pdf", Format::Pdf),
        ("DOCX", Format::Docx),
        ("odt", Format::Odt),
        ("eml", Format::Email),
        ("mbox", Format::Mbox),
        ("xml", Format::Xml),
        ("tml", Format::Xml),
        ("nitf", Format::Xml),
    ] {
        assert_eq!(Format::from_extension(ext), Some(format), "{ext}");
        assert!(Format::EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
    }
}

// ---------------------------------------------------------------------------------------------
// Arbitrary input never panics

mod props {
    use super::*;
    use proptest::prelude::*;

    fn check(bytes: &[u8], format: Format) {
        let opts = ReadOptions::new().max_bytes(1 << 20);
        if let Ok(docs) = read_bytes(bytes, format, None, &opts) {
            for d in docs {
                for p in &d.paragraphs {
                    assert!(d.text.get(p.start..p.end).is_some());
                }
            }
        }
    }

    /// Flips, drops and inserts bytes of a valid file.
    fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
        let mut out = base.to_vec();
        for &(pos, kind, byte) in edits {
            if out.is_empty() {
                break;
            }
            let i = pos % out.len();
            match kind % 3 {
                0 => out[i] = byte,
                1 => {
                    out.remove(i);
                }
                _ => out.insert(i, byte),
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn arbitrary_bytes_every_new_format(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            for f in [Format::Pdf, Format::Docx, Format::Odt, Format::Email, Format::Mbox, Format::Xml] {
                check(&bytes, f);
            }
            let mut pdf = b"%PDF-1.4\n".to_vec();
            pdf.extend_from_slice(&bytes);
            check(&pdf, Format::Pdf);
            let mut zip = b"PK\x03\x04".to_vec();
            zip.extend_from_slice(&bytes);
            check(&zip, Format::Docx);
        }

        #[test]
        fn mutated_pdf(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)) {
            let base = pdfgen::german_two_columns(&pdfgen::Options { compress: true, ..Default::default() });
            check(&mutate(&base, &edits), Format::Pdf);
            let plain = pdfgen::german_two_columns(&pdfgen::Options::default());
            check(&mutate(&plain, &edits), Format::Pdf);
        }

        #[test]
        fn mutated_office(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)) {
            check(&mutate(&docx_bytes(), &edits), Format::Docx);
            check(&mutate(&odt_bytes(), &edits), Format::Odt);
        }

        #[test]
        fn mutated_mail(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..20)) {
            let mail = mail_with_pdf();
            check(&mutate(&mail[..mail.len().min(3000)], &edits), Format::Email);
            let mbox = fs::read(data("postfach.mbox")).unwrap();
            check(&mutate(&mbox, &edits), Format::Mbox);
        }

        #[test]
        fn xml_like_text(text in "(<[a-zA-Z:!?/]{0,6}( [a-z]{1,3}=\"[^\"]{0,5}\")?/?>|&[a-z#0-9]{0,5};|[^<&]{0,12}){0,40}") {
            check(text.as_bytes(), Format::Xml);
            let mut nitf = "<nitf>".to_string();
            nitf.push_str(&text);
            check(nitf.as_bytes(), Format::Xml);
            let mut tml = "<TimeML><TEXT>".to_string();
            tml.push_str(&text);
            check(tml.as_bytes(), Format::Xml);
            let mut g2 = "<newsItem><contentSet><inlineXML>".to_string();
            g2.push_str(&text);
            check(g2.as_bytes(), Format::Xml);
        }

        #[test]
        fn mail_like_text(text in "([A-Za-z-]{1,12}: [^\r\n]{0,30}\r?\n|\r?\n|>[^\n]{0,20}\n|--[a-z]{0,5}\n|[^\n]{0,30}\n){0,30}") {
            check(text.as_bytes(), Format::Email);
            let mut mbox = "From a@b Mon Nov 18 09:00:00 2024\n".to_string();
            mbox.push_str(&text);
            check(mbox.as_bytes(), Format::Mbox);
        }
    }
}

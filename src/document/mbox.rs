//! Mailboxes in mbox format: messages separated by `From ` lines, read one message at a time
//! from a buffered reader, so that a mailbox of any size is read in bounded memory (the largest
//! message, capped at the size limit). `>From ` lines are unescaped (mboxrd). A message larger
//! than the size limit, or one that is no e-mail, is reported with its number and the others
//! are read.

use std::fs;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use crate::model::Document;

use super::email::read_message;
use super::{ReadError, ReadOptions, ReadProgress};

/// Longest line kept whole; longer lines are read in pieces of this size.
const LINE_CAP: u64 = 1 << 20;

/// One message cut from the mailbox.
struct Chunk {
    /// 1-based number in the mailbox.
    number: usize,
    bytes: Vec<u8>,
    /// Its full size, when larger than the limit (the bytes are then incomplete).
    oversize: Option<u64>,
}

/// Splits the mailbox read from `reader` into messages, calling `each` with every message
/// and the number of bytes read so far; stops when `each` returns `false`. A file whose first
/// line is no `From ` line is one message.
fn split<R: BufRead>(
    mut reader: R,
    max_bytes: u64,
    each: &mut dyn FnMut(Chunk, u64) -> bool,
) -> Result<(), ReadError> {
    let mut line = Vec::new();
    let mut read = 0u64;
    let mut current: Option<Chunk> = None;
    let mut size = 0u64;
    let mut number = 0usize;
    let mut first = true;
    let mut at_line_start = true;
    loop {
        line.clear();
        let n = (&mut reader)
            .take(LINE_CAP)
            .read_until(b'\n', &mut line)
            .map_err(ReadError::from_io)?;
        if n == 0 {
            break;
        }
        read += n as u64;
        let starts_line = at_line_start;
        at_line_start = line.last() == Some(&b'\n');
        let is_from = starts_line && line.starts_with(b"From ");
        if is_from || first {
            first = false;
            if let Some(mut done) = current.take() {
                if size > max_bytes {
                    done.oversize = Some(size);
                }
                if !each(done, read - n as u64) {
                    return Ok(());
                }
            }
            number += 1;
            current = Some(Chunk {
                number,
                bytes: Vec::new(),
                oversize: None,
            });
            size = 0;
            if is_from {
                continue;
            }
        }
        let Some(chunk) = current.as_mut() else {
            continue;
        };
        size += n as u64;
        if size > max_bytes {
            // Too large: count the rest, keep nothing more.
            continue;
        }
        // mboxrd: ">From " and ">>From " lose one '>'.
        let unescaped = if starts_line && line.first() == Some(&b'>') {
            let gt = line.iter().take_while(|&&b| b == b'>').count();
            if line[gt..].starts_with(b"From ") {
                &line[1..]
            } else {
                &line[..]
            }
        } else {
            &line[..]
        };
        chunk.bytes.extend_from_slice(unescaped);
    }
    if let Some(mut done) = current.take() {
        if size > max_bytes {
            done.oversize = Some(size);
        }
        each(done, read);
    }
    Ok(())
}

/// Reads one message of the mailbox into documents, or says why not (naming the message).
fn message_docs(
    chunk: &Chunk,
    path: Option<&Path>,
    opts: &ReadOptions,
    depth: usize,
) -> Result<Vec<Document>, ReadError> {
    let named =
        |e: ReadError| ReadError::Mail(format!("message {} of the mailbox: {e}", chunk.number));
    if let Some(size) = chunk.oversize {
        return Err(named(ReadError::TooLarge {
            size,
            limit: opts.max_bytes,
        }));
    }
    if chunk.bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(named(ReadError::Empty));
    }
    read_message(&chunk.bytes, path, opts, depth).map_err(named)
}

/// Streams the mailbox at `path`.
pub(crate) fn stream(
    path: &Path,
    opts: &ReadOptions,
    each: &mut dyn FnMut(Result<Document, ReadError>, ReadProgress) -> bool,
) -> Result<(), ReadError> {
    let file = fs::File::open(path).map_err(ReadError::from_io)?;
    let total = file.metadata().map_err(ReadError::from_io)?.len();
    if total == 0 {
        return Err(ReadError::Empty);
    }
    let mut items = 0usize;
    let mut any_message = false;
    split(
        BufReader::with_capacity(1 << 16, file),
        opts.max_bytes,
        &mut |chunk, read| {
            any_message = true;
            let progress = |items| ReadProgress {
                bytes_read: read,
                total_bytes: total,
                items,
            };
            match message_docs(&chunk, Some(path), opts, 0) {
                Ok(docs) => {
                    for doc in docs {
                        items += 1;
                        if !each(Ok(doc), progress(items)) {
                            return false;
                        }
                    }
                    true
                }
                Err(e) => {
                    items += 1;
                    each(Err(e), progress(items))
                }
            }
        },
    )?;
    if !any_message {
        return Err(ReadError::Empty);
    }
    Ok(())
}

/// Collects the documents of a streamed mailbox: every readable message; when none is, the
/// first message's error.
fn collect(
    run: impl FnOnce(
        &mut dyn FnMut(Result<Document, ReadError>, ReadProgress) -> bool,
    ) -> Result<(), ReadError>,
) -> Result<Vec<Document>, ReadError> {
    let mut docs = Vec::new();
    let mut first_error = None;
    run(&mut |item, _| {
        match item {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
        true
    })?;
    match (docs.is_empty(), first_error) {
        (true, Some(e)) => Err(e),
        (true, None) => Err(ReadError::Empty),
        _ => Ok(docs),
    }
}

/// Reads every message of the mailbox at `path`.
pub(crate) fn read_all(path: &Path, opts: &ReadOptions) -> Result<Vec<Document>, ReadError> {
    collect(|each| stream(path, opts, each))
}

/// Reads a mailbox held in memory (an attachment, the embedded samples).
pub(crate) fn read_bytes(
    bytes: &[u8],
    path: Option<&Path>,
    opts: &ReadOptions,
    depth: usize,
) -> Result<Vec<Document>, ReadError> {
    collect(|each| {
        let mut items = 0;
        let total = bytes.len() as u64;
        split(Cursor::new(bytes), opts.max_bytes, &mut |chunk, read| {
            let progress = ReadProgress {
                bytes_read: read,
                total_bytes: total,
                items: 0,
            };
            match message_docs(&chunk, path, opts, depth) {
                Ok(docs) => docs.into_iter().all(|d| {
                    items += 1;
                    each(Ok(d), ReadProgress { items, ..progress })
                }),
                Err(e) => {
                    items += 1;
                    each(Err(e), ReadProgress { items, ..progress })
                }
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(text: &str, max: u64) -> Vec<(usize, String, Option<u64>)> {
        let mut out = Vec::new();
        split(Cursor::new(text.as_bytes()), max, &mut |c, _| {
            out.push((
                c.number,
                String::from_utf8_lossy(&c.bytes).into_owned(),
                c.oversize,
            ));
            true
        })
        .unwrap();
        out
    }

    #[test]
    fn splits_and_unescapes() {
        let mbox = "From a@b Tue Nov 19 10:00:00 2024\nSubject: Eins\n\n>From here\n>>From there\nFromage\n\nFrom c@d Tue Nov 19 11:00:00 2024\nSubject: Zwei\n\nText\n";
        let c = chunks(mbox, 1000);
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0].1,
            "Subject: Eins\n\nFrom here\n>From there\nFromage\n\n"
        );
        assert_eq!(c[1].1, "Subject: Zwei\n\nText\n");
        let c = chunks(mbox, 20);
        assert!(c[0].2.is_some());
    }
}

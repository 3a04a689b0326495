//! Conversion between the library's byte offsets and the character offsets of the JSON output.

/// Maps byte offsets of one text to character (Unicode scalar value) offsets.
///
/// Built once per text in `O(n)`; each lookup is a binary search over the positions of
/// multi-byte characters, so a text that is pure ASCII costs nothing.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// For every character that takes more than one byte, in order: its byte offset and the
    /// extra bytes (beyond one per character) of it and all wide characters before it.
    wide: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut total = 0;
        let wide = text
            .char_indices()
            .filter(|(_, c)| c.len_utf8() > 1)
            .map(|(i, c)| {
                total += c.len_utf8() - 1;
                (i, total)
            })
            .collect();
        Self {
            wide,
            len_bytes: text.len(),
        }
    }

    /// The character offset of byte offset `byte` (clamped to the text's length). A byte offset
    /// inside a multi-byte character maps to the offset of that character.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        // Extra bytes of all wide characters that start before `byte`.
        let n = self.wide.partition_point(|&(start, _)| start < byte);
        let extra = n
            .checked_sub(1)
            .and_then(|i| self.wide.get(i))
            .map_or(0, |&(_, cumulative)| cumulative);
        byte.saturating_sub(extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("hello world");
        for b in 0..=11 {
            assert_eq!(idx.char_offset(b), b);
        }
    }

    #[test]
    fn multibyte_characters() {
        let text = "Pjöngjang – „Südkorea“ 🙂!";
        let idx = CharIndex::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(byte), chars, "byte {byte}");
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
        assert_eq!(idx.char_offset(text.len() + 10), text.chars().count());
    }
}

//! Tokenisation and sentence splitting for German and English.
//!
//! All positions are byte offsets into the text that was tokenized. The tokenizer follows the
//! GermEval 2014 conventions the NER model is trained on: hyphenated compounds and names are one
//! token ("NATO-Chef", "Jong-un"; [`hyphen_parts`] gives their parts), abbreviations keep their
//! period ("Dr.", "bzw.", "z." "B."), German ordinals keep theirs ("19." in "am 19. Juni"),
//! quotation marks are tokens of their own.
//!
//! ```
//! use dossier::model::Lang;
//! use dossier::text::{split_sentences, tokenize};
//!
//! let text = "Der Vertrag wurde am 19. Juni unterzeichnet. Der NATO-Chef warnte.";
//! let tokens = tokenize(text, &Lang::De);
//! let sentences = split_sentences(text, &tokens, &Lang::De);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(tokens[4].text(text), "19.");
//! ```

mod sentences;
mod tokenize;
mod words;

#[cfg(test)]
mod tests;

pub use sentences::{Sentence, split_sentences};
pub use tokenize::{Token, TokenKind, hyphen_parts, tokenize};

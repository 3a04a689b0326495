//! Colours of the viewer, chosen to be readable in the dark and the light theme.

use egui::{Color32, Stroke};

use super::rows::Emphasis;
use crate::model::EntityType;

/// The background of a mention of type `ty`.
pub fn type_fill(ty: EntityType, dark: bool) -> Color32 {
    match (ty, dark) {
        (EntityType::Per, false) => Color32::from_rgb(0xff, 0xd6, 0xa5),
        (EntityType::Org, false) => Color32::from_rgb(0xbf, 0xdb, 0xff),
        (EntityType::Loc, false) => Color32::from_rgb(0xc4, 0xee, 0xc4),
        (EntityType::Oth, false) => Color32::from_rgb(0xe8, 0xd2, 0xff),
        (EntityType::Per, true) => Color32::from_rgb(0x80, 0x4c, 0x10),
        (EntityType::Org, true) => Color32::from_rgb(0x1d, 0x4f, 0x86),
        (EntityType::Loc, true) => Color32::from_rgb(0x25, 0x66, 0x2c),
        (EntityType::Oth, true) => Color32::from_rgb(0x62, 0x3c, 0x8c),
    }
}

/// A saturated colour for marks (dots on the timeline, legend chips' outline).
pub fn type_strong(ty: EntityType, dark: bool) -> Color32 {
    match (ty, dark) {
        (EntityType::Per, false) => Color32::from_rgb(0xc2, 0x5e, 0x00),
        (EntityType::Org, false) => Color32::from_rgb(0x1a, 0x5f, 0xb4),
        (EntityType::Loc, false) => Color32::from_rgb(0x26, 0x80, 0x2e),
        (EntityType::Oth, false) => Color32::from_rgb(0x7b, 0x3f, 0xb8),
        (EntityType::Per, true) => Color32::from_rgb(0xff, 0xa9, 0x4d),
        (EntityType::Org, true) => Color32::from_rgb(0x6c, 0xb2, 0xff),
        (EntityType::Loc, true) => Color32::from_rgb(0x7d, 0xd8, 0x85),
        (EntityType::Oth, true) => Color32::from_rgb(0xc9, 0x9b, 0xff),
    }
}

/// The human name of a type.
pub fn type_name(ty: EntityType) -> &'static str {
    match ty {
        EntityType::Per => "Person",
        EntityType::Org => "Organisation",
        EntityType::Loc => "Place",
        EntityType::Oth => "Other",
    }
}

/// Text colour, background and underline of a mention drawn with `emphasis`.
pub fn mention_style(
    ty: EntityType,
    emphasis: Emphasis,
    dark: bool,
    text: Color32,
    weak: Color32,
) -> (Color32, Color32, Stroke) {
    let fill = type_fill(ty, dark);
    match emphasis {
        Emphasis::Normal => (text, fill, Stroke::NONE),
        Emphasis::Selected => (text, fill, Stroke::new(2.0, type_strong(ty, dark))),
        Emphasis::Current => (
            if dark { Color32::BLACK } else { Color32::WHITE },
            type_strong(ty, dark),
            Stroke::new(2.0, text),
        ),
        Emphasis::Faded => (weak, fill.gamma_multiply(0.3), Stroke::NONE),
    }
}

/// The underline of time expressions (they are marked by line, mentions by fill).
pub fn timex_stroke(dark: bool) -> Stroke {
    if dark {
        Stroke::new(2.0, Color32::from_rgb(0x3f, 0xd0, 0xc8))
    } else {
        Stroke::new(2.0, Color32::from_rgb(0x00, 0x80, 0x80))
    }
}

/// The text colour of time expressions.
pub fn timex_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x7f, 0xe8, 0xe0)
    } else {
        Color32::from_rgb(0x00, 0x5f, 0x60)
    }
}

/// The background of the selected event's sentence.
pub fn target_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x4a, 0x43, 0x12)
    } else {
        Color32::from_rgb(0xff, 0xf1, 0xa8)
    }
}

//! JATS XML reader (stub while it is written).
use super::{Document, ReadError};
pub(super) fn read(_document: &mut Document) -> Result<(), ReadError> {
    Ok(())
}

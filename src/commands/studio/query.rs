//! 주소의 물음 (query): the one number a studio address may carry after `?` — a page's width
//! in pixels (`w=832`), a comparison's number (`draft=3`) — and nothing else.

/// The number `query` carries as its one parameter `key`: at most nine ASCII digits and
/// nothing else, or `None`.
pub fn number(query: &str, key: &str) -> Option<u32> {
    let digits = query.strip_prefix(key)?.strip_prefix('=')?;
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

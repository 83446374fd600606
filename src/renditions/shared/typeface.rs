//! 글꼴 파일 (typefaces): the OFL fonts the document is set in, embedded in the binary —
//! Pretendard GOV for headings and tables, Nanum Myeongjo for body text, each with a real
//! bold. The PDF typesets with them ([`crate::renditions::pdf::fonts`]) and the column widths
//! of every rendition are measured with Pretendard GOV ([`super::widths`]).

/// Pretendard GOV, the font of headings and tables (also measured for column widths).
pub const PRETENDARD_REGULAR: &[u8] = include_bytes!("../../../fonts/PretendardGOV-Regular.otf");
/// Its real bold face.
pub const PRETENDARD_BOLD: &[u8] = include_bytes!("../../../fonts/PretendardGOV-Bold.otf");
/// Nanum Myeongjo, the font of body text.
pub const NANUM_MYEONGJO_REGULAR: &[u8] = include_bytes!("../../../fonts/NanumMyeongjo.ttf");
/// Its real bold face.
pub const NANUM_MYEONGJO_BOLD: &[u8] = include_bytes!("../../../fonts/NanumMyeongjoBold.ttf");

/// Every embedded font file (see `fonts/` and their licences there).
pub const EMBEDDED: [&[u8]; 4] = [
    NANUM_MYEONGJO_REGULAR,
    NANUM_MYEONGJO_BOLD,
    PRETENDARD_REGULAR,
    PRETENDARD_BOLD,
];

//! The reference plan embedded in the binary: 2021 인천광역시 서구 (참고 계획).

/// Folder name shown in messages about the embedded plan.
pub const NAME: &str = "content/2021-인천서구";

include!(concat!(env!("OUT_DIR"), "/reference.rs"));
